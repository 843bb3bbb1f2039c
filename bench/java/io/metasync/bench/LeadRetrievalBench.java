package io.metasync.bench;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import com.facebook.ads.sdk.APIContext;
import com.facebook.ads.sdk.APINodeList;
import com.facebook.ads.sdk.Lead;
import com.facebook.ads.sdk.LeadgenForm;

import io.metasync.connect.MetaWorld;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Bulk lead retrieval: metasync's sync run against a baseline written the way most users call Graph
 * (Meta's Java SDK over HTTPS, form after form, page after page with {@code nextPage()}, one JDBC
 * INSERT per lead), both into the same PostgreSQL in the same run against the sandbox with a fixed
 * per-call latency; then metasync at zero latency against a raw {@code COPY} of the same rows.
 * Not a test: {@code ./mvnw -Pbench test -Dtest=LeadRetrievalBench} (bench/README.md).
 */
@QuarkusTest
@TestProfile(TlsBenchProfile.class)
class LeadRetrievalBench {

    static final int FORMS = Integer.getInteger("bench.forms", 200);
    static final int LEADS_PER_FORM = Integer.getInteger("bench.leads-per-form", 5000);
    static final long LATENCY_MS = Long.getLong("bench.latency-ms", 50);
    static final int SDK_PAGE = Integer.getInteger("bench.sdk-page-size", 500);
    static final String LEAD_FIELDS = "id,created_time,field_data,custom_disclaimer_responses,ad_id,adset_id,campaign_id,form_id,platform,"
            + "is_organic";

    final BenchMemory memory = new BenchMemory();
    final StringBuilder report = new StringBuilder();

    @Test
    void bulkRetrievalAgainstTheSdkBaselineAndCopy() throws Exception {
        long total = (long) FORMS * LEADS_PER_FORM;
        warmUp();
        MetaWorld.reset("{\"pages\":" + FORMS + ",\"formsPerPage\":1,\"leadsPerForm\":" + LEADS_PER_FORM + "}");
        settings("{\"latencyMs\":" + LATENCY_MS + ",\"leadArrivalPerMinute\":0}");
        line("# Lead retrieval benchmark");
        line("");
        line("%d forms x %d leads = %,d leads; sandbox latency %d ms per Graph call; %d cores; max heap %d MB; JDK %s",
                FORMS, LEADS_PER_FORM, total, LATENCY_MS, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"));
        line("");
        line("| run | leads stored | seconds | leads/s | Graph calls | peak heap MB | peak live heap MB (after GC) | peak RSS MB |");
        line("|---|---|---|---|---|---|---|---|");

        String workspace = MetaWorld.newWorkspaceToken();
        MetaWorld.connect(workspace, MetaWorld.userToken(0));
        Phase service = service("metasync bulk retrieval", workspace, total);

        Phase sdk = Boolean.getBoolean("bench.skip-baseline") ? null : baseline(workspace, total);

        settings("{\"latencyMs\":0}");
        String zero = MetaWorld.newWorkspaceToken();
        MetaWorld.connect(zero, MetaWorld.userToken(0));
        Phase fast = service("metasync bulk retrieval, 0 ms latency", zero, total);
        Phase copy = copy(workspaceId(zero), total);

        line("");
        if (sdk != null) {
            line("metasync / SDK baseline at %d ms: **%.1fx** (target >= 20x)", LATENCY_MS, service.rate() / sdk.rate());
        }
        line("metasync at 0 ms / raw COPY of the same rows: **%.0f%%** (target >= 50%%)", 100 * fast.rate() / copy.rate());
        Path out = Path.of("target/bench/lead-retrieval.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println("\n" + report);
    }

    /**
     * Both sides once, untimed, on a small world first ({@code bench.warmup-forms} forms, 0: none): the JIT compiles
     * the code paths of each before its timed run, so neither pays the JVM's warm-up in the numbers.
     */
    void warmUp() throws Exception {
        int forms = Integer.getInteger("bench.warmup-forms", 4);
        if (forms <= 0) {
            return;
        }
        int mark = report.length();
        MetaWorld.reset("{\"pages\":" + forms + ",\"formsPerPage\":1,\"leadsPerForm\":" + LEADS_PER_FORM + "}");
        settings("{\"latencyMs\":0,\"leadArrivalPerMinute\":0}");
        String workspace = MetaWorld.newWorkspaceToken();
        MetaWorld.connect(workspace, MetaWorld.userToken(0));
        service("warm-up", workspace, (long) forms * LEADS_PER_FORM);
        if (!Boolean.getBoolean("bench.skip-baseline")) {
            baseline(workspace, (long) forms * LEADS_PER_FORM);
        }
        report.setLength(mark);
    }

    record Phase(String name, long stored, double seconds, long graphCalls, BenchMemory.Reading memory) {
        double rate() {
            return stored / seconds;
        }
    }

    Phase service(String name, String bearer, long expected) throws Exception {
        given().delete(MetaWorld.ADMIN + "/requests").then().statusCode(200);
        memory.reset();
        long start = System.nanoTime();
        // the server waits for the run (?wait=, 15 s: within the test client's read timeout); polling through rest-assured's
        // Groovy JsonPath every 100 ms took a fifth of the JVM's CPU, which the baseline does not pay
        JsonNode run = json(given().auth().oauth2(bearer).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/meta/lead-retrieval?wait=15").then().statusCode(anyOf(is(200), is(202))).extract().asString());
        while (run.path("finishedAt").isNull() || run.path("finishedAt").isMissingNode()) {
            pause(250);
            run = json(given().auth().oauth2(bearer).get("/api/v1/sync-runs/" + run.path("id").asText()).then().statusCode(200)
                    .extract().asString());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals("succeeded", run.path("status").asText(), run.toPrettyString());
        long stored = count("SELECT count(*) FROM lead WHERE workspace_id = '" + workspaceId(bearer) + "'");
        assertEquals(expected, stored, "metasync stored every lead");
        return phase(new Phase(name, stored, seconds, graphCalls(), memory.read()));
    }

    Phase baseline(String workspace, long expected) throws Exception {
        trustSandboxCertificate();
        Map<String, String> pageTokens = pageTokens();
        List<String[]> forms = new ArrayList<>();
        try (Connection c = jdbc(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS bench_sdk_lead (meta_lead_id varchar(64) PRIMARY KEY, form_id varchar(64) NOT NULL,"
                    + " created_time varchar(40), ad_id varchar(64), platform varchar(10), field_data jsonb, consents jsonb)");
            s.execute("TRUNCATE bench_sdk_lead");
            try (ResultSet r = s.executeQuery("SELECT form_id, page_id FROM lead_form WHERE workspace_id = '" + workspaceId(workspace)
                    + "' ORDER BY form_id")) {
                while (r.next()) {
                    forms.add(new String[] { r.getString(1), r.getString(2) });
                }
            }
        }
        String base = "https://localhost:" + TlsBenchProfile.HTTPS_PORT + "/sandbox/graph";
        String secret = MetaWorld.world().getString("appSecret");
        String appId = MetaWorld.world().getString("appId");
        given().delete(MetaWorld.ADMIN + "/requests").then().statusCode(200);
        memory.reset();
        long start = System.nanoTime();
        try (Connection c = jdbc(); PreparedStatement insert = c.prepareStatement("INSERT INTO bench_sdk_lead (meta_lead_id, form_id,"
                + " created_time, ad_id, platform, field_data, consents) VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb) ON CONFLICT DO NOTHING")) {
            for (String[] form : forms) {
                APIContext context = new APIContext(base, base, "v25.0", pageTokens.get(form[1]), secret, appId, false);
                APINodeList<Lead> page = new LeadgenForm(form[0], context).getLeads().requestField(LEAD_FIELDS).setParam("limit", SDK_PAGE)
                        .execute();
                // the SDK's auto-paging iterator stops at Meta's first empty page even when it has a next link: loop on nextPage()
                while (page != null) {
                    for (Lead lead : page) {
                        insert.setString(1, lead.getId());
                        insert.setString(2, form[0]);
                        insert.setString(3, lead.getFieldCreatedTime());
                        insert.setString(4, lead.getFieldAdId());
                        insert.setString(5, lead.getFieldPlatform());
                        var raw = lead.getRawResponseAsJsonObject();
                        insert.setString(6, String.valueOf(raw.get("field_data")));
                        insert.setString(7, raw.has("custom_disclaimer_responses") ? raw.get("custom_disclaimer_responses").toString() : null);
                        insert.executeUpdate();
                    }
                    page = page.nextPage();
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long stored = count("SELECT count(*) FROM bench_sdk_lead");
        assertEquals(expected, stored, "the baseline stored every lead");
        return phase(new Phase("SDK baseline (facebook-java-business-sdk 24.0.1, HTTPS, JDBC row by row)", stored, seconds,
                graphCalls(), memory.read()));
    }

    /** The same rows (leads and consents) written by COPY into identical tables with the same indexes: the physical limit. */
    Phase copy(String workspaceId, long expected) throws Exception {
        Path leads = Path.of("target/bench/leads.copy");
        Path consents = Path.of("target/bench/consents.copy");
        try (Connection c = jdbc(); Statement s = c.createStatement()) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            try (OutputStream out = Files.newOutputStream(leads)) {
                copy.copyOut("COPY (SELECT * FROM lead WHERE workspace_id = '" + workspaceId + "') TO STDOUT (FORMAT binary)", out);
            }
            try (OutputStream out = Files.newOutputStream(consents)) {
                copy.copyOut("COPY (SELECT * FROM lead_consent WHERE workspace_id = '" + workspaceId + "') TO STDOUT (FORMAT binary)", out);
            }
            s.execute("DROP TABLE IF EXISTS bench_copy_consent, bench_copy_lead");
            s.execute("CREATE TABLE bench_copy_lead (LIKE lead INCLUDING ALL)");
            s.execute("CREATE TABLE bench_copy_consent (LIKE lead_consent INCLUDING ALL)");
            memory.reset();
            long start = System.nanoTime();
            long rows;
            try (InputStream in = Files.newInputStream(leads)) {
                rows = copy.copyIn("COPY bench_copy_lead FROM STDIN (FORMAT binary)", in);
            }
            try (InputStream in = Files.newInputStream(consents)) {
                copy.copyIn("COPY bench_copy_consent FROM STDIN (FORMAT binary)", in);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals(expected, rows);
            Phase p = phase(new Phase("raw COPY of the same lead and consent rows (binary, same indexes)", rows, seconds, 0, memory.read()));
            s.execute("DROP TABLE bench_copy_consent, bench_copy_lead");
            Files.deleteIfExists(leads);
            Files.deleteIfExists(consents);
            return p;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String body) throws Exception {
        return JSON.readTree(body);
    }

    private Phase phase(Phase p) {
        line("| %s | %,d | %.1f | %,.0f | %,d | %d | %d | %d |", p.name(), p.stored(), p.seconds(), p.rate(), p.graphCalls(),
                p.memory().peakHeapMb(), p.memory().peakLiveHeapMb(), p.memory().peakRssMb());
        System.out.println(report);
        return p;
    }

    private Map<String, String> pageTokens() {
        Map<String, String> tokens = new HashMap<>();
        String user = MetaWorld.userToken(0);
        String secret = MetaWorld.world().getString("appSecret");
        String after = null;
        do {
            var request = given().queryParam("access_token", user)
                    .queryParam("appsecret_proof", io.metasync.sandbox.auth.Hmac.hex(secret, user))
                    .queryParam("fields", "id,access_token").queryParam("limit", 100);
            if (after != null) {
                request.queryParam("after", after);
            }
            JsonPath page = request.get("/sandbox/graph/v25.0/me/accounts").then().statusCode(200).extract().jsonPath();
            List<Map<String, String>> data = page.getList("data");
            data.forEach(p -> tokens.put(p.get("id"), p.get("access_token")));
            after = page.getString("paging.next") == null ? null : page.getString("paging.cursors.after");
        } while (after != null);
        return tokens;
    }

    /** The SDK speaks HTTPS only: trust the throwaway certificate the profile made (no trust-all). */
    private static void trustSandboxCertificate() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(TlsBenchProfile.KEYSTORE)) {
            store.load(in, TlsBenchProfile.PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        HttpsURLConnection.setDefaultSSLSocketFactory(tls.getSocketFactory());
    }

    private static void settings(String json) {
        given().contentType(ContentType.JSON).body(json).put(MetaWorld.ADMIN + "/settings").then().statusCode(200);
    }

    private static long graphCalls() {
        return given().get(MetaWorld.ADMIN + "/requests").then().statusCode(200).extract().jsonPath().getLong("total");
    }

    private static String workspaceId(String bearer) {
        return given().auth().oauth2(bearer).get("/api/v1/me").then().statusCode(200).extract().path("workspaceId");
    }

    private static Connection jdbc() throws Exception {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class), config.getValue("quarkus.datasource.password", String.class));
    }

    private static long count(String sql) {
        try (Connection c = jdbc(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void line(String format, Object... args) {
        report.append(String.format(format, args)).append('\n');
    }
}
