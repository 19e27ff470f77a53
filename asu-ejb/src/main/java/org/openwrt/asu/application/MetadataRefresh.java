package org.openwrt.asu.application;

/**
 * Targeted re-reads of upstream metadata, for when a build request names something the copy in
 * Redis does not know yet (a version or target published since the last sync).
 */
public interface MetadataRefresh {

    void refreshVersions();

    void refreshTargets(String version);

    void refreshProfiles(String version, String target);

    /** The target's package index (kmods included) and its architecture's feeds. */
    void refreshPackages(String version, String target);
}
