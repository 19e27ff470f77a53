package org.openwrt.asu.upstream;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The devices of one target, read from the real OpenWrt 23.05.4 profiles.json and re-issued for
 * each release: same devices, titles, supported devices, device packages and image kinds; the
 * version, revision, image names and hashes of that release.
 */
final class TargetProfiles {

    /** The source of all device data. */
    static final String SOURCE_VERSION = "23.05.4";

    /** Real {@code IMAGE_SIZE} of some well-known devices; the others get the target's usual one. */
    private static final Map<String, Long> KNOWN_IMAGE_SIZES = Map.of(
            "tplink_archer-c7-v5", 15_104 * 1024L,
            "tplink_tl-wdr3600-v1", 7_936 * 1024L,
            "tplink_tl-wdr4300-v1", 7_936 * 1024L,
            "ubnt_unifiac-lite", 15_744 * 1024L,
            "glinet_gl-ar150", 16_000 * 1024L,
            "8dev_carambola2", 16_000 * 1024L,
            "xiaomi_mi-router-4a-gigabit", 14_848 * 1024L);

    /** Order of the generic default packages in {@code make info} (include/target.mk). */
    private static final List<String> BASIC_DEFAULTS = List.of("base-files", "busybox", "ca-bundle",
            "dropbear", "fstools", "libc", "libgcc", "libustream-mbedtls", "logd", "mtd", "netifd",
            "opkg", "apk-mbedtls", "procd", "procd-seccomp", "procd-ujail", "uci", "uclient-fetch",
            "urandom-seed", "urngd");
    private static final List<String> ROUTER_DEFAULTS = List.of("dnsmasq", "firewall4", "nftables",
            "kmod-nft-offload", "odhcp6c", "odhcpd-ipv6only", "ppp", "ppp-mod-pppoe");

    private final Target target;
    private final List<String> sourceDefaults;
    private final List<Device> devices;

    private TargetProfiles(Target target, List<String> sourceDefaults, List<Device> devices) {
        this.target = target;
        this.sourceDefaults = sourceDefaults;
        this.devices = devices;
    }

    static TargetProfiles load(Target target) {
        String resource = "profiles/" + target.name() + "/profiles.json";
        try (InputStream in = TargetProfiles.class.getResourceAsStream(resource);
             var reader = jakarta.json.Json.createReader(in)) {
            JsonObject root = reader.readObject();
            var devices = new ArrayList<Device>();
            root.getJsonObject("profiles").forEach((id, profile) ->
                    devices.add(Device.of(id, profile.asJsonObject())));
            return new TargetProfiles(target, strings(root, "default_packages"), List.copyOf(devices));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Device> devices() {
        return devices;
    }

    /**
     * The target's default packages in a release: 24.10 pulls busybox and procd in through
     * base-files instead of listing them, filogic added fitblk, and the apk era replaced opkg.
     */
    List<String> defaultPackages(Release release) {
        var defaults = new TreeSet<>(sourceDefaults);
        if (release.isAtLeast("24.10")) {
            defaults.removeAll(List.of("busybox", "procd", "procd-seccomp"));
            if (target.name().equals("mediatek/filogic")) {
                defaults.add("fitblk");
            }
        }
        if (release.format() == PackageFormat.APK) {
            defaults.remove("opkg");
            defaults.add("apk-mbedtls");
        }
        return List.copyOf(defaults);
    }

    /** The same set in the unsorted order {@code make info} prints it. */
    List<String> defaultPackagesAsListed(Release release) {
        var all = defaultPackages(release);
        var listed = new LinkedHashSet<String>();
        BASIC_DEFAULTS.stream().filter(all::contains).forEach(listed::add);
        all.stream().filter(p -> !BASIC_DEFAULTS.contains(p) && !ROUTER_DEFAULTS.contains(p))
                .forEach(listed::add);
        ROUTER_DEFAULTS.stream().filter(all::contains).forEach(listed::add);
        return List.copyOf(listed);
    }

    long imageSizeLimit(Device device) {
        return KNOWN_IMAGE_SIZES.getOrDefault(device.id(), target.defaultImageLimit());
    }

    /** The download server's profiles.json of {@code release} (compact, sorted keys). */
    Map<String, Object> profilesJson(Release release) {
        var json = new TreeMap<String, Object>();
        json.put("arch_packages", target.archPackages());
        json.put("default_packages", defaultPackages(release));
        if (release.publishesLinuxKernel()) {
            LinuxKernel kernel = release.kernel(target);
            json.put("linux_kernel", new TreeMap<>(Map.of("version", kernel.version(),
                    "release", kernel.release(), "vermagic", kernel.vermagic())));
        }
        json.put("metadata_version", 1);
        var profiles = new TreeMap<String, Object>();
        for (Device device : devices) {
            profiles.put(device.id(), device.profileJson(release, target));
        }
        json.put("profiles", profiles);
        json.put("source_date_epoch", release.sourceDateEpoch());
        json.put("target", target.name());
        json.put("version_code", release.versionCode());
        json.put("version_number", release.versionNumber());
        return json;
    }

    private static List<String> strings(JsonObject object, String key) {
        return object.getJsonArray(key).getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).toList();
    }

    /** One device (profile) with its real data. */
    record Device(String id, List<String> devicePackages, List<Image> images,
                  List<String> supportedDevices, List<Map<String, String>> titles) {

        static Device of(String id, JsonObject profile) {
            String prefix = profile.getString("image_prefix") + "-";
            var images = new ArrayList<Image>();
            for (JsonValue value : profile.getJsonArray("images")) {
                JsonObject image = value.asJsonObject();
                String name = image.getString("name");
                if (!name.startsWith(prefix)) {
                    throw new IllegalStateException(name + " does not start with " + prefix);
                }
                images.add(new Image(name.substring(prefix.length()), image.getString("type"),
                        image.getString("filesystem", ""), image.getString("sha256"),
                        image.getString("sha256_unsigned")));
            }
            var titles = new ArrayList<Map<String, String>>();
            for (JsonValue value : profile.getJsonArray("titles")) {
                var title = new TreeMap<String, String>();
                value.asJsonObject().forEach((key, text) -> title.put(key, ((JsonString) text).getString()));
                titles.add(title);
            }
            return new Device(id, strings(profile, "device_packages"), List.copyOf(images),
                    strings(profile, "supported_devices"), List.copyOf(titles));
        }

        /** The DEVICE_TITLE that {@code make info} shows under the profile id. */
        String title() {
            Map<String, String> first = titles.get(0);
            if (first.containsKey("title")) {
                return first.get("title");
            }
            return String.join(" ", first.get("vendor"), first.get("model"),
                    first.getOrDefault("variant", "")).trim();
        }

        Map<String, Object> profileJson(Release release, Target target) {
            String prefix = release.imagePrefix(target) + "-" + id;
            var images = new ArrayList<Map<String, Object>>();
            for (Image image : this.images) {
                images.add(image.json(release, prefix));
            }
            var json = new TreeMap<String, Object>();
            json.put("device_packages", devicePackages);
            json.put("image_prefix", prefix);
            json.put("images", images);
            json.put("supported_devices", supportedDevices);
            json.put("titles", titles);
            return json;
        }
    }

    /**
     * One image of a device.
     *
     * @param suffix      the name after {@code <image_prefix>-}, e.g. {@code squashfs-sysupgrade.bin}
     * @param filesystem  empty for boot artifacts, which have none
     */
    record Image(String suffix, String type, String filesystem, String sha256, String sha256Unsigned) {

        /** Real hashes for the source release; stable stand-ins for the others. */
        Map<String, Object> json(Release release, String prefix) {
            String name = prefix + "-" + suffix;
            boolean real = release.versionNumber().equals(SOURCE_VERSION);
            String signed = real ? sha256 : Release.pseudoHash(name, 64);
            String unsigned = real || sha256.equals(sha256Unsigned)
                    ? (real ? sha256Unsigned : signed)
                    : Release.pseudoHash("unsigned " + name, 64);
            var json = new LinkedHashMap<String, Object>();
            if (!filesystem.isEmpty()) {
                json.put("filesystem", filesystem);
            }
            json.put("name", name);
            json.put("sha256", signed);
            json.put("sha256_unsigned", unsigned);
            json.put("type", type);
            return json;
        }

        /** The ImageBuilder's image list entry: {@code suffix:type:filesystem}. */
        String imageBuilderSpec() {
            return suffix + ":" + type + ":" + filesystem;
        }
    }
}
