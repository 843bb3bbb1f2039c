package io.metasync.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Error taxonomy from Meta's error object, by code and subcode (META-FACTS §4, §2.4, §3.3). */
class GraphErrorsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @ParameterizedTest(name = "#{0}/{1} transient={2} HTTP {3} insights={4} -> {5}")
    @CsvSource({
            "190, , false, 400, false, AUTH",
            "190, 463, false, 400, false, AUTH",
            "190, 460, false, 400, false, AUTH",
            "102, , false, 400, false, AUTH",
            "100, 492, false, 400, false, AUTH",
            "10, , false, 403, false, PERMISSION",
            "10, 2018278, false, 400, false, PERMISSION",
            "200, , false, 403, false, PERMISSION",
            "294, , false, 400, false, PERMISSION",
            "3, , false, 400, false, PERMISSION",
            "100, 3191001, false, 400, true, PERMISSION",
            "4, , true, 400, false, THROTTLED",
            "4, 1504022, false, 400, true, THROTTLED",
            "17, 2446079, false, 400, false, THROTTLED",
            "32, , false, 400, false, THROTTLED",
            "341, , false, 400, false, THROTTLED",
            "613, 1487742, false, 400, false, THROTTLED",
            "80000, 2446079, false, 400, false, THROTTLED",
            "80005, , false, 400, false, THROTTLED",
            "80014, , false, 400, false, THROTTLED",
            "100, 1487534, false, 400, false, TOO_MUCH_DATA",
            "100, 1487534, false, 500, true, TOO_MUCH_DATA",
            "1, , false, 500, true, TOO_MUCH_DATA",
            "2, , false, 500, true, TOO_MUCH_DATA",
            "100, , false, 500, true, TOO_MUCH_DATA",
            "2, 1504038, false, 500, true, TOO_MUCH_DATA",
            "-3, 1504045, false, 400, true, TOO_MUCH_DATA",
            "1, , false, 500, false, TRANSIENT",
            "2, , false, 500, false, TRANSIENT",
            "1, 99, false, 400, false, TRANSIENT",
            "2, 1504043, false, 500, true, TRANSIENT",
            "100, , true, 400, false, TRANSIENT",
            "12345, , false, 503, false, TRANSIENT",
            "100, , false, 400, false, INVALID",
            "100, 33, false, 400, false, INVALID",
            "100, , false, 500, false, INVALID",
            "2, 1504041, false, 400, true, INVALID",
            "3018, , false, 400, true, INVALID",
            "2635, , false, 400, false, INVALID",
            "368, , false, 400, false, INVALID"
    })
    void classifiesByCodeAndSubcode(Integer code, Integer subcode, boolean isTransient, int status, boolean insights,
            GraphErrorKind expected) {
        assertEquals(expected, GraphErrors.classify(code, subcode, isTransient, status, insights));
    }

    @Test
    void readsMetasErrorObject() throws Exception {
        JsonNode error = MAPPER.readTree("{\"message\":\"Error validating access token: Session has expired\","
                + "\"type\":\"OAuthException\",\"code\":190,\"error_subcode\":463,\"fbtrace_id\":\"EJplcsCHuLu\"}");
        GraphException e = GraphErrors.fromError(error, 400, false, "GET /me");
        assertEquals(GraphErrorKind.AUTH, e.kind());
        assertEquals(190, e.code().orElseThrow());
        assertEquals(463, e.subcode().orElseThrow());
        assertEquals("OAuthException", e.type().orElseThrow());
        assertEquals("EJplcsCHuLu", e.fbtraceId().orElseThrow());
        assertEquals(400, e.httpStatus());
        assertFalse(e.retryable());
        assertTrue(e.getMessage().contains("(#190/463)"), e.getMessage());
    }

    @Test
    void isTransientFlagMakesItRetryable() throws Exception {
        JsonNode error = MAPPER.readTree("{\"message\":\"x\",\"code\":1,\"error_subcode\":99,\"is_transient\":true}");
        assertTrue(GraphErrors.fromError(error, 500, false, "GET /act_{id}/campaigns").retryable());
    }

    @Test
    void unreadableBodiesMapByStatus() {
        assertEquals(GraphErrorKind.TRANSIENT, GraphErrors.unreadable(200, "GET /me").kind());
        assertEquals(GraphErrorKind.TRANSIENT, GraphErrors.unreadable(502, "GET /me").kind());
        assertEquals(GraphErrorKind.THROTTLED, GraphErrors.unreadable(429, "GET /me").kind());
        assertEquals(GraphErrorKind.INVALID, GraphErrors.unreadable(404, "GET /me").kind());
    }

    @Test
    void successIsNoError() throws Exception {
        assertNull(GraphErrors.of(MAPPER.readTree("{\"data\":[]}"), 200, false, "GET /me"));
        assertEquals(GraphErrorKind.TRANSIENT, GraphErrors.of(null, 200, false, "GET /me").kind());
    }

    @Test
    void noResponseIsTransientAndRedacted() {
        GraphException e = GraphErrors.noResponse(new java.util.concurrent.TimeoutException(
                "timeout executing GET http://h/v25.0/me?access_token=EAAsecret&appsecret_proof=abc"), "GET /me");
        assertEquals(GraphErrorKind.TRANSIENT, e.kind());
        assertFalse(e.getMessage().contains("EAAsecret"), e.getMessage());
        assertFalse(e.getMessage().contains("=abc"), e.getMessage());
        assertNull(e.getCause());
    }
}
