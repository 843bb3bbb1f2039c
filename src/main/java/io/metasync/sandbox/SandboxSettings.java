package io.metasync.sandbox;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.profile.IfBuildProfile;

/** The sandbox's behaviour now: starts from {@link SandboxConfig}, changed by {@code PUT /sandbox/admin/settings}. */
@ApplicationScoped
@IfBuildProfile(anyOf = { "dev", "test" })
public class SandboxSettings {

    /** Global behaviour; the admin API's settings document. */
    public record Settings(long latencyMs, double serverErrorRate, boolean requireAppsecretProof, double emptyPageRate,
            double shortPageRate, double webhookDropRate, double leadArrivalPerMinute, String webhookTarget,
            boolean autoWebhooks, int maxInsightRows, int asyncReportSeconds, long maxReportRunDataPoints,
            double reportRunTooLargeRate, double reportRunStuckRate, boolean messagingWebhooks, int maxCursorDepth) {
    }

    /** Any subset of {@link Settings}. */
    public record Patch(Long latencyMs, Double serverErrorRate, Boolean requireAppsecretProof, Double emptyPageRate,
            Double shortPageRate, Double webhookDropRate, Double leadArrivalPerMinute, String webhookTarget,
            Boolean autoWebhooks, Integer maxInsightRows, Integer asyncReportSeconds, Long maxReportRunDataPoints,
            Double reportRunTooLargeRate, Double reportRunStuckRate, Boolean messagingWebhooks, Integer maxCursorDepth) {

        Settings applyTo(Settings s) {
            Settings r = new Settings(or(latencyMs, s.latencyMs()), or(serverErrorRate, s.serverErrorRate()),
                    or(requireAppsecretProof, s.requireAppsecretProof()), or(emptyPageRate, s.emptyPageRate()),
                    or(shortPageRate, s.shortPageRate()), or(webhookDropRate, s.webhookDropRate()),
                    or(leadArrivalPerMinute, s.leadArrivalPerMinute()), or(webhookTarget, s.webhookTarget()),
                    or(autoWebhooks, s.autoWebhooks()), or(maxInsightRows, s.maxInsightRows()),
                    or(asyncReportSeconds, s.asyncReportSeconds()), or(maxReportRunDataPoints, s.maxReportRunDataPoints()),
                    or(reportRunTooLargeRate, s.reportRunTooLargeRate()), or(reportRunStuckRate, s.reportRunStuckRate()),
                    or(messagingWebhooks, s.messagingWebhooks()), or(maxCursorDepth, s.maxCursorDepth()));
            validate(r);
            return r;
        }

        private static <T> T or(T v, T d) {
            return v != null ? v : d;
        }
    }

    private final SandboxConfig config;
    private volatile Settings current;

    public SandboxSettings(SandboxConfig config) {
        this.config = config;
        this.current = defaults();
    }

    public Settings get() {
        return current;
    }

    public Settings apply(Patch patch) {
        current = patch.applyTo(current);
        return current;
    }

    public void reset() {
        current = defaults();
    }

    private Settings defaults() {
        return new Settings(config.latencyMs(), config.serverErrorRate(), config.requireAppsecretProof(),
                config.emptyPageRate(), config.shortPageRate(), config.webhookDropRate(),
                config.leadArrivalPerMinute(), config.webhookTarget().orElse(null), config.autoWebhooks(),
                config.maxInsightRows(), config.asyncReportSeconds(), config.maxReportRunDataPoints(),
                config.reportRunTooLargeRate(), config.reportRunStuckRate(), config.messagingWebhooks(),
                config.maxCursorDepth());
    }

    private static void validate(Settings s) {
        boolean ok = s.latencyMs() >= 0 && rate(s.serverErrorRate()) && rate(s.emptyPageRate())
                && rate(s.shortPageRate()) && rate(s.webhookDropRate()) && s.leadArrivalPerMinute() >= 0
                && s.maxInsightRows() > 0 && s.asyncReportSeconds() >= 0 && s.maxReportRunDataPoints() > 0
                && rate(s.reportRunTooLargeRate()) && rate(s.reportRunStuckRate()) && s.maxCursorDepth() >= 0;
        if (!ok) {
            throw new io.metasync.sandbox.BadSandboxRequest("rates must be within 0..1; latency, arrivals and sizes >= 0");
        }
    }

    private static boolean rate(double r) {
        return r >= 0 && r <= 1;
    }
}
