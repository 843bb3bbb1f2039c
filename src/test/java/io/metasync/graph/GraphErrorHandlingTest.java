package io.metasync.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;

/** Each error class maps to its kind and is retried (or not) as specified, counted in the sandbox's request log. */
@QuarkusTest
class GraphErrorHandlingTest extends GraphSandboxTest {

    private JsonNode me() {
        return client.get(sandbox.user(), "me", Map.of("fields", "id,name")).await().atMost(WAIT);
    }

    private GraphException meFails() {
        return assertThrows(GraphException.class, this::me);
    }

    @Test
    void serverErrorsAreRetried() {
        Sandbox.fault("{\"kind\":\"server_error\",\"pathContains\":\"/me\",\"times\":2}");
        assertNotNull(me().get("id"));
        assertEquals(3, Sandbox.requests("/me"));
    }

    @Test
    void persistentServerErrorsFailTransientAfterTheRetries() {
        Sandbox.fault("{\"kind\":\"server_error\",\"pathContains\":\"/me\"}");
        GraphException e = meFails();
        assertEquals(GraphErrorKind.TRANSIENT, e.kind());
        assertEquals(500, e.httpStatus());
        assertEquals(6, Sandbox.requests("/me"), "the first attempt and 5 retries");
    }

    @Test
    void transientTimeoutAnswersAreRetried() {
        Sandbox.fault("{\"kind\":\"timeout\",\"pathContains\":\"/me\",\"times\":1,\"latencyMs\":0}");
        assertNotNull(me().get("id"));
        assertEquals(2, Sandbox.requests("/me"));
    }

    @Test
    void readTimeoutsAreRetried() {
        Sandbox.fault("{\"kind\":\"timeout\",\"pathContains\":\"/me\",\"times\":1,\"latencyMs\":4000}");
        assertNotNull(me().get("id"));
        assertEquals(2, Sandbox.requests("/me"));
    }

    @Test
    void truncatedBodiesAreRetried() {
        Sandbox.fault("{\"kind\":\"truncate\",\"pathContains\":\"/me\",\"times\":1}");
        assertNotNull(me().get("id"));
        assertEquals(2, Sandbox.requests("/me"));
    }

    @ParameterizedTest(name = "{0} -> {1} (#{2}/{3}), not retried")
    @CsvSource({
            "token_expired, AUTH, 190, 463",
            "token_revoked, AUTH, 190, 460",
            "permission, PERMISSION, 200, ",
            "invalid, INVALID, 100, ",
            "too_much_data, TOO_MUCH_DATA, 100, 1487534"
    })
    void finalErrorsAreMappedAndNotRetried(String fault, GraphErrorKind kind, int code, Integer subcode) {
        Sandbox.fault("{\"kind\":\"" + fault + "\",\"pathContains\":\"/me\",\"times\":1}");
        GraphException e = meFails();
        assertEquals(kind, e.kind());
        assertEquals(code, e.code().orElseThrow());
        assertEquals(subcode, e.subcode().orElse(null));
        assertNotNull(e.fbtraceId().orElse(null));
        assertEquals(1, Sandbox.requests("/me"));
    }

    @Test
    void insightsHttp500WithCode1IsTooMuchData() {
        Sandbox.fault("{\"kind\":\"too_much_data\",\"pathContains\":\"/insights\",\"times\":1,\"code\":1,\"httpStatus\":500}");
        GraphAuth auth = sandbox.user().forAdAccount(sandbox.adAccountId());
        GraphException e = assertThrows(GraphException.class, () -> client.get(auth, sandbox.adAccountId() + "/insights",
                Map.of("fields", "spend")).await().atMost(WAIT));
        assertEquals(GraphErrorKind.TOO_MUCH_DATA, e.kind());
        assertEquals(500, e.httpStatus());
        assertEquals(1, Sandbox.requests("/insights"));
    }

    @Test
    void throttlingIsRetriedOnceTheHoldEnds() {
        Sandbox.fault("{\"kind\":\"throttle\",\"pathContains\":\"/me\",\"times\":1,\"code\":17}");
        UniAssertSubscriber<JsonNode> call = client.get(sandbox.user(), "me", Map.of()).subscribe()
                .withSubscriber(UniAssertSubscriber.create());
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> Sandbox.requests("/me") == 1);
        call.assertNotTerminated();
        Sandbox.advanceClock(240);
        call.assertNotTerminated(); // the throttled answer said: access back in 5 minutes (the rule's default)
        Sandbox.advanceClock(61);
        assertNotNull(call.awaitItem(WAIT).getItem().get("id"));
        assertEquals(2, Sandbox.requests("/me"));
    }

    @Test
    void appsecretProofIsSentAndChecked() {
        assertNotNull(me().get("id"));
        GraphException missing = assertThrows(GraphException.class, () -> client.get(GraphAuth.of(sandbox.userToken(), null),
                "me", Map.of()).await().atMost(WAIT));
        assertEquals(GraphErrorKind.INVALID, missing.kind());
        GraphException wrong = assertThrows(GraphException.class, () -> client.get(GraphAuth.of(sandbox.userToken(),
                "not-the-secret"), "me", Map.of()).await().atMost(WAIT));
        assertEquals(GraphErrorKind.INVALID, wrong.kind());
        assertFalse(wrong.getMessage().contains(sandbox.userToken()));
        assertEquals(3, Sandbox.requests("/me"));
    }
}
