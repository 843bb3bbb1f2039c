package io.metasync.insights;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.metasync.connect.MetaWorld;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class InsightQueryTest {

    InsightsWorld world;
    String account;

    @BeforeEach
    void connect() {
        world = InsightsWorld.connected();
        account = InsightsWorld.account(0);
    }

    RequestSpecification api() {
        return given().auth().oauth2(world.bearer);
    }

    @Test
    void rowsPageByCursorAndTheSummaryAddsUpToTheTruth() {
        LocalDate until = InsightsWorld.today(0).minusDays(1);
        LocalDate since = until.minusDays(13);
        world.sync(account, InsightsWorld.range(since, until, "campaign"));
        JsonPath truth = InsightsWorld.truth(account, "campaign", since, until);
        List<Map<String, Object>> rows = new ArrayList<>();
        String cursor = null;
        do {
            JsonPath page = api().queryParam("adAccountId", account).queryParam("level", "campaign")
                    .queryParam("since", since.toString()).queryParam("until", until.toString()).queryParam("limit", 7)
                    .queryParams(cursor == null ? Map.of() : Map.of("cursor", cursor))
                    .get("/api/v1/insights").then().statusCode(200).extract().jsonPath();
            rows.addAll(page.getList("items"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertEquals(truth.getLong("rows"), rows.size());
        Map<String, Object> first = rows.get(0);
        assertEquals(since.toString(), first.get("date"));
        assertTrue(first.get("spend") instanceof String && first.get("cpc") instanceof String && first.get("ctr") instanceof Number);
        assertTrue(first.get("entityName").toString().startsWith("Campaign"));

        api().queryParam("adAccountId", account).queryParam("since", since.toString()).queryParam("until", until.toString())
                .get("/api/v1/insights/summary").then().statusCode(200)
                .body("level", equalTo("campaign")).body("currency", equalTo("NZD"))
                .body("totals.impressions", equalTo(truth.getInt("impressions")))
                .body("totals.spend", equalTo(new BigDecimal(truth.getString("spend")).stripTrailingZeros().toPlainString()))
                .body("daily.size()", equalTo(14));

        String csv = api().queryParam("adAccountId", account).queryParam("level", "campaign").get("/api/v1/insights/export.csv")
                .then().statusCode(200).contentType(org.hamcrest.Matchers.containsString("text/csv")).extract().asString();
        String[] lines = csv.split("\r\n");
        assertEquals(truth.getLong("rows") + 1, lines.length);
        assertTrue(lines[0].startsWith("date,adAccountId,level,entityId"));
    }

    static final String HEADER = "\uFEFFReporting starts,Reporting ends,Campaign name,Campaign ID,Impressions,Reach,"
            + "Clicks (all),Link clicks,Amount spent (NZD),Purchases,Purchases conversion value,Leads\n";

    JsonPath importCsv(String csv) {
        return api().multiPart("file", "export.csv", csv.getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("adAccountId", account).post("/api/v1/insights/import").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void anAdsManagerCsvIsImportedLineByLineAndZeroDenominatorsGiveNull() {
        String csv = HEADER
                + "2026-01-05,2026-01-05,Spring sale,1500000000000001,1000,800,20,15,12.50,2,50.00,1\n"
                + "2026-01-06,2026-01-06,Nothing ran,1500000000000001,0,0,0,0,0,,,\n"
                + "2026-01-07,2026-01-09,Three days,1500000000000001,10,5,1,1,1,0,0,0\n"
                + "yesterday,yesterday,Bad date,1500000000000001,10,5,1,1,1,0,0,0\n"
                + "2026-01-08,2026-01-08,Bad number,1500000000000001,ten,5,1,1,1,0,0,0\n"
                + "2026-01-09,2026-01-09,=HYPERLINK(\"http://evil\"),1500000000000002,\"1,200\",900,30,25,20,0,0,0\n";
        JsonPath result = importCsv(csv);
        assertEquals("campaign", result.getString("level"));
        assertEquals(6, result.getInt("lines"));
        assertEquals(3, result.getInt("rowsIngested"));
        assertEquals(List.of(4, 5, 6), result.getList("errors.line"));
        assertTrue(result.getString("errors[0].message").contains("only daily rows"));

        JsonPath rows = api().queryParam("adAccountId", account).queryParam("since", "2026-01-05").queryParam("until", "2026-01-09")
                .get("/api/v1/insights").then().statusCode(200).body("items.size()", equalTo(3)).extract().jsonPath();
        assertEquals("12.5", rows.getString("items[0].spend"));
        assertEquals(2.0f, rows.getFloat("items[0].ctr"));
        assertEquals("0.625", rows.getString("items[0].cpc"));
        assertEquals("12.5", rows.getString("items[0].cpm"));
        assertEquals(4.0f, rows.getFloat("items[0].roas"));
        assertEquals(3, rows.getInt("items[0].conversions"));
        assertEquals("50", rows.getString("items[0].revenue"));
        assertEquals("import", rows.getString("items[0].source"));
        assertNull(rows.get("items[1].ctr"), "no impressions: no ctr");
        assertNull(rows.get("items[1].cpc"));
        assertNull(rows.get("items[1].cpm"));
        assertNull(rows.get("items[1].roas"), "no spend: no roas");
        assertTrue(rows.getMap("items[1]").keySet().containsAll(List.of("ctr", "cpc", "cpm", "roas", "reach")),
                "undefined ratios are there as null (API.md), not left out: " + rows.getMap("items[1]").keySet());
        assertEquals(1200, rows.getInt("items[2].impressions"));
        assertEquals(0f, rows.getFloat("items[2].roas"));

        String exported = api().queryParam("adAccountId", account).queryParam("since", "2026-01-09")
                .get("/api/v1/insights/export.csv").then().statusCode(200).extract().asString();
        assertTrue(exported.contains(",\"'=HYPERLINK(\"\"http://evil\"\")\","), exported);

        JsonPath again = importCsv(HEADER + "2026-01-05,2026-01-05,Spring sale,1500000000000001,2000,800,20,15,12.50,2,50.00,1\n");
        assertEquals(0, again.getInt("rowsIngested"));
        assertEquals(1, again.getInt("rowsUpdated"), "the same key is replaced, not added");
        api().queryParam("adAccountId", account).queryParam("since", "2026-01-05").queryParam("until", "2026-01-05")
                .get("/api/v1/insights").then().body("items[0].impressions", equalTo(2000));
        // no adAccountId part: the export's Account ID column says which ad account it is (API.md sends only the CSV)
        String withAccount = "Account ID," + HEADER.substring(1) + account.substring(4)
                + ",2026-01-05,2026-01-05,Spring sale,1500000000000001,3000,800,20,15,12.50,2,50.00,1\n";
        api().multiPart("file", "export.csv", withAccount.getBytes(StandardCharsets.UTF_8), "text/csv").post("/api/v1/insights/import")
                .then().statusCode(200).body("adAccountId", equalTo(account)).body("rowsUpdated", equalTo(1));
        api().multiPart("file", "export.csv", HEADER.getBytes(StandardCharsets.UTF_8), "text/csv").post("/api/v1/insights/import")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("adAccountId"));
        api().queryParam("adAccountId", account).queryParam("since", "2026-01-05").queryParam("until", "2026-01-05")
                .get("/api/v1/insights").then().body("items[0].impressions", equalTo(3000));
    }

    @Test
    void anotherWorkspaceSeesNothingAndBadInputIsAProblem() {
        String other = MetaWorld.newWorkspaceToken();
        for (String path : List.of("/api/v1/insights", "/api/v1/insights/summary", "/api/v1/insights/export.csv")) {
            given().auth().oauth2(other).queryParam("adAccountId", account).get(path).then().statusCode(404)
                    .contentType("application/problem+json");
        }
        given().auth().oauth2(other).get("/api/v1/insights").then().statusCode(200).body("items.size()", equalTo(0))
                .body("nextCursor", nullValue()).body("$", org.hamcrest.Matchers.hasKey("nextCursor"));
        given().auth().oauth2(other).multiPart("file", "x.csv", HEADER.getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("adAccountId", account).post("/api/v1/insights/import").then().statusCode(404)
                .contentType("application/problem+json");

        for (Map<String, String> q : List.of(Map.of("level", "keyword"), Map.of("adAccountId", "42"), Map.of("cursor", "%%%"),
                Map.of("since", "2026-02-01", "until", "2026-01-01"), Map.of("breakdown", "mood"), Map.of("limit", "0"))) {
            api().queryParams(q).get("/api/v1/insights").then().statusCode(400).contentType("application/problem+json");
        }
        api().queryParam("adAccountId", account).queryParam("breakdown", "mood").get("/api/v1/insights").then().statusCode(400)
                .body("errors[0].field", equalTo("breakdown"));
        api().get("/api/v1/insights/summary").then().statusCode(400).contentType("application/problem+json");
        api().multiPart("adAccountId", account).post("/api/v1/insights/import").then().statusCode(400)
                .contentType("application/problem+json");
        api().multiPart("file", "x.csv", "Reporting starts,Impressions,Amount spent (USD)\n".getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("adAccountId", account).post("/api/v1/insights/import").then().statusCode(400)
                .contentType("application/problem+json");
        api().multiPart("file", "x.csv", "Reporting starts,Campaign name,Impressions\n".getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("adAccountId", account).post("/api/v1/insights/import").then().statusCode(400)
                .contentType("application/problem+json");
    }
}
