package io.metasync.account;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response bodies of the account endpoints. */
final class AccountDtos {

    private AccountDtos() {
    }

    record RegisterRequest(
            @NotBlank @Email @Size(max = 320) @Schema(example = "ana@example.com") String email,
            @NotBlank @Size(min = 8, max = 72) @Schema(example = "correct horse battery") String password,
            @Size(max = 200) @Schema(example = "Ana's Bakery") String workspaceName) {
    }

    record RegisterResponse(UUID userId, UUID workspaceId) {
    }

    record LoginRequest(
            @NotBlank @Schema(example = "ana@example.com") String email,
            @NotBlank @Schema(example = "correct horse battery") String password) {
    }

    record TokenResponse(String accessToken, @Schema(example = "bearer") String tokenType,
            @Schema(description = "seconds until the token expires", example = "3600") long expiresIn) {
    }

    record MeResponse(UUID userId, String email, UUID workspaceId, String workspaceName) {
    }

    record WorkspaceResponse(UUID id, String name, OffsetDateTime createdAt) {
    }
}
