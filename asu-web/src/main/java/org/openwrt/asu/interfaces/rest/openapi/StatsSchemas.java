package org.openwrt.asu.interfaces.rest.openapi;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The statistics shapes, as the original server's Chart.js pages read them. */
public final class StatsSchemas {

    private StatsSchemas() {
    }

    @Schema(name = "QueueLength")
    public static class QueueLength {
        @Schema(description = "Builds waiting for a builder.")
        public long queue_length;
    }

    @Schema(name = "StatsSummary")
    public static class Summary {
        @Schema(description = "Builds waiting for a builder.")
        public long queue_length;
        @Schema(description = "Successful builds in this UTC hour and the 23 before.")
        public long builds_24h;
    }

    @Schema(name = "Chart", description = "Buckets labelled with the UTC date they start on plus Z; 0 for a bucket without data.")
    public static class Chart {
        @Schema(description = "Bucket labels, oldest first.")
        public List<String> labels;
        @Schema(description = "One series per label.")
        public List<Dataset> datasets;
    }

    @Schema(name = "ChartDataset")
    public static class Dataset {
        @Schema(description = "Series name (Requests, Cache-Hits, Failures, or a version).")
        public String label;
        @Schema(description = "One count per bucket.")
        public List<Long> data;
        @Schema(description = "Colour hint (builds-per-day).", nullable = true)
        public String color;
    }

    @Schema(name = "TopPackages")
    public static class TopPackages {
        @Schema(description = "Most requested extra packages of the last 30 days, most first.")
        public List<PackageCount> packages;
        @Schema(description = "The branch asked for, or null.", nullable = true)
        public String branch;
        @Schema(description = "30.")
        public int days;
    }

    @Schema(name = "PackageCount")
    public static class PackageCount {
        public String name;
        public long count;
    }

    @Schema(name = "Revision")
    public static class Revision {
        @Schema(description = "The ImageBuilder revision of the target, e.g. r28427-6df0e3d02a.")
        public String revision;
    }
}
