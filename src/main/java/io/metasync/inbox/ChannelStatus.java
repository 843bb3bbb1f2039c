package io.metasync.inbox;

/** One word for a channel's state, from its token health and webhook subscription. */
final class ChannelStatus {

    static final String CONNECTED = "connected";
    static final String NOT_SUBSCRIBED = "webhook-not-subscribed";

    private ChannelStatus() {
    }

    /** {@code connected}, {@code webhook-not-subscribed}, or {@code token-<health>} when the token does not work. */
    static String of(String tokenHealth, boolean webhookSubscribed) {
        if (!usable(tokenHealth)) {
            return "token-" + tokenHealth;
        }
        return webhookSubscribed ? CONNECTED : NOT_SUBSCRIBED;
    }

    static boolean usable(String tokenHealth) {
        return "active".equals(tokenHealth) || "expiring".equals(tokenHealth);
    }
}
