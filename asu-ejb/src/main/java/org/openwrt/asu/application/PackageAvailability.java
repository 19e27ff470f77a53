package org.openwrt.asu.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.openwrt.asu.domain.PackageIndex;

/**
 * Which requested packages a version and target do not offer, over the target's packages (kmods
 * included) and its architecture's feeds, as the 2021 API checks before it accepts a build.
 */
@ApplicationScoped
public class PackageAvailability {

    /** Packages every ImageBuilder has although no index lists them under this name. */
    private static final Set<String> ALWAYS_THERE = Set.of("kernel", "libc", "libgcc");

    /** An ABI suffix as opkg appends it: {@code libusb-1.0-0}, {@code jansson4}, {@code libubox20240329}. */
    private static final Pattern ABI_SUFFIX = Pattern.compile("-?\\d+$");

    private UpstreamMetadata metadata;
    private MetadataRefresh refresh;

    protected PackageAvailability() {
    }

    @Inject
    public PackageAvailability(UpstreamMetadata metadata, MetadataRefresh refresh) {
        this.metadata = metadata;
        this.refresh = refresh;
    }

    /**
     * @param packages names as a client sends them: {@code +name} and {@code -name} (a removal,
     *                 checked like an addition) allowed, ABI-suffixed names matched to their indexed name
     * @return the unknown names as sent, in request order
     * @throws PackageListsUnavailableException when the janitor has not read this target's package lists yet
     */
    public Set<String> unknownPackages(String version, String target, Collection<String> packages) {
        String arch = metadata.targets(version).getOrDefault(target, "");
        if (metadata.targetPackages(version, target).isEmpty() || metadata.feedPackages(version, arch).isEmpty()) {
            // the janitor reads only the newest versions' package lists; older ones on demand
            refresh.refreshPackages(version, target);
        }
        PackageIndex targetPackages = metadata.targetPackages(version, target)
                .orElseThrow(() -> new PackageListsUnavailableException(version, target));
        PackageIndex feedPackages = metadata.feedPackages(version, arch)
                .orElseThrow(() -> new PackageListsUnavailableException(version, target));
        Set<String> known = new LinkedHashSet<>(targetPackages.packages().keySet());
        known.addAll(feedPackages.packages().keySet());
        Set<String> unknown = new LinkedHashSet<>();
        for (String requested : packages) {
            String name = requested.startsWith("+") || requested.startsWith("-") ? requested.substring(1) : requested;
            if (!ALWAYS_THERE.contains(name) && !known.contains(name)
                    && !known.contains(ABI_SUFFIX.matcher(name).replaceFirst(""))) {
                unknown.add(requested);
            }
        }
        return unknown;
    }
}
