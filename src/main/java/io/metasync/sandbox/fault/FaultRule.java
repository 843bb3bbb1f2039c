package io.metasync.sandbox.fault;

import java.time.Instant;
import java.util.Locale;

/**
 * A fault to inject, as {@code POST /sandbox/admin/faults} takes it. Fields are optional; {@link #withDefaults}
 * fills in each kind's defaults. {@code times} limits it to the next N matching calls; a throttle rule
 * also ends at its regain time (app clock).
 */
public record FaultRule(String kind, String pathContains, Integer times, Integer code, Integer subcode,
        Integer regainMinutes, Integer httpStatus, Long latencyMs) {

    public static final java.util.List<String> KINDS = java.util.List.of("server_error", "throttle", "token_expired",
            "token_revoked", "permission", "too_much_data", "invalid", "timeout", "truncate", "batch_timeout");

    /** A stored rule: id, the rule, when it was made and calls left (-1: unlimited). */
    public record Active(long id, FaultRule rule, Instant createdAt, Instant endsAt) {
    }

    public FaultRule withDefaults() {
        String k = kind == null ? "" : kind.toLowerCase(Locale.ROOT);
        if (!KINDS.contains(k)) {
            throw new io.metasync.sandbox.BadSandboxRequest("kind must be one of " + KINDS);
        }
        if (times != null && times < 1) {
            throw new io.metasync.sandbox.BadSandboxRequest("times must be >= 1");
        }
        return new FaultRule(k, pathContains, times, code, subcode,
                regainMinutes != null ? regainMinutes : (k.equals("throttle") ? 5 : null), httpStatus,
                latencyMs != null ? latencyMs : (k.equals("timeout") ? 30_000L : 0L));
    }

    boolean matches(String path, boolean batchItem) {
        boolean batchOnly = kind.equals("batch_timeout");
        return batchOnly == batchItem && (pathContains == null || path.contains(pathContains));
    }
}
