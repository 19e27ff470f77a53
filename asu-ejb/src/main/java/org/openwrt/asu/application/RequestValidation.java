package org.openwrt.asu.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.openwrt.asu.domain.Branch;
import org.openwrt.asu.domain.BuildRequest;
import org.openwrt.asu.domain.DeviceProfiles;

/**
 * The checks a new request passes before it is queued, in the original server's order, so that
 * clients get the same first message for the same mistake: defaults, repositories, distro, then
 * branch, version, target and profile (and for the 2021 API, packages). What upstream offers
 * comes from the janitor's copy; a version, target or profile missing there is re-read once
 * from upstream, as it may have been published since the last sync.
 */
@ApplicationScoped
public class RequestValidation {

    /** What is checked beside the v1 rules. */
    public enum Checks {
        /** v1: a configured branch, whether enabled or not; unknown packages fail the build. */
        V1,
        /**
         * The 2021 API's device checks: a version of a branch the server does not build (disabled, or
         * no version of it with targets upstream) is a branch error too, as with the 2021 server,
         * whose configuration listed only the branches it built.
         */
        LEGACY_DEVICE,
        /** And then packages the target does not offer, additions and removals alike, before anything is queued. */
        LEGACY
    }

    private BuildPolicy policy;
    private Branches branches;
    private UpstreamMetadata metadata;
    private MetadataRefresh refresh;
    private PackageAvailability packages;

    protected RequestValidation() {
    }

    @Inject
    public RequestValidation(BuildPolicy policy,
                             Branches branches,
                             UpstreamMetadata metadata,
                             MetadataRefresh refresh,
                             PackageAvailability packages) {
        this.policy = policy;
        this.branches = branches;
        this.metadata = metadata;
        this.refresh = refresh;
        this.packages = packages;
    }

    /**
     * @return the request to build: {@link BuildRequest#accepted the same, with the canonical profile and normalised packages}
     * @throws BuildRequestRejectedException naming the first thing the server does not build
     * @throws UnknownPackagesException      ({@link Checks#LEGACY}) for packages the target does not offer
     */
    public BuildRequest check(BuildRequest request, Checks checks) {
        if (request.hasDefaults() && !policy.allowsDefaults()) {
            throw rejected("bad_request", "Handling `defaults` not enabled on server");
        }
        for (String url : request.repositories().values()) {
            if (!policy.allowsRepository(url)) {
                throw rejected("bad_repository", "Repository not allowed: " + url);
            }
        }
        if (!"openwrt".equals(request.distro())) {
            throw rejected("bad_distro", "Unsupported distro: " + request.distro());
        }
        String version = request.version();
        if (branches.ofVersion(version).filter(branch -> checks == Checks.V1 || builds(branch)).isEmpty()) {
            throw rejected("bad_branch", "Unsupported branch: " + version);
        }
        if (!knownAfterRefresh(() -> metadata.versions().versions().contains(version), refresh::refreshVersions)) {
            throw rejected("bad_version", "Unsupported version: " + version);
        }
        String target = request.target();
        if (!knownAfterRefresh(() -> metadata.targets(version).containsKey(target), () -> refresh.refreshTargets(version))) {
            throw new BuildRequestRejectedException("bad_target", "Unsupported target: " + target + ". The requested target was"
                    + " either dropped, is still being built or is not supported by the selected version. Please check the forums or"
                    + " try again later.", "Unsupported target: " + target);
        }
        Optional<String> profile = DeviceProfiles.canonical(request.profile(), metadata.profileNames(version, target));
        if (profile.isEmpty()) {
            refresh.refreshProfiles(version, target);
            profile = DeviceProfiles.canonical(request.profile(), metadata.profileNames(version, target));
        }
        if (profile.isEmpty()) {
            throw new BuildRequestRejectedException("bad_profile", "Unsupported profile: " + request.profile() + ". The requested"
                    + " profile was either dropped or never existed. Please check the forums for more information.",
                    "Unsupported profile: " + request.profile());
        }
        if (checks == Checks.LEGACY) {
            Set<String> unknown = packages.unknownPackages(version, target, request.requestedPackages());
            if (!unknown.isEmpty()) {
                throw new UnknownPackagesException(unknown);
            }
        }
        return request.accepted(profile.get());
    }

    private boolean builds(Branch branch) {
        return branch.enabled() && metadata.versionsOf(branch).stream().anyMatch(version -> !metadata.targets(version).isEmpty());
    }

    private static boolean knownAfterRefresh(Supplier<Boolean> known, Runnable refresh) {
        if (known.get()) {
            return true;
        }
        refresh.run();
        return known.get();
    }

    /** The code is the 2021 API's status word for the same mistake, and the message its words too. */
    private static BuildRequestRejectedException rejected(String code, String message) {
        return new BuildRequestRejectedException(code, message, message);
    }
}
