package org.openwrt.asu.ear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The built EAR carries every resource definition an existing Payara Server needs besides the
 * adapter (misc/payara-server.md): the app-scoped connection factory on artemis-ra, the builders
 * bound to artemis-ra, and a declaration for every {@code java:app/…} name a class looks up.
 * Reads the archive only; no server. Also checks misc/nginx/asu.conf with {@code nginx -t} when
 * nginx is installed.
 */
class EarResourcesIT {

    /** JNDI names in a class file's constant pool: {@code @Resource(lookup = …)} values and constants. */
    private static final Pattern JNDI_NAME = Pattern.compile("java:(?:app|global|module)/[A-Za-z0-9_./-]+");

    private static Map<String, byte[]> ear;

    @BeforeAll
    static void readTheEar() throws IOException {
        ear = entries(Files.readAllBytes(Path.of(System.getProperty("asu.it.ear"))));
    }

    @Test
    void theEarDeclaresTheConnectionFactoryOnTheArtemisAdapter() throws Exception {
        Document resources = xml(entry(ear, "META-INF/glassfish-resources.xml"));
        Element factory = only(resources, "connector-resource", "jndi-name", "java:app/jms/asuConnectionFactory");
        Element pool = only(resources, "connector-connection-pool", "name", factory.getAttribute("pool-name"));
        assertEquals("artemis-ra", pool.getAttribute("resource-adapter-name"));
        assertEquals("jakarta.jms.ConnectionFactory", pool.getAttribute("connection-definition-name"));
    }

    @Test
    void theBuildersAreBoundToTheArtemisAdapter() throws Exception {
        Map<String, byte[]> builders = entries(entry(ear, "asu-builder-mdb.jar"));
        assertTrue(builders.containsKey("org/openwrt/asu/builder/BuildRequestListener.class"));
        Document descriptor = xml(entry(builders, "META-INF/glassfish-ejb-jar.xml"));
        Element ejb = onlyByChild(descriptor, "ejb", "ejb-name", "BuildRequestListener");
        assertEquals("artemis-ra", text(ejb, "resource-adapter-mid"));
    }

    /** WildFly (misc/wildfly.md): the builders on asu-ra, and the factory's java:app name linked to asu-ra's entry. */
    @Test
    void theWildFlyDescriptorBindsTheBuildersAndTheFactoryToAsuRa() throws Exception {
        Document descriptor = xml(entry(entries(entry(ear, "asu-builder-mdb.jar")), "META-INF/jboss-ejb3.xml"));
        Element binding = onlyByChild(descriptor, "mdb:resource-adapter-binding", "ejb-name", "BuildRequestListener");
        assertEquals("asu-ra", text(binding, "mdb:resource-adapter-name"));
        Element factory = onlyByChild(descriptor, "resource-ref", "res-ref-name", "java:app/jms/asuConnectionFactory");
        assertEquals("java:/jms/asu-ra", text(factory, "lookup-name"));
        assertTrue(Files.readString(Path.of(System.getProperty("asu.it.repository", "../..")).resolve("misc/wildfly/asu.cli"))
                .contains("pooled-connection-factory=asu-ra:add(connectors=[asu-broker], entries=[java:/jms/asu-ra]"),
                "misc/wildfly/asu.cli creates asu-ra with the entry jboss-ejb3.xml links to");
    }

    @Test
    void everyLookedUpNameIsDeclared() throws Exception {
        Set<String> declared = new TreeSet<>();
        NodeList resources = xml(entry(ear, "META-INF/glassfish-resources.xml")).getDocumentElement().getElementsByTagName("*");
        for (int i = 0; i < resources.getLength(); i++) {
            Element element = (Element) resources.item(i);
            if (element.hasAttribute("jndi-name")) {
                declared.add(element.getAttribute("jndi-name"));
            }
        }
        Map<String, String> used = new TreeMap<>();
        for (String module : Set.of("asu-ejb.jar", "asu-builder-mdb.jar", "asu-web.war")) {
            entries(entry(ear, module)).forEach((name, bytes) -> {
                if (name.endsWith(".class")) {
                    Matcher names = JNDI_NAME.matcher(new String(bytes, StandardCharsets.ISO_8859_1));
                    while (names.find()) {
                        used.put(names.group(), module + "!" + name);
                    }
                }
            });
        }
        assertTrue(used.containsKey("java:app/jms/asuConnectionFactory"), "the scan finds the queue's factory: " + used);
        used.forEach((name, where) -> assertTrue(declared.contains(name), where + " looks up " + name
                + ", which glassfish-resources.xml does not declare (declared: " + declared + ")"));
    }

    @Test
    void theNginxRecipeParses(@TempDir Path prefix) throws Exception {
        Optional<Path> nginx = Stream.concat(Stream.of(System.getenv("PATH").split(File.pathSeparator)), Stream.of("/usr/sbin"))
                .map(dir -> Path.of(dir, "nginx")).filter(Files::isExecutable).findFirst();
        Assumptions.assumeTrue(nginx.isPresent(), "nginx is not installed");
        Path recipe = Path.of(System.getProperty("asu.it.repository", "../..")).resolve("misc/nginx/asu.conf").toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(recipe), recipe.toString());
        Path conf = prefix.resolve("nginx.conf");
        Files.writeString(conf, "pid " + prefix.resolve("nginx.pid") + ";\nerror_log stderr;\nevents {}\nhttp {\n"
                + "  access_log off;\n"
                + Stream.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
                        .map(kind -> "  " + kind + "_temp_path " + prefix.resolve(kind) + ";\n").reduce("", String::concat)
                + "  include " + recipe + ";\n}\n");
        Process test = new ProcessBuilder(nginx.get().toString(), "-t", "-p", prefix.toString(), "-c", conf.toString())
                .redirectErrorStream(true).start();
        String output = new String(test.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(test.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, test.exitValue(), output);
        assertTrue(output.contains("test is successful"), output);
    }

    private static Element only(Document document, String tag, String attribute, String value) {
        NodeList elements = document.getElementsByTagName(tag);
        Element found = null;
        for (int i = 0; i < elements.getLength(); i++) {
            Element element = (Element) elements.item(i);
            if (value.equals(element.getAttribute(attribute))) {
                assertEquals(null, found, "two " + tag + " with " + attribute + "=" + value);
                found = element;
            }
        }
        assertNotNull(found, "no " + tag + " with " + attribute + "=" + value);
        return found;
    }

    private static Element onlyByChild(Document document, String tag, String child, String value) {
        NodeList elements = document.getElementsByTagName(tag);
        for (int i = 0; i < elements.getLength(); i++) {
            Element element = (Element) elements.item(i);
            if (value.equals(text(element, child))) {
                return element;
            }
        }
        throw new AssertionError("no " + tag + " with " + child + " " + value);
    }

    private static String text(Element parent, String tag) {
        NodeList found = parent.getElementsByTagName(tag);
        assertFalse(found.getLength() == 0, "no " + tag + " in " + parent.getTagName());
        return found.item(0).getTextContent().strip();
    }

    private static byte[] entry(Map<String, byte[]> archive, String name) {
        byte[] bytes = archive.get(name);
        assertNotNull(bytes, "missing " + name + " (has " + new TreeSet<>(archive.keySet()).headSet("N") + "…)");
        return bytes;
    }

    private static Map<String, byte[]> entries(byte[] archive) throws IOException {
        Map<String, byte[]> entries = new TreeMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (!entry.isDirectory()) {
                    entries.put(entry.getName(), zip.readAllBytes());
                }
            }
        }
        return entries;
    }

    /** Parses a descriptor without fetching its DTD. */
    private static Document xml(byte[] bytes) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        DocumentBuilder builder = factory.newDocumentBuilder();
        builder.setEntityResolver((publicId, systemId) -> new InputSource(InputStream.nullInputStream()));
        return builder.parse(new ByteArrayInputStream(bytes));
    }
}
