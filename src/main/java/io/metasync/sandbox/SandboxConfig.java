package io.metasync.sandbox;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Start-up configuration of the Graph sandbox ({@code metasync.sandbox.*}). The admin API can change
 * most of it at runtime ({@link SandboxSettings}); {@code POST /sandbox/admin/reset} goes back to these values.
 */
@ConfigMapping(prefix = "metasync.sandbox")
public interface SandboxConfig {

    @WithDefault("1234567890123456")
    String appId();

    @WithDefault("sandbox-app-secret-dev-only")
    String appSecret();

    @WithDefault("metasync sandbox app")
    String appName();

    /** Graph version the sandbox reports as current (the app's dashboard default for unversioned calls). */
    @WithDefault("v25.0")
    String version();

    @WithDefault("42")
    long seed();

    @WithDefault("1")
    int users();

    @WithDefault("5")
    int pages();

    @WithDefault("2")
    int formsPerPage();

    @WithDefault("100")
    int leadsPerForm();

    /** Days over which a form's initial leads are spread, ending when the world starts. */
    @WithDefault("60")
    int leadHistoryDays();

    @WithDefault("2")
    int adAccounts();

    @WithDefault("2")
    int campaignsPerAccount();

    @WithDefault("2")
    int adsetsPerCampaign();

    @WithDefault("2")
    int adsPerAdset();

    @WithDefault("90")
    int insightDays();

    @WithDefault("0")
    long latencyMs();

    @WithDefault("0.0")
    double serverErrorRate();

    @WithDefault("true")
    boolean requireAppsecretProof();

    @WithDefault("0.1")
    double emptyPageRate();

    @WithDefault("0.1")
    double shortPageRate();

    /** Items a list may be read past with {@code after} before Meta refuses the cursor as too deep (0: no limit). */
    @WithDefault("0")
    int maxCursorDepth();

    @WithDefault("0.0")
    double webhookDropRate();

    /** New leads per minute per form, after the world starts. */
    @WithDefault("0.2")
    double leadArrivalPerMinute();

    /** Where leadgen webhooks go; default: this app's own {@code POST /webhooks/meta}. */
    Optional<String> webhookTarget();

    /** Sends the leadgen webhooks of leads that arrive with time, checked every second. */
    @WithDefault("false")
    boolean autoWebhooks();

    /**
     * POSTs every messaging webhook (a person's message made through the admin API; the echoes, deliveries,
     * reads and WhatsApp statuses sends produce), signed, to the webhook target, for channels with the app subscribed.
     */
    @WithDefault("true")
    boolean messagingWebhooks();

    /** A synchronous insights call with more rows than this fails with "reduce the amount of data". */
    @WithDefault("5000")
    int maxInsightRows();

    /** Time an async insights report run takes to complete (app clock). */
    @WithDefault("20")
    int asyncReportSeconds();

    /** An async report run over more data points (candidate rows x fields asked) fails as "async report too large" (-3/1504045). */
    @WithDefault("10000000")
    long maxReportRunDataPoints();

    /** Share of async report runs that fail as "async report too large", whatever their size. */
    @WithDefault("0.0")
    double reportRunTooLargeRate();

    /** Share of async report runs that never start ({@code Job Not Started} forever). */
    @WithDefault("0.0")
    double reportRunStuckRate();
}
