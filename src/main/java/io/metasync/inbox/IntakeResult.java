package io.metasync.inbox;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What {@link InboxIntake#accept} did with one webhook entry: messages stored (new), duplicates (a
 * platform id already stored: a redelivery or the echo of our own send), status updates applied, events
 * ignored (reactions, deleted or unsupported messages, unknown event kinds), the workspaces it went to,
 * and {@code unknownChannels}: the page, Instagram account or WhatsApp number ids no workspace has
 * connected ({@code page:<id>}, {@code instagram:<id>}, {@code whatsapp:<phone_number_id>}), which the
 * caller keeps and reports.
 */
@RegisterForReflection
public record IntakeResult(int messages, int duplicates, int statuses, int ignored, List<UUID> workspaces,
        List<String> unknownChannels) {

    public static IntakeResult empty() {
        return new IntakeResult(0, 0, 0, 0, List.of(), List.of());
    }

    static IntakeResult sum(List<IntakeResult> results) {
        return results.stream().reduce(empty(), IntakeResult::plus);
    }

    static IntakeResult unknown(String channel) {
        return new IntakeResult(0, 0, 0, 0, List.of(), List.of(channel));
    }

    static IntakeResult ignoredOne() {
        return new IntakeResult(0, 0, 0, 1, List.of(), List.of());
    }

    /** Whether every part of the entry reached at least one workspace. */
    public boolean routed() {
        return unknownChannels.isEmpty();
    }

    IntakeResult in(UUID workspaceId) {
        return new IntakeResult(messages, duplicates, statuses, ignored, List.of(workspaceId), unknownChannels);
    }

    IntakeResult plus(IntakeResult o) {
        return new IntakeResult(messages + o.messages, duplicates + o.duplicates, statuses + o.statuses,
                ignored + o.ignored, union(workspaces, o.workspaces), union(unknownChannels, o.unknownChannels));
    }

    private static <T> List<T> union(List<T> a, List<T> b) {
        LinkedHashSet<T> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return List.copyOf(new ArrayList<>(all));
    }
}
