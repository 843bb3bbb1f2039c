package io.metasync.common.problem;

import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Declares the {@link Problem} schema once as an OpenAPI component, so that every error response
 * ({@link ProblemResponsesFilter}) can refer to it. Title, version and description come from
 * {@code quarkus.smallrye-openapi.info-*}, which take precedence over the values here.
 */
@OpenAPIDefinition(info = @Info(title = "metasync API", version = "1.0"),
        components = @Components(schemas = @Schema(name = ProblemSchema.NAME, implementation = Problem.class)))
public class ProblemSchema extends Application {

    public static final String NAME = "Problem";
}
