package org.openwrt.asu.domain;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.util.List;

/**
 * Package renames and removals clients apply when they upgrade across them (LuCI, auc, owut read
 * them from every branch object). A release branch lists the changes made before it branched off.
 */
public final class PackageChanges {

    private record Change(String source, String target, int revision, boolean mandatory) {
    }

    private static final List<Change> ALL = List.of(
            new Change("firewall", "firewall4", 18611, false),
            new Change("kmod-nft-nat6", null, 20282, true),
            new Change("libustream-wolfssl", "libustream-mbedtls", 21994, false),
            new Change("px5g-wolfssl", "px5g-mbedtls", 21994, false),
            new Change("wpad-basic-wolfssl", "wpad-basic-mbedtls", 21994, false),
            new Change("luci-app-diag-core", null, 25984, true),
            new Change("auc", "owut", 26792, false),
            new Change("luci-app-opkg", "luci-app-package-manager", 27897, false),
            new Change("opkg", "apk-mbedtls", 28056, false));

    private PackageChanges() {
    }

    /** The {@code package_changes} array of a branch: keys source, target, revision, mandatory (absent ones left out). */
    public static JsonArray of(Branch branch) {
        JsonArrayBuilder changes = Json.createArrayBuilder();
        ALL.stream()
                .filter(change -> branch.branchOffRev() == null || change.revision() <= branch.branchOffRev())
                .forEach(change -> {
                    JsonObjectBuilder object = Json.createObjectBuilder().add("source", change.source());
                    if (change.target() != null) {
                        object.add("target", change.target());
                    }
                    object.add("revision", change.revision());
                    if (change.mandatory()) {
                        object.add("mandatory", true);
                    }
                    changes.add(object);
                });
        return changes.build();
    }
}
