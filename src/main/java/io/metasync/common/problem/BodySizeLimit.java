package io.metasync.common.problem;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.runtime.configuration.MemorySize;

/**
 * Caps JSON request bodies at {@code metasync.http.max-json-body-size} with a problem document.
 * Other bodies (CSV imports) may be larger, up to the server-wide hard cap
 * {@code quarkus.http.limits.max-body-size}, which Quarkus enforces before any filter runs.
 */
public class BodySizeLimit {

    private final long maxJsonBytes;

    public BodySizeLimit(@ConfigProperty(name = "metasync.http.max-json-body-size", defaultValue = "1M") MemorySize max) {
        this.maxJsonBytes = max.asLongValue();
    }

    @ServerRequestFilter(preMatching = true)
    public void limit(ContainerRequestContext request) {
        MediaType type = request.getMediaType();
        int length = request.getLength();
        if (type != null && type.getSubtype().endsWith("json") && length > maxJsonBytes) {
            throw new ProblemException(413, "payload-too-large", "Payload too large",
                    "The request body is " + length + " bytes; JSON bodies may be at most " + maxJsonBytes + " bytes");
        }
    }
}
