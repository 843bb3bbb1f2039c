package io.metasync.leads;

import java.util.Map;

import io.metasync.common.problem.Problem;
import io.metasync.common.problem.ProblemException;
import io.metasync.graph.GraphException;

/** A Graph failure as the API reports it: a problem with Meta's error in {@code meta}, never a 500. */
final class MetaProblems {

    private MetaProblems() {
    }

    static Throwable translate(Throwable failure) {
        if (!(failure instanceof GraphException g)) {
            return failure;
        }
        Problem.MetaError meta = new Problem.MetaError(g.code().orElse(null), g.subcode().orElse(null), g.type().orElse(null),
                g.fbtraceId().orElse(null));
        return switch (g.kind()) {
            case AUTH -> new ProblemException(409, "meta-token-expired", "Meta token no longer valid",
                    "Meta rejected the page's token; reconnect the page", null, meta, Map.of());
            case PERMISSION -> new ProblemException(403, "meta-permission", "Meta permission missing", g.getMessage(), null, meta,
                    Map.of());
            case THROTTLED, TRANSIENT -> new ProblemException(503, "meta-unavailable", "Meta unavailable", g.getMessage(), null,
                    meta, Map.of());
            default -> new ProblemException(502, "meta-error", "Meta refused the request", g.getMessage(), null, meta, Map.of());
        };
    }
}
