package io.metasync.connect.callback;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.metasync.common.problem.ProblemException;

/**
 * Meta's {@code signed_request} (deauthorize and data-deletion callbacks): {@code base64url(sig)}
 * {@code .} {@code base64url(json payload)}, where sig is HMAC-SHA256 of the payload <em>as received</em>
 * (still encoded) keyed by the app secret, and the payload's algorithm must be HMAC-SHA256.
 */
public final class SignedRequest {

    private SignedRequest() {
    }

    /** The verified payload; a 400 problem when the value is malformed, 401 when the signature is wrong. */
    public static JsonNode verify(String signedRequest, String appSecret, ObjectMapper mapper) {
        if (signedRequest == null || signedRequest.indexOf('.') < 1) {
            throw ProblemException.invalid("signed_request", "is missing or not <signature>.<payload>");
        }
        int dot = signedRequest.indexOf('.');
        String encodedSig = signedRequest.substring(0, dot);
        String payload = signedRequest.substring(dot + 1);
        JsonNode data;
        byte[] sig;
        try {
            sig = Base64.getUrlDecoder().decode(pad(encodedSig));
            data = mapper.readTree(Base64.getUrlDecoder().decode(pad(payload)));
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw ProblemException.invalid("signed_request", "is not base64url-encoded JSON");
        }
        if (data == null || !"HMAC-SHA256".equalsIgnoreCase(data.path("algorithm").asText())) {
            throw ProblemException.invalid("signed_request", "algorithm must be HMAC-SHA256");
        }
        if (!MessageDigest.isEqual(hmac(appSecret, payload), sig)) {
            throw new ProblemException(401, "bad-signature", "Unauthorized", "The signed_request signature does not match");
        }
        return data;
    }

    static byte[] hmac(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pad(String base64url) {
        int rest = base64url.length() % 4;
        return rest == 0 ? base64url : base64url + "=".repeat(4 - rest);
    }
}
