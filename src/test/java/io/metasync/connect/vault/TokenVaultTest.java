package io.metasync.connect.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class TokenVaultTest {

    private static String key() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }

    private static final String K1 = key();
    private static final String K2 = key();

    private final TokenVault v1 = new TokenVault(new VaultKeys("k1:" + K1, Optional.empty()));

    @Test
    void roundTripsAndNeverShowsThePlaintext() {
        String sealed = v1.seal("EAAB-page-token", "meta_page:1");
        assertFalse(sealed.contains("EAAB"));
        assertTrue(sealed.startsWith("k1:"));
        assertEquals("EAAB-page-token", v1.open(sealed, "meta_page:1"));
        assertNotEquals(sealed, v1.seal("EAAB-page-token", "meta_page:1"), "a fresh IV every time");
    }

    @Test
    void tamperedCiphertextIsRejected() {
        String sealed = v1.seal("secret", "ctx");
        byte[] raw = Base64.getDecoder().decode(sealed.substring(3));
        raw[raw.length - 1] ^= 1;
        String tampered = "k1:" + Base64.getEncoder().encodeToString(raw);
        TokenVault.VaultException e = assertThrows(TokenVault.VaultException.class, () -> v1.open(tampered, "ctx"));
        assertFalse(e.getMessage().contains("secret"));
    }

    @Test
    void ciphertextMovedToAnotherRowDoesNotOpen() {
        String sealed = v1.seal("secret", "meta_page:1");
        assertThrows(TokenVault.VaultException.class, () -> v1.open(sealed, "meta_page:2"));
    }

    @Test
    void rotationOpensOldValuesAndResealsThemWithTheNewKey() {
        String old = v1.seal("long-lived-token", "c:1");
        TokenVault rotated = new TokenVault(new VaultKeys("k2:" + K2 + ",k1:" + K1, Optional.of("k2")));
        assertEquals("long-lived-token", rotated.open(old, "c:1"));
        assertFalse(rotated.isCurrent(old));
        String moved = rotated.reseal(old, "c:1");
        assertTrue(moved.startsWith("k2:"));
        assertTrue(rotated.isCurrent(moved));
        assertEquals("long-lived-token", rotated.open(moved, "c:1"));
        assertThrows(TokenVault.VaultException.class, () -> v1.open(moved, "c:1"), "the old key set cannot open it");
    }

    @Test
    void badKeyConfigurationIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new VaultKeys("k1:c2hvcnQ=", Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new VaultKeys("k1:" + K1, Optional.of("k9")));
        assertThrows(IllegalArgumentException.class, () -> new VaultKeys("nokey", Optional.empty()));
    }
}
