package io.metasync.graph;


import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.metasync.common.problem.Problem;

/**
 * A Graph failure that reaches the API becomes a problem document that says what Meta answered
 * (in {@code meta}) and what to do; never a 500 with a stack trace. The message is already redacted.
 */
public class GraphProblems {

    @ServerExceptionMapper
    public Response graph(GraphException e) {
        Problem.MetaError meta = new Problem.MetaError(e.code().orElse(null), e.subcode().orElse(null), e.type().orElse(null),
                e.fbtraceId().orElse(null));
        Response.ResponseBuilder out = switch (e.kind()) {
            case AUTH -> respond(409, "meta-token-expired", "Meta token no longer valid",
                    "Meta rejected the connection's token; reconnect it. " + e.getMessage(), meta);
            case PERMISSION -> respond(409, "meta-permission-missing", "Meta permission missing",
                    "The connection lacks a permission Meta requires here; reconnect and grant it. " + e.getMessage(), meta);
            case THROTTLED -> {
                Response.ResponseBuilder b = respond(429, "meta-rate-limited", "Meta rate limit reached",
                        "Meta is limiting calls; try again later. " + e.getMessage(), meta);
                e.retryAfter().ifPresent(d -> b.header("Retry-After", Math.max(1, d.toSeconds())));
                yield b;
            }
            case TOO_MUCH_DATA -> respond(422, "meta-too-much-data", "Too much data for Meta",
                    "Meta asks for a smaller request (shorter range, fewer objects). " + e.getMessage(), meta);
            case INVALID -> respond(422, "meta-request-rejected", "Meta rejected the request", e.getMessage(), meta);
            case TRANSIENT -> respond(503, "meta-unavailable", "Meta is unavailable",
                    "Meta did not answer successfully (calls that are safe to repeat were retried); try again later. " + e.getMessage(), meta)
                    .header("Retry-After", 30);
        };
        return out.build();
    }

    private static Response.ResponseBuilder respond(int status, String slug, String title, String detail, Problem.MetaError meta) {
        return Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(new Problem(Problem.TYPE_BASE + slug, title, status, detail, null, meta));
    }

}
