package org.openwrt.asu.interfaces.rest.openapi;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of {@code POST /api/v1/build} (and of the 2021 {@code POST /api/build}): the contract
 * {@link org.openwrt.asu.domain.BuildRequestReader} enforces, field by field. Patterns use
 * Unicode word characters.
 */
@Schema(name = "BuildRequest", description = "A request for one firmware image. Unknown fields are ignored; "
        + "every violation is reported at once as a 422.", requiredProperties = {"version", "target", "profile"})
public class BuildRequestSchema {

    @Schema(description = "Distribution; only openwrt is built.", defaultValue = "openwrt", pattern = "^[\\w.,-]*$")
    public String distro;

    @Schema(description = "OpenWrt version, e.g. 24.10.2, 24.10-SNAPSHOT or SNAPSHOT.", pattern = "^[\\w.,-]*$",
            example = "24.10.2")
    public String version;

    @Schema(description = "Expected ImageBuilder revision (r28427-6df0e3d02a); empty means any. "
            + "A build whose ImageBuilder has another revision fails.", defaultValue = "", pattern = "^[\\w.,-]*$")
    public String version_code;

    @Schema(description = "Target and subtarget, exactly one slash.", pattern = "^[\\w]*/[\\w]*$", example = "ath79/generic")
    public String target;

    @Schema(description = "ImageBuilder profile or a supported device name (board name); commas become underscores.",
            pattern = "^[\\w.,-]*$", example = "tplink_archer-c7-v5")
    public String profile;

    @Schema(description = "Packages to add (name) or remove (-name), in the order to install them.",
            type = SchemaType.ARRAY, implementation = String.class, example = "[\"luci\",\"vim\"]")
    public List<String> packages;

    @Schema(description = "Exact package versions wanted, name to version (pattern ^[\\w+.,~-]*$); "
            + "when not empty its keys replace packages.", type = SchemaType.OBJECT)
    public Map<String, String> packages_versions;

    @Schema(description = "packages is the complete list: default packages not listed are removed. "
            + "Accepts true/false, 1/0, yes/no, on/off.", defaultValue = "false")
    public Boolean diff_packages;

    @Schema(description = "First-boot shell script for /etc/uci-defaults; refused unless the server sets "
            + "asu.allow-defaults=true; at most asu.max-defaults-length characters (default 20480).",
            nullable = true, maxLength = 20480)
    public String defaults;

    @Schema(description = "Root file system partition size in MB; at least 1, at most "
            + "asu.max-custom-rootfs-size-mb (default 1024); null for the device default.",
            nullable = true, minimum = "1", maximum = "1024")
    public Integer rootfs_size_mb;

    @Schema(description = "Root file system type; null for the ImageBuilder default.", nullable = true,
            enumeration = {"squashfs", "ext4", "ubifs", "erofs", "jffs2", "jffs2-nand", "targz", "cpiogz"})
    public String filesystem;

    @Schema(description = "Extra package feeds, name (^[\\w.-]+$) to URL (^https?://\\S+$); each URL must lie under "
            + "a prefix of asu.repository-allow-list.", type = SchemaType.OBJECT)
    public Map<String, String> repositories;

    @Schema(description = "append the repositories to the ImageBuilder's feeds, or replace them.",
            defaultValue = "replace", enumeration = {"append", "replace"})
    public String repositories_mode;

    @Schema(description = "Public keys (usign or PEM) of the extra feeds.", type = SchemaType.ARRAY, implementation = String.class)
    public List<String> repository_keys;

    @Schema(description = "Client name and version (e.g. luci/24.10.2), for the statistics only; "
            + "without it auc's User-Agent is used.", nullable = true)
    public String client;
}
