package io.metasync.inbox;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Inbox metrics: messages stored by channel and direction, and send failures by channel and Meta error code. */
@ApplicationScoped
public class InboxMetrics {

    private final MeterRegistry registry;

    public InboxMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A new message stored ({@code in}: received; {@code out}: our send accepted, or an echo of one sent elsewhere). */
    void message(Channel channel, String direction) {
        Counter.builder("metasync.inbox.messages").description("Inbox messages stored, by channel and direction")
                .tag("channel", channel.name()).tag("direction", direction).register(registry).increment();
    }

    /** A send Meta refused or that failed later (WhatsApp status), by Meta's error code ({@code none} without one). */
    void sendFailure(Channel channel, Integer code) {
        Counter.builder("metasync.inbox.send.failures").description("Inbox sends that failed, by channel and Meta error code")
                .tag("channel", channel.name()).tag("code", code == null ? "none" : code.toString())
                .register(registry).increment();
    }
}
