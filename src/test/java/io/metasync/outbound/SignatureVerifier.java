package io.metasync.outbound;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;

/**
 * What a receiver does with {@code X-Metasync-Signature}: recompute the HMAC over {@code t.body} with the
 * shared secret, compare in constant time, and refuse a timestamp further than {@code toleranceSeconds}
 * from its own clock, so a captured request replayed later is rejected.
 */
final class SignatureVerifier {

    private SignatureVerifier() {
    }

    static boolean verify(String header, String body, String secret, long nowUnix, long toleranceSeconds) {
        if (header == null) {
            return false;
        }
        long t = -1;
        String v1 = null;
        for (String part : header.split(",")) {
            if (part.startsWith("t=")) {
                t = Long.parseLong(part.substring(2));
            } else if (part.startsWith("v1=")) {
                v1 = part.substring(3);
            }
        }
        if (t < 0 || v1 == null || Math.abs(nowUnix - t) > toleranceSeconds) {
            return false;
        }
        return MessageDigest.isEqual(Signature.hmac(secret, t + "." + body).getBytes(StandardCharsets.UTF_8),
                v1.getBytes(StandardCharsets.UTF_8));
    }
}
