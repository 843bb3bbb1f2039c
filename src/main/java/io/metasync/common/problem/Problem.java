package io.metasync.common.problem;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem document: every error the API answers has this shape, as
 * {@code application/problem+json}. {@code type} is stable and names the kind of problem.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 9457 problem details")
public record Problem(
        @Schema(example = "https://metasync.dev/problems/validation") String type,
        @Schema(example = "Invalid request") String title,
        @Schema(example = "400") int status,
        @Schema(example = "email: must be a well-formed email address") String detail,
        List<FieldError> errors,
        MetaError meta) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://metasync.dev/problems/";

    /** One invalid field of the request. */
    public record FieldError(String field, String message) {
    }

    /** Meta's error, where one caused the problem. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MetaError(Integer code, Integer subcode, String type, String fbtraceId) {
    }
}
