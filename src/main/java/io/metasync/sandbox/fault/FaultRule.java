package io.metasync.sandbox.fault;

import java.time.Instant;
import java.util.Locale;

/**
 * A fault to inject, as {@code POST /sandbox/admin/faults} takes it. Fields are optional; {@link #withDefaults}
 * fills in each kind's defaults. {@code times} limits it to the next N matching calls; a throttle rule
 * also ends at its regain time (app clock).
 */
public record FaultRule(String kind, String pathContains, Integer times, Integer code, Integer subcode,
        Integer regainMinutes, Integer httpStatus, Long latencyMs, Integer after) {

    public static final java.util.List<String> KINDS = java.util.List.of("server_error", "throttle", "token_expired",
            "token_revoked", "permission", "too_much_data", "invalid", "timeout", "truncate", "batch_timeout", "job_failed",
            "job_too_large", "job_stuck");

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
        if (after != null && after < 0) {
            throw new io.metasync.sandbox.BadSandboxRequest("after must be >= 0");
        }
        return new FaultRule(k, pathContains, times, code, subcode,
                regainMinutes != null ? regainMinutes : (k.equals("throttle") ? 5 : null), httpStatus,
                latencyMs != null ? latencyMs : (k.equals("timeout") ? 30_000L : 0L), after == null ? 0 : after);
    }

    /** Where a rule acts: on a call's answer, on a batch item, or on an async report run started by the call. */
    public enum Scope {
        CALL, BATCH_ITEM, REPORT_RUN
    }

    Scope scope() {
        return switch (kind) {
            case "batch_timeout" -> Scope.BATCH_ITEM;
            case "job_failed", "job_too_large", "job_stuck" -> Scope.REPORT_RUN;
            default -> Scope.CALL;
        };
    }

    boolean matches(String path, Scope where) {
        return scope() == where && (pathContains == null || path.contains(pathContains));
    }
}
