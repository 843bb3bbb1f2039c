package io.metasync.sandbox;

import java.util.Map;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.arc.profile.IfBuildProfile;

/** An admin request the sandbox cannot follow; answered 400 {@code {"error": message}}. */
public class BadSandboxRequest extends RuntimeException {

    public BadSandboxRequest(String message) {
        super(message, null, false, false);
    }

    /** Maps it to its 400 answer. */
    @IfBuildProfile(anyOf = { "dev", "test" })
    public static class Mapper {
        @ServerExceptionMapper
        public RestResponse<Map<String, String>> map(BadSandboxRequest e) {
            return RestResponse.status(RestResponse.Status.BAD_REQUEST, Map.of("error", e.getMessage()));
        }
    }
}
