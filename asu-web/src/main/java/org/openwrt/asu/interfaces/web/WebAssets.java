package org.openwrt.asu.interfaces.web;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pages, styles, scripts and icon the WAR carries as classpath resources next to this class,
 * read once and kept in memory. Only plain file names with a known extension are looked up, so a
 * request can never reach another resource of the class path.
 */
@ApplicationScoped
public class WebAssets {

    /** One file: its name, the {@code Content-Type} to send, its bytes and a strong validator. */
    public record Asset(String name, String contentType, byte[] content, String etag) {
    }

    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "svg", "image/svg+xml");

    /** What {@code /static/{file}} may serve: no pages, no paths, no dot files. */
    private static final Pattern STATIC_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*\\.(css|js|svg)");
    private static final Pattern PAGE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*\\.(html)");

    private final Map<String, Asset> loaded = new ConcurrentHashMap<>();

    /** A page ({@code overview.html}, {@code stats.html}). */
    public Optional<Asset> page(String name) {
        return find(PAGE_NAME, name);
    }

    /** A file under {@code /static/}: a style sheet, a script module or an image. */
    public Optional<Asset> staticFile(String name) {
        return find(STATIC_NAME, name);
    }

    private Optional<Asset> find(Pattern allowed, String name) {
        Matcher matcher = allowed.matcher(name == null ? "" : name);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        Asset known = loaded.get(name);
        if (known != null) {
            return Optional.of(known);
        }
        return read(name).map(content -> {
            Asset asset = new Asset(name, CONTENT_TYPES.get(matcher.group(1)), content, sha256(content).substring(0, 32));
            loaded.put(name, asset);
            return asset;
        });
    }

    private static Optional<byte[]> read(String name) {
        try (InputStream in = WebAssets.class.getResourceAsStream(name)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the web asset " + name, e);
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
