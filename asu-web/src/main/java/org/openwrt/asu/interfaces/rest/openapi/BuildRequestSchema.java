package org.openwrt.asu.interfaces.rest.openapi;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.openwrt.asu.domain.BuildRequestReader;

/**
 * The body of {@code POST /api/v1/build} (and of the 2021 {@code POST /api/build}): the contract
 * {@link BuildRequestReader} enforces, field by field, with its patterns (Unicode word
 * characters); {@link ApiDocumentFilter} adds its enumerations and the configured limits.
 */
@Schema(name = BuildRequestSchema.NAME, description = "A request for one firmware image. Unknown fields are ignored; "
        + "every violation is reported at once as a 422.", requiredProperties = {"version", "target", "profile"})
public class BuildRequestSchema {

    static final String NAME = "BuildRequest";

    @Schema(description = "Distribution; only openwrt is built.", defaultValue = "openwrt", pattern = BuildRequestReader.STRING_PATTERN)
    public String distro;

    @Schema(description = "OpenWrt version, e.g. 24.10.2, 24.10-SNAPSHOT or SNAPSHOT.", pattern = BuildRequestReader.STRING_PATTERN,
            example = "24.10.2")
    public String version;

    @Schema(description = "Expected ImageBuilder revision (r28427-6df0e3d02a); empty means any. "
            + "A build whose ImageBuilder has another revision fails.", defaultValue = "", pattern = BuildRequestReader.STRING_PATTERN)
    public String version_code;

    @Schema(description = "Target and subtarget, exactly one slash.", pattern = BuildRequestReader.TARGET_PATTERN, example = "ath79/generic")
    public String target;

    @Schema(description = "ImageBuilder profile or a supported device name (board name); commas become underscores.",
            pattern = BuildRequestReader.STRING_PATTERN, example = "tplink_archer-c7-v5")
    public String profile;

    @Schema(description = "Packages to add (name) or remove (-name), in the order to install them.",
            type = SchemaType.ARRAY, implementation = String.class, example = "[\"luci\",\"vim\"]")
    public List<String> packages;

    @Schema(description = "Exact package versions wanted, name to version (pattern " + BuildRequestReader.PKG_VERSION_PATTERN
            + "); when not empty its keys replace packages.", type = SchemaType.OBJECT)
    public Map<String, String> packages_versions;

    @Schema(description = "packages is the complete list: default packages not listed are removed. "
            + "Accepts true/false, 1/0, yes/no, on/off.", defaultValue = "false")
    public Boolean diff_packages;

    @Schema(description = "First-boot shell script for /etc/uci-defaults; refused unless the server sets "
            + "asu.allow-defaults=true; at most asu.max-defaults-length characters (maxLength).",
            nullable = true)
    public String defaults;

    @Schema(description = "Root file system partition size in MB; at least 1, at most "
            + "asu.max-custom-rootfs-size-mb (maximum); null for the device default.",
            nullable = true, minimum = "1")
    public Integer rootfs_size_mb;

    @Schema(description = "Root file system type; null for the ImageBuilder default.", nullable = true)
    public String filesystem;

    @Schema(description = "Extra package feeds, name (" + BuildRequestReader.REPO_NAME_PATTERN + ") to URL ("
            + BuildRequestReader.REPO_URL_PATTERN + "); each URL must lie under a prefix of asu.repository-allow-list.",
            type = SchemaType.OBJECT)
    public Map<String, String> repositories;

    @Schema(description = "append the repositories to the ImageBuilder's feeds, or replace them.",
            defaultValue = "replace")
    public String repositories_mode;

    @Schema(description = "Public keys (usign or PEM) of the extra feeds.", type = SchemaType.ARRAY, implementation = String.class)
    public List<String> repository_keys;

    @Schema(description = "Client name and version (e.g. luci/24.10.2), for the statistics only; "
            + "without it auc's User-Agent is used.", nullable = true)
    public String client;
}
