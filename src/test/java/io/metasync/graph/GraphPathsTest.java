package io.metasync.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class GraphPathsTest {

    @Test
    void templatesReplaceIds() {
        assertEquals("/{id}/leads", GraphPaths.template("/1234567890/leads"));
        assertEquals("/act_{id}/insights", GraphPaths.template("act_42/insights?level=ad"));
        assertEquals("/me/accounts", GraphPaths.template("me/accounts"));
        assertEquals("/{id}", GraphPaths.template("6023920149050"));
        assertEquals("/", GraphPaths.template(""));
    }

    @Test
    void knowsInsightsAndAdAccounts() {
        assertTrue(GraphPaths.isInsights("act_1/insights"));
        assertTrue(GraphPaths.isInsights("/123/insights"));
        assertFalse(GraphPaths.isInsights("123/leads"));
        assertEquals("act_1", GraphPaths.adAccountOf("/act_1/campaigns"));
        assertNull(GraphPaths.adAccountOf("123/leads"));
    }

    @Test
    void nextUrlLosesItsCredentials() {
        GraphPaths.Relative next = GraphPaths.fromNext("https://graph.facebook.com/v25.0/987/leads?access_token=EAAsecret"
                + "&appsecret_proof=beef&limit=25&after=QVFIUmx%3D&fields=id%2Cfield_data");
        assertEquals("987/leads", next.path());
        assertEquals(Map.of("limit", "25", "after", "QVFIUmx=", "fields", "id,field_data"), next.params());
    }

    @Test
    void nextUrlUnderABasePathKeepsTheRelativePath() {
        assertEquals("me/accounts",
                GraphPaths.fromNext("http://localhost:1/sandbox/graph/v25.0/me/accounts?after=x").path());
    }

    @Test
    void encodesJsonValuedParams() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("filtering", "[{\"field\":\"time_created\",\"operator\":\"GREATER_THAN\",\"value\":1}]");
        params.put("fields", "id,field_data{name values}");
        String encoded = GraphPaths.encode(params);
        assertFalse(encoded.contains("{") || encoded.contains(" ") || encoded.contains("+"), encoded);
        assertEquals(params, GraphPaths.fromNext("https://h/v25.0/x?" + encoded).params());
    }
}
