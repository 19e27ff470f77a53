package org.openwrt.asu.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.function.Supplier;
import org.openwrt.asu.domain.BuildRequest;
import org.openwrt.asu.domain.DeviceProfiles;

/**
 * The checks a new request passes before it is queued, in the original server's order, so that
 * clients get the same first message for the same mistake. What upstream offers comes from the
 * janitor's copy; a version, target or profile missing there is re-read once from upstream, as
 * it may have been published since the last sync.
 */
@ApplicationScoped
public class RequestValidation {

    @Inject
    BuildPolicy policy;

    @Inject
    Branches branches;

    @Inject
    UpstreamMetadata metadata;

    @Inject
    MetadataRefresh refresh;

    /** @return the request to build: {@link BuildRequest#accepted the same, with the canonical profile and normalised packages} */
    public BuildRequest check(BuildRequest request) {
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
        if (branches.ofVersion(version).isEmpty()) {
            throw rejected("bad_branch", "Unsupported branch: " + version);
        }
        if (!knownAfterRefresh(() -> metadata.versions().versions().contains(version), refresh::refreshVersions)) {
            throw rejected("bad_version", "Unsupported version: " + version);
        }
        String target = request.target();
        if (!knownAfterRefresh(() -> metadata.targets(version).containsKey(target), () -> refresh.refreshTargets(version))) {
            throw rejected("bad_target", "Unsupported target: " + target + ". The requested target was either dropped, is still being"
                    + " built or is not supported by the selected version. Please check the forums or try again later.");
        }
        Optional<String> profile = DeviceProfiles.canonical(request.profile(), metadata.profileNames(version, target));
        if (profile.isEmpty()) {
            refresh.refreshProfiles(version, target);
            profile = DeviceProfiles.canonical(request.profile(), metadata.profileNames(version, target));
        }
        if (profile.isEmpty()) {
            throw rejected("bad_profile", "Unsupported profile: " + request.profile() + ". The requested profile was either dropped"
                    + " or never existed. Please check the forums for more information.");
        }
        return request.accepted(profile.get());
    }

    private static boolean knownAfterRefresh(Supplier<Boolean> known, Runnable refresh) {
        if (known.get()) {
            return true;
        }
        refresh.run();
        return known.get();
    }

    /** The code is the 2021 API's status word for the same mistake. */
    private static BuildRequestRejectedException rejected(String code, String message) {
        return new BuildRequestRejectedException(code, message);
    }
}
