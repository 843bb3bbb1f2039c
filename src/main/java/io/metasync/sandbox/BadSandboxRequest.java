package io.metasync.sandbox;

import java.util.Map;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import io.quarkus.arc.profile.IfBuildProfile;

/** An admin request the sandbox cannot follow; answered 400 {@code {"error": message}}. */
public class BadSandboxRequest extends RuntimeException {

    public BadSandboxRequest(String message) {
        super(message, null, false, false);
    }

    /** Maps it to its 400 answer. */
    @Provider
    @IfBuildProfile(anyOf = { "dev", "test" })
    public static class Mapper implements ExceptionMapper<BadSandboxRequest> {
        @Override
        public Response toResponse(BadSandboxRequest e) {
            return Response.status(400).type(MediaType.APPLICATION_JSON).entity(Map.of("error", e.getMessage()))
                    .build();
        }
    }
}
