package org.openwrt.asu.builder.imagebuilder;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A target directory's {@code sha256sums}, one line per file sorted by path: {@code <hex> *<path>} lines, or
 * the BSD form {@code SHA256(<path>)= <hex>}. Paths with {@code ..} and duplicates are refused.
 */
public record Sha256Sums(Map<String, String> hashes) {

    private static final Pattern GNU = Pattern.compile("([0-9a-f]{64}) [ *](.+)");
    private static final Pattern BSD = Pattern.compile("SHA256 ?\\((.+)\\) ?= ([0-9a-f]{64})");
    /**
     * The ImageBuilder for x86_64 build hosts; its name carries the version or not and ends in
     * {@code .tar.xz} (23.05 and before) or {@code .tar.zst}: never build the name, find it.
     */
    private static final Pattern IMAGEBUILDER = Pattern.compile("[\\w-]*imagebuilder-.*Linux-x86_64\\.tar\\.(xz|zst)");

    public static Sha256Sums parse(String text) {
        Map<String, String> hashes = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            Matcher gnu = GNU.matcher(line.strip());
            Matcher bsd = BSD.matcher(line.strip());
            String path;
            String hash;
            if (gnu.matches()) {
                hash = gnu.group(1);
                path = gnu.group(2);
            } else if (bsd.matches()) {
                path = bsd.group(1);
                hash = bsd.group(2);
            } else {
                throw new IllegalArgumentException("not a sha256sums line: " + line);
            }
            if (path.startsWith("/") || ("/" + path + "/").contains("/../")) {
                throw new IllegalArgumentException("sha256sums names a path outside its directory: " + path);
            }
            if (hashes.put(path, hash) != null) {
                throw new IllegalArgumentException("sha256sums lists " + path + " twice");
            }
        }
        return new Sha256Sums(Map.copyOf(hashes));
    }

    /** The ImageBuilder archive the sums list, by name: {@code openwrt-imagebuilder-….Linux-x86_64.tar.zst}. */
    public Optional<String> imageBuilderArchive() {
        return hashes.keySet().stream().filter(path -> !path.contains("/"))
                .filter(path -> IMAGEBUILDER.matcher(path).matches()).sorted().findFirst();
    }
}
