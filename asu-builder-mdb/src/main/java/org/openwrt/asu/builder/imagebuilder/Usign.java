package org.openwrt.asu.builder.imagebuilder;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;

/**
 * usign (signify) signatures: Ed25519 over the raw bytes of a file, by a key named by its
 * 8-byte keynum ({@code "Ed"}, keynum, then the 32-byte key or 64-byte signature). Unlike the original server, the signature's keynum must
 * match the key's, as usign itself requires.
 */
public final class Usign {

    private static final byte[] ALGORITHM = {'E', 'd'};
    private static final int KEY_LENGTH = 42;
    private static final int SIGNATURE_LENGTH = 74;
    /** DER prefix of an X.509 SubjectPublicKeyInfo for a raw 32-byte Ed25519 key. */
    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private Usign() {
    }

    /** True when {@code signatureFile} (the two-line {@code .sig}) signs {@code message} by one of {@code publicKeys}. */
    public static boolean verify(byte[] message, String signatureFile, Collection<String> publicKeys) {
        byte[] signature = decode(signatureFile, SIGNATURE_LENGTH);
        if (signature == null) {
            return false;
        }
        for (String publicKey : publicKeys) {
            byte[] key = decode(publicKey, KEY_LENGTH);
            if (key != null && Arrays.equals(key, 2, 10, signature, 2, 10) && ed25519(message, key, signature)) {
                return true;
            }
        }
        return false;
    }

    /** The 16 hex digits naming a key, as {@code usign -F} prints them. */
    public static String fingerprint(String publicKey) {
        byte[] key = decode(publicKey, KEY_LENGTH);
        if (key == null) {
            throw new IllegalArgumentException("not a usign public key: " + publicKey);
        }
        return HexFormat.of().formatHex(key, 2, 10);
    }

    private static boolean ed25519(byte[] message, byte[] key, byte[] signature) {
        try {
            byte[] spki = Arrays.copyOf(ED25519_SPKI_PREFIX, ED25519_SPKI_PREFIX.length + 32);
            System.arraycopy(key, 10, spki, ED25519_SPKI_PREFIX.length, 32);
            PublicKey publicKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(publicKey);
            verifier.update(message);
            return verifier.verify(signature, 10, 64);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /**
     * The binary blob of a key or signature: either the bare base64 line or the file form
     * ({@code untrusted comment: …} then the base64 line). Null when it is not well-formed.
     */
    private static byte[] decode(String text, int length) {
        String[] lines = text.strip().split("\n");
        String base64;
        if (lines.length == 2 && lines[0].startsWith("untrusted comment:")) {
            base64 = lines[1].strip();
        } else if (lines.length == 1) {
            base64 = lines[0].strip();
        } else {
            return null;
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(base64.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            return null;
        }
        return blob.length == length && blob[0] == ALGORITHM[0] && blob[1] == ALGORITHM[1] ? blob : null;
    }
}
