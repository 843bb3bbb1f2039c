package io.metasync.sandbox;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class FaultsTest {

    @BeforeEach
    void reset() {
        Sandbox.reset("{}");
    }

    ValidatableResponse leads() {
        return Sandbox.graph(Sandbox.pageToken(0)).get(Sandbox.GRAPH + "/" + Sandbox.formId(0, 0) + "/leads").then();
    }

    static ValidatableResponse usageHeaders(ValidatableResponse r) {
        return r.header("X-App-Usage", containsString("\"call_count\""))
                .header("X-Ad-Account-Usage", containsString("\"acc_id_util_pct\""))
                .header("X-Business-Use-Case-Usage", containsString("\"estimated_time_to_regain_access\""))
                .header("x-fb-ads-insights-throttle", containsString("\"app_id_util_pct\""));
    }

    static ValidatableResponse metaError(ValidatableResponse r, int status, int code, Integer subcode) {
        return usageHeaders(r.statusCode(status).body("error.code", equalTo(code))
                .body("error.error_subcode", subcode == null ? nullValue() : equalTo(subcode))
                .body("error.type", notNullValue()).body("error.message", notNullValue())
                .body("error.is_transient", notNullValue()).body("error.fbtrace_id", notNullValue()));
    }

    @Test
    void usageHeadersOnSuccess() {
        usageHeaders(leads().statusCode(200));
    }

    @Test
    void serverErrorIs500Code2Transient() {
        Sandbox.fault("{\"kind\":\"server_error\",\"times\":1}");
        metaError(leads(), 500, 2, null).body("error.is_transient", equalTo(true));
        leads().statusCode(200);
    }

    @Test
    void throttleBlocksUntilTheRegainTimeWithTheBucHeader() {
        Sandbox.fault("{\"kind\":\"throttle\",\"pathContains\":\"/leads\",\"regainMinutes\":5}");
        metaError(leads(), 400, 80005, null)
                .header("X-Business-Use-Case-Usage", containsString("\"estimated_time_to_regain_access\":5"))
                .header("X-Business-Use-Case-Usage", containsString("\"type\":\"leadgen\""));
        Sandbox.advance(200);
        metaError(leads(), 400, 80005, null)
                .header("X-Business-Use-Case-Usage", containsString("\"estimated_time_to_regain_access\":2"));
        Sandbox.advance(101);
        leads().statusCode(200)
                .header("X-Business-Use-Case-Usage", containsString("\"estimated_time_to_regain_access\":0"));
    }

    @Test
    void throttleCodesAndSubcodesCanBeChosen() {
        Sandbox.fault("{\"kind\":\"throttle\",\"code\":17,\"times\":1}");
        Sandbox.fault("{\"kind\":\"throttle\",\"code\":4,\"times\":1}");
        Sandbox.fault("{\"kind\":\"throttle\",\"code\":613,\"subcode\":1487742,\"times\":1}");
        metaError(leads(), 400, 17, 2446079);
        metaError(leads(), 400, 4, null).body("error.is_transient", equalTo(true));
        metaError(leads(), 400, 613, 1487742);
    }

    @Test
    void tokenFaultsAnswer190WithTheirSubcodes() {
        Sandbox.fault("{\"kind\":\"token_expired\",\"times\":1}");
        Sandbox.fault("{\"kind\":\"token_revoked\",\"times\":1}");
        metaError(leads(), 400, 190, 463).body("error.type", equalTo("OAuthException"))
                .header("WWW-Authenticate", containsString("invalid_token"));
        metaError(leads(), 400, 190, 460);
    }

    @Test
    void permissionIs403Code200() {
        Sandbox.fault("{\"kind\":\"permission\",\"times\":1}");
        metaError(leads(), 403, 200, null);
    }

    @Test
    void tooMuchDataIsCode100Subcode1487534OrAsConfigured() {
        Sandbox.fault("{\"kind\":\"too_much_data\",\"times\":1}");
        Sandbox.fault("{\"kind\":\"too_much_data\",\"code\":1,\"httpStatus\":500,\"times\":1}");
        metaError(leads(), 400, 100, 1487534)
                .body("error.message", containsString("Please reduce the amount of data"));
        metaError(leads(), 500, 1, null);
    }

    @Test
    void invalidTimeoutAndRuleOrder() {
        Sandbox.fault("{\"kind\":\"invalid\",\"pathContains\":\"/nothing-like-this\"}");
        Sandbox.fault("{\"kind\":\"timeout\",\"latencyMs\":30,\"times\":1}");
        Sandbox.fault("{\"kind\":\"invalid\",\"times\":1}");
        metaError(leads(), 504, 2, null).body("error.is_transient", equalTo(true));
        metaError(leads(), 400, 100, null);
        leads().statusCode(200);
    }

    @Test
    void truncatedResponseIsNotJson() {
        Sandbox.fault("{\"kind\":\"truncate\",\"times\":1}");
        String body = leads().statusCode(200).extract().asString();
        assertThrows(Exception.class, () -> new ObjectMapper().readTree(body));
        leads().statusCode(200);
    }

    @Test
    void randomServerErrorsFollowTheRate() {
        Sandbox.settings("{\"serverErrorRate\":1.0}");
        metaError(leads(), 500, 2, null);
        Sandbox.settings("{\"serverErrorRate\":0.0}");
        leads().statusCode(200);
    }

    @Test
    void faultsClearAndBadRulesAreRefused() {
        Sandbox.fault("{\"kind\":\"server_error\"}");
        given().delete(Sandbox.ADMIN + "/faults").then().statusCode(200);
        leads().statusCode(200);
        given().contentType("application/json").body(Map.of("kind", "meteor")).post(Sandbox.ADMIN + "/faults")
                .then().statusCode(400).body("error", containsString("kind"));
        assertEquals(0, given().get(Sandbox.ADMIN + "/faults").then().extract().jsonPath().getList("").size());
    }
}
