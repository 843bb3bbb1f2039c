package io.metasync.common.tenant;

import java.util.UUID;

/** An entity that belongs to one workspace (tenant). */
public interface WorkspaceOwned {
    UUID getWorkspaceId();
}
