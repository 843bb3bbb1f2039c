package io.metasync.connect.connection;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** What the API shows of connections, pages and ad accounts: never a token. */
public final class ConnectionViews {

    private ConnectionViews() {
    }

    public record PageRef(String id, String name, String instagramAccountId) {
    }

    public record AdAccountRef(String id, String name) {
    }

    public record ConnectionView(UUID id, String kind, String metaUserId, String name, String status,
            OffsetDateTime expiresAt, OffsetDateTime dataAccessExpiresAt, List<String> scopes, List<String> missingScopes,
            List<PageRef> pages, List<AdAccountRef> adAccounts, OffsetDateTime lastCheckedAt, String statusReason) {
    }

    public record VerifyView(boolean verified, String userId, String userName, boolean hasLeadsPermission,
            List<String> missingPermissions, String message) {
    }

    /** An ad account a workspace's connection can read, as other rooms see it ({@code accountId}: {@code act_...}). */
    public record AdAccountInfo(UUID workspaceId, String accountId, String name, UUID connectionId) {
    }

    /** A page of the workspace, as other rooms see it. */
    public record PageInfo(String pageId, String name, UUID connectionId, String instagramAccountId) {
    }
}
