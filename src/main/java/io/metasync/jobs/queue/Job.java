package io.metasync.jobs.queue;

import java.util.UUID;

import io.vertx.core.json.JsonObject;

/** A claimed job: its key (unique), kind (which {@link JobHandler} runs it), workspace, payload and attempt number. */
public record Job(String key, String kind, UUID workspaceId, JsonObject payload, int attempts) {
}
