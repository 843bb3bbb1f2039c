package io.metasync.privacy;

import java.time.OffsetDateTime;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** What a privacy erasure removed, by kind of data ({@code messages}: inbox messages, with their conversations). */
@RegisterForReflection
public record ErasureResult(long leads, long consents, long messages, OffsetDateTime erasedAt) {
}
