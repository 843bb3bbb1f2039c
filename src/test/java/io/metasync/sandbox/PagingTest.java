package io.metasync.sandbox;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class PagingTest {

    @BeforeEach
    void reset() {
        Sandbox.reset("{\"leadsPerForm\":300}");
    }

    @Test
    void everyLeadExactlyOnceAcrossEmptyAndShortPagesThatKeepNext() {
        Sandbox.settings("{\"emptyPageRate\":0.45,\"shortPageRate\":0.3}");
        String form = Sandbox.formId(0, 0);
        List<Integer> sizes = new ArrayList<>();
        List<String> ids = Sandbox.all(Sandbox.GRAPH + "/" + form + "/leads",
                Sandbox.graph(Sandbox.pageToken(0)).queryParam("limit", 20), sizes);
        assertEquals(300, ids.size());
        assertEquals(new HashSet<>(Sandbox.truth(form)), new HashSet<>(ids));
        List<Integer> notLast = sizes.subList(0, sizes.size() - 1);
        assertThat("an empty page that still has next", notLast, hasItem(0));
        assertTrue(notLast.stream().anyMatch(n -> n > 0 && n < 20), "a short page that still has next: " + sizes);
    }

    @Test
    void withoutTrapsPagesAreFullAndTheLastHasNoNext() {
        Sandbox.settings("{\"emptyPageRate\":0.0,\"shortPageRate\":0.0}");
        List<Integer> sizes = new ArrayList<>();
        List<String> ids = Sandbox.all(Sandbox.GRAPH + "/" + Sandbox.formId(1, 0) + "/leads",
                Sandbox.graph(Sandbox.pageToken(1)).queryParam("limit", 100), sizes);
        assertEquals(300, new HashSet<>(ids).size());
        assertEquals(List.of(100, 100, 100), sizes);
    }

    /** META-FACTS §0: a deep cursor can fail with (#100) "The After Cursor specified exceeds the max limit". */
    @Test
    void aCursorPastTheMaxDepthIsRefused() {
        Sandbox.settings("{\"emptyPageRate\":0.0,\"shortPageRate\":0.0,\"maxCursorDepth\":150}");
        String form = Sandbox.formId(0, 0);
        String after = Sandbox.graph(Sandbox.pageToken(0)).queryParam("limit", 100).get(Sandbox.GRAPH + "/" + form + "/leads")
                .then().statusCode(200).extract().path("paging.cursors.after");
        String deeper = Sandbox.graph(Sandbox.pageToken(0)).queryParam("limit", 100).queryParam("after", after)
                .get(Sandbox.GRAPH + "/" + form + "/leads").then().statusCode(200).extract().path("paging.cursors.after");
        Sandbox.graph(Sandbox.pageToken(0)).queryParam("limit", 100).queryParam("after", deeper).get(Sandbox.GRAPH + "/" + form + "/leads")
                .then().statusCode(400).body("error.code", org.hamcrest.Matchers.equalTo(100))
                .body("error.message", org.hamcrest.Matchers.equalTo(
                        "(#100) The After Cursor specified exceeds the max limit supported by this endpoint"));
    }

    @Test
    void pageShapeHasCursorsAndNextCarriesTheCallParameters() {
        Sandbox.settings("{\"emptyPageRate\":0.0,\"shortPageRate\":0.0}");
        var page = Sandbox.graph(Sandbox.pageToken(0)).queryParam("limit", 2).queryParam("fields", "id,created_time")
                .get(Sandbox.GRAPH + "/" + Sandbox.formId(0, 1) + "/leads").then().statusCode(200).extract()
                .jsonPath();
        assertEquals(2, page.getList("data").size());
        assertNotNull(page.getString("paging.cursors.before"));
        String after = page.getString("paging.cursors.after");
        assertThat(page.getString("paging.next"), containsString("/sandbox/graph/v25.0/"));
        assertThat(page.getString("paging.next"), containsString("limit=2"));
        assertThat(page.getString("paging.next"), containsString("after=" + after));
        assertThat(page.getString("paging.next"), containsString("fields=id%2Ccreated_time"));
        assertThat(page.getString("data[0].created_time"),
                matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+0000"));
    }

    @Test
    void pagesOfTheUserArePagedToo() {
        Sandbox.reset("{\"pages\":7}");
        Sandbox.settings("{\"emptyPageRate\":0.0,\"shortPageRate\":0.0}");
        List<Integer> sizes = new ArrayList<>();
        List<String> ids = Sandbox.all(Sandbox.GRAPH + "/me/accounts",
                Sandbox.graph(Sandbox.userToken()).queryParam("limit", 3), sizes);
        assertEquals(7, new HashSet<>(ids).size());
        assertEquals(List.of(3, 3, 1), sizes);
    }
}
