package io.metasync.connect.vault;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Encrypts access tokens and app secrets at rest with AES-256-GCM (the JDK's JCA). A sealed value is
 * {@code keyId:base64(iv || ciphertext || tag)}: the key id travels with the ciphertext so several
 * keys can be in use during a rotation. The {@code context} (e.g. the row's table and id) is
 * authenticated as associated data, so a ciphertext copied into another row does not open.
 */
@ApplicationScoped
public class TokenVault {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final VaultKeys keys;
    private final SecureRandom random = new SecureRandom();

    public TokenVault(VaultKeys keys) {
        this.keys = keys;
    }

    public String seal(String plaintext, String context) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.active(), iv, context);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            ByteBuffer out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed);
            return keys.activeId() + ":" + Base64.getEncoder().encodeToString(out.array());
        } catch (GeneralSecurityException e) {
            throw new VaultException("could not encrypt", e);
        }
    }

    public String open(String sealed, String context) {
        int colon = sealed == null ? -1 : sealed.indexOf(':');
        if (colon < 1) {
            throw new VaultException("not a sealed value", null);
        }
        SecretKey key = keys.byId(sealed.substring(0, colon))
                .orElseThrow(() -> new VaultException("sealed with an unknown key '" + sealed.substring(0, sealed.indexOf(':')) + "'", null));
        try {
            byte[] raw = Base64.getDecoder().decode(sealed.substring(colon + 1));
            if (raw.length < IV_BYTES + TAG_BITS / 8) {
                throw new VaultException("sealed value is too short", null);
            }
            byte[] iv = new byte[IV_BYTES];
            System.arraycopy(raw, 0, iv, 0, IV_BYTES);
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, iv, context);
            return new String(cipher.doFinal(raw, IV_BYTES, raw.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new VaultException("sealed value was tampered with or belongs elsewhere", e);
        }
    }

    /** Whether the value is sealed with the active key (else the re-encrypt job should move it). */
    public boolean isCurrent(String sealed) {
        return sealed != null && sealed.startsWith(activePrefix());
    }

    /** The prefix of values sealed with the active key ({@code keyId:}). */
    public String activePrefix() {
        return keys.activeId() + ":";
    }

    /** Opens with whichever key sealed it and seals again with the active key. */
    public String reseal(String sealed, String context) {
        return isCurrent(sealed) ? sealed : seal(open(sealed, context), context);
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] iv, String context) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
        if (context != null) {
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        }
        return cipher;
    }

    /** A value that cannot be sealed or opened; its message never holds the secret. */
    public static class VaultException extends RuntimeException {
        VaultException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
