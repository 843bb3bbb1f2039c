package io.metasync.sandbox.messaging;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.profile.IfBuildProfile;

/**
 * What the sandbox remembers of conversations: when each person last wrote to each channel (the
 * messaging windows are computed from it, by the app clock), the webhook payloads sends produced
 * (echoes, deliveries, reads, WhatsApp statuses: the last {@value #KEPT}), and which WABAs have the app
 * subscribed. Cleared by {@code POST /sandbox/admin/reset}.
 */
@ApplicationScoped
@IfBuildProfile(anyOf = { "dev", "test" })
public class MessagingBook {

    static final int KEPT = 1000;

    private final Map<String, Instant> lastInbound = new ConcurrentHashMap<>();
    private final Deque<Map<String, Object>> outbox = new ArrayDeque<>();
    private final Set<String> subscribedWabas = ConcurrentHashMap.newKeySet();

    public void clear() {
        lastInbound.clear();
        subscribedWabas.clear();
        synchronized (outbox) {
            outbox.clear();
        }
    }

    /** A person wrote to a channel (page, Instagram account or phone number id). */
    public void inbound(String channelId, String userId, Instant at) {
        lastInbound.merge(channelId + "|" + userId, at, (a, b) -> a.isAfter(b) ? a : b);
    }

    public Optional<Instant> lastInbound(String channelId, String userId) {
        return Optional.ofNullable(lastInbound.get(channelId + "|" + userId));
    }

    /** Keeps a webhook payload a send produced. */
    public void produced(Map<String, Object> payload) {
        synchronized (outbox) {
            outbox.addLast(payload);
            while (outbox.size() > KEPT) {
                outbox.removeFirst();
            }
        }
    }

    /** The payloads produced by sends, oldest first. */
    public List<Map<String, Object>> outbox() {
        synchronized (outbox) {
            return List.copyOf(outbox);
        }
    }

    public void clearOutbox() {
        synchronized (outbox) {
            outbox.clear();
        }
    }

    public void subscribe(String wabaId, boolean on) {
        if (on) {
            subscribedWabas.add(wabaId);
        } else {
            subscribedWabas.remove(wabaId);
        }
    }

    public boolean subscribed(String wabaId) {
        return subscribedWabas.contains(wabaId);
    }

    /** A fresh Messenger/Instagram message id. */
    public static String mid() {
        return "m_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** A fresh WhatsApp message id. */
    public static String wamid() {
        return "wamid.HBg" + UUID.randomUUID().toString().replace("-", "").toUpperCase(java.util.Locale.ROOT);
    }
}
