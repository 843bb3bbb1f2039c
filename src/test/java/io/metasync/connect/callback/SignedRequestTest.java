package io.metasync.connect.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.metasync.common.problem.ProblemException;

class SignedRequestTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Builds a signed_request the way Meta does (unpadded base64url, signature over the encoded payload). */
    static String sign(String json, String secret) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String payload = b64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
        return b64.encodeToString(SignedRequest.hmac(secret, payload)) + "." + payload;
    }

    @Test
    void rightSignatureGivesThePayload() {
        String value = sign("{\"algorithm\":\"HMAC-SHA256\",\"issued_at\":1291836800,\"user_id\":\"218471\"}", "app-secret");
        assertEquals("218471", SignedRequest.verify(value, "app-secret", MAPPER).path("user_id").asText());
    }

    @Test
    void algorithmIsCaseInsensitive() {
        String value = sign("{\"algorithm\":\"hmac-sha256\",\"user_id\":\"1\"}", "s");
        assertEquals("1", SignedRequest.verify(value, "s", MAPPER).path("user_id").asText());
    }

    @Test
    void wrongSignatureIs401() {
        String value = sign("{\"algorithm\":\"HMAC-SHA256\",\"user_id\":\"1\"}", "another-secret");
        ProblemException e = assertThrows(ProblemException.class, () -> SignedRequest.verify(value, "app-secret", MAPPER));
        assertEquals(401, e.status());
    }

    @Test
    void wrongAlgorithmIs400EvenWhenSigned() {
        String value = sign("{\"algorithm\":\"HMAC-SHA1\",\"user_id\":\"1\"}", "s");
        assertEquals(400, assertThrows(ProblemException.class, () -> SignedRequest.verify(value, "s", MAPPER)).status());
    }

    @Test
    void malformedIs400() {
        assertEquals(400, assertThrows(ProblemException.class, () -> SignedRequest.verify("nodot", "s", MAPPER)).status());
        assertEquals(400, assertThrows(ProblemException.class, () -> SignedRequest.verify("a.!!!", "s", MAPPER)).status());
        assertEquals(400, assertThrows(ProblemException.class, () -> SignedRequest.verify(null, "s", MAPPER)).status());
    }
}
