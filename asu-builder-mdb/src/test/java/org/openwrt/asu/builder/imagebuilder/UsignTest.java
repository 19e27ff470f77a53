package org.openwrt.asu.builder.imagebuilder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openwrt.asu.upstream.UsignKey;

class UsignTest {

    /** The vector of the original server's tests. */
    private static final String KEY = "RWSrHfFmlHslUcLbXFIRp+eEikWF9z1N77IJiX5Bt/nJd1a/x+L+SU89";
    private static final String SIGNATURE = "untrusted comment: signed by key ab1df166947b2551\n"
            + "RWSrHfFmlHslUQ9dCB1AJr/PoIIbBJJKtofZ5frLOuG03SlwAwgU1tYOaJs2eVGdo1C8S9LNcMBLPIfDDCWSdrLK3WJ6JV6HNQM=\n";
    private static final byte[] MESSAGE = "test\n".getBytes(StandardCharsets.UTF_8);

    @Test
    void theSpecVectorVerifies() {
        assertTrue(Usign.verify(MESSAGE, SIGNATURE, List.of(KEY)));
    }

    @Test
    void anotherMessageDoesNotVerify() {
        assertFalse(Usign.verify("test".getBytes(StandardCharsets.UTF_8), SIGNATURE, List.of(KEY)));
    }

    @Test
    void aCorruptedKeyDoesNotVerify() {
        assertFalse(Usign.verify(MESSAGE, SIGNATURE, List.of(KEY.replace("Bt/nJd", "Bt/nJe"))));
    }

    @Test
    void aSignatureByAnotherKeynumIsRefusedEvenWithTheRightKeyMaterial() {
        // same Ed25519 key, keynum changed in the key: usign looks keys up by keynum, so this must fail
        byte[] key = java.util.Base64.getDecoder().decode(KEY);
        key[2] ^= 1;
        String renamedKey = java.util.Base64.getEncoder().encodeToString(key);
        assertFalse(Usign.verify(MESSAGE, SIGNATURE, List.of(renamedKey)));
        assertTrue(Usign.verify(MESSAGE, SIGNATURE, List.of(renamedKey, KEY)), "any trusted key may sign");
    }

    @Test
    void fingerprintIsTheKeynumInHex() {
        assertEquals("ab1df166947b2551", Usign.fingerprint(KEY));
        assertEquals(UsignKey.TEST.fingerprint(), Usign.fingerprint(UsignKey.TEST.publicKey()));
    }

    @Test
    void theMiniatureUpstreamsSignaturesVerify() {
        byte[] sums = "0000 *x\n".getBytes(StandardCharsets.UTF_8);
        String signature = UsignKey.TEST.signatureFile(sums);
        assertTrue(Usign.verify(sums, signature, List.of(UsignKey.TEST.publicKey())));
        assertFalse(Usign.verify(sums, signature, List.of(KEY)));
    }
}
