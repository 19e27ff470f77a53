package org.openwrt.asu.upstream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sha256sums.sig verifies the way a server verifies it: usign layout, keynum, JDK Ed25519. */
class UsignSignatureTest {

    private static final byte[] X509_ED25519_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private final Path targetDirectory = GeneratedTree.root().resolve("releases/24.10.2/targets/ath79/generic");

    @Test
    void checksumSignatureVerifiesWithTheJdksEd25519() throws Exception {
        byte[] sums = Files.readAllBytes(targetDirectory.resolve("sha256sums"));

        assertTrue(verify(sums, Files.readString(targetDirectory.resolve("sha256sums.sig"))));
    }

    @Test
    void tamperedChecksumsFailVerification() throws Exception {
        byte[] sums = Files.readAllBytes(targetDirectory.resolve("sha256sums"));
        sums[0] = (byte) (sums[0] == '0' ? '1' : '0');

        assertFalse(verify(sums, Files.readString(targetDirectory.resolve("sha256sums.sig"))));
    }

    @Test
    void packagesIndexesOfOpkgFeedsAreSigned() throws Exception {
        Path feed = GeneratedTree.root().resolve("releases/24.10.2/packages/mips_24kc/base");

        assertTrue(verify(Files.readAllBytes(feed.resolve("Packages")), Files.readString(feed.resolve("Packages.sig"))));
    }

    @Test
    void publicKeyFileHasTheUsignLayout() {
        List<String> lines = UsignKey.TEST.publicKeyFile().lines().toList();

        assertEquals(2, lines.size());
        assertEquals("untrusted comment: public key " + UsignKey.TEST.fingerprint(), lines.get(0));
        byte[] blob = Base64.getDecoder().decode(lines.get(1));
        assertEquals(42, blob.length);
        assertEquals("Ed", new String(blob, 0, 2, StandardCharsets.US_ASCII));
        assertEquals(UsignKey.TEST.fingerprint(), HexFormat.of().formatHex(blob, 2, 10));
        assertArrayEquals(UsignKey.TEST.rawPublicKey(), Arrays.copyOfRange(blob, 10, 42));
    }

    @Test
    void imageBuildersTrustTheSigningKey(@TempDir Path into) throws Exception {
        Path builder = ImageBuilder.extract("24.10.2", "ath79/generic", into).directory();

        assertEquals(UsignKey.TEST.publicKeyFile(),
                Files.readString(builder.resolve("keys").resolve(UsignKey.TEST.fingerprint())));
    }

    /** The verification steps of usign, keynum check included. */
    private static boolean verify(byte[] message, String signatureFile) throws Exception {
        List<String> signatureLines = signatureFile.lines().toList();
        List<String> keyLines = UsignKey.TEST.publicKeyFile().lines().toList();
        assertTrue(signatureLines.get(0).startsWith("untrusted comment: "));
        byte[] signature = Base64.getDecoder().decode(signatureLines.get(1));
        byte[] key = Base64.getDecoder().decode(keyLines.get(1));
        assertEquals(74, signature.length);
        assertArrayEquals(Arrays.copyOfRange(key, 0, 10), Arrays.copyOfRange(signature, 0, 10), "Ed + keynum");

        byte[] encoded = new byte[X509_ED25519_PREFIX.length + 32];
        System.arraycopy(X509_ED25519_PREFIX, 0, encoded, 0, X509_ED25519_PREFIX.length);
        System.arraycopy(key, 10, encoded, X509_ED25519_PREFIX.length, 32);
        PublicKey publicKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(publicKey);
        verifier.update(message);
        return verifier.verify(Arrays.copyOfRange(signature, 10, 74));
    }
}
