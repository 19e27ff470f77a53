package org.openwrt.asu.upstream;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The usign (signify) key that signs the miniature upstream: Ed25519, derived from a fixed seed
 * so that every generated tree is byte-for-byte the same. Its public key is what a server
 * configured for the miniature upstream must trust.
 *
 * <p>File formats (usign {@code main.c}): two lines, {@code untrusted comment: <text>} and the
 * base64 of {@code "Ed" ‖ keynum(8) ‖ public key(32)} or {@code "Ed" ‖ keynum(8) ‖ signature(64)}.
 */
public final class UsignKey {

    /** The test key of the miniature upstream. Never trust it outside tests and demos. */
    public static final UsignKey TEST = fromSeed("openwrt-asu miniature upstream test key");

    private static final byte[] ALGORITHM = {'E', 'd'};

    private final byte[] keynum;
    private final byte[] publicKey;
    private final PrivateKey privateKey;

    private UsignKey(byte[] keynum, byte[] publicKey, PrivateKey privateKey) {
        this.keynum = keynum;
        this.publicKey = publicKey;
        this.privateKey = privateKey;
    }

    private static UsignKey fromSeed(String phrase) {
        try {
            byte[] seed = MessageDigest.getInstance("SHA-256").digest(phrase.getBytes(StandardCharsets.UTF_8));
            KeyPair pair = keyPair(seed);
            byte[] encoded = pair.getPublic().getEncoded();
            byte[] raw = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
            byte[] keynum = Arrays.copyOf(MessageDigest.getInstance("SHA-512").digest(raw), 8);
            return new UsignKey(keynum, raw, pair.getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available", e);
        }
    }

    /**
     * An Ed25519 private key is its 32-byte seed; the JDK derives the public key only while
     * generating, so the generator is handed the seed as its randomness.
     */
    private static KeyPair keyPair(byte[] seed) throws GeneralSecurityException {
        var generator = KeyPairGenerator.getInstance("Ed25519");
        generator.initialize(NamedParameterSpec.ED25519, new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                System.arraycopy(seed, 0, bytes, 0, bytes.length);
            }
        });
        return generator.generateKeyPair();
    }

    /** The key number (fingerprint) as {@code usign -F} prints it: 16 lowercase hex digits. */
    public String fingerprint() {
        return HexFormat.of().formatHex(keynum);
    }

    /** The raw 32-byte Ed25519 public key. */
    public byte[] rawPublicKey() {
        return publicKey.clone();
    }

    /** The base64 line of the public key file, as branch configurations quote it. */
    public String publicKey() {
        return Base64.getEncoder().encodeToString(concat(ALGORITHM, keynum, publicKey));
    }

    /** The public key file ({@code usign -G -p}), as found in {@code keys/<fingerprint>}. */
    public String publicKeyFile() {
        return "untrusted comment: public key " + fingerprint() + "\n" + publicKey() + "\n";
    }

    /** The signature file ({@code usign -S}) of {@code message}, e.g. {@code sha256sums.sig}. */
    public String signatureFile(byte[] message) {
        try {
            var signer = Signature.getInstance("Ed25519");
            signer.initSign(privateKey);
            signer.update(message);
            byte[] blob = concat(ALGORITHM, keynum, signer.sign());
            return "untrusted comment: signed by key " + fingerprint() + "\n"
                    + Base64.getEncoder().encodeToString(blob) + "\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with Ed25519", e);
        }
    }

    private static byte[] concat(byte[]... parts) {
        int length = Arrays.stream(parts).mapToInt(part -> part.length).sum();
        byte[] result = new byte[length];
        int offset = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, result, offset, part.length);
            offset += part.length;
        }
        return result;
    }
}
