package io.metasync.inbox;

import java.time.Duration;
import java.time.OffsetDateTime;

import io.metasync.common.problem.ProblemException;

/**
 * Meta's messaging windows (META-FACTS §7.2, §7.3, §7.5), decided before anything is sent. Messenger and
 * Instagram: {@code RESPONSE} within 24 h of the participant's last message; after that only a person may
 * answer, with the {@code HUMAN_AGENT} tag, within 7 days. WhatsApp: free-form text within the 24 h
 * customer-service window; after it, only a template. Anything else is a 409 problem naming the rule.
 */
public final class ReplyWindow {

    static final Duration STANDARD = Duration.ofHours(24);
    static final Duration HUMAN_AGENT = Duration.ofDays(7);

    /** How a Messenger or Instagram reply is sent: {@code messaging_type} and the tag (null for none). */
    public record PageSend(String messagingType, String tag) {
    }

    private ReplyWindow() {
    }

    public static PageSend page(OffsetDateTime lastInbound, OffsetDateTime now, boolean humanAgent) {
        if (lastInbound == null) {
            throw closed("messaging-window-closed", "The participant has not written to this channel; Meta allows no reply");
        }
        Duration since = Duration.between(lastInbound, now);
        if (since.compareTo(STANDARD) <= 0) {
            return new PageSend("RESPONSE", null);
        }
        if (humanAgent && since.compareTo(HUMAN_AGENT) <= 0) {
            return new PageSend("MESSAGE_TAG", "HUMAN_AGENT");
        }
        if (since.compareTo(HUMAN_AGENT) <= 0) {
            throw closed("messaging-window-closed", "The 24-hour standard messaging window closed at "
                    + lastInbound.plus(STANDARD) + "; until " + lastInbound.plus(HUMAN_AGENT)
                    + " only a person may answer, with the HUMAN_AGENT tag (send with humanAgent: true)");
        }
        throw closed("messaging-window-closed", "The 24-hour standard messaging window and the 7-day HUMAN_AGENT window"
                + " closed (last message from the participant at " + lastInbound + "); Meta allows no reply");
    }

    /** Whether WhatsApp free-form text may be sent; templates always may. */
    public static void whatsappText(OffsetDateTime lastInbound, OffsetDateTime now) {
        if (lastInbound == null || Duration.between(lastInbound, now).compareTo(STANDARD) > 0) {
            throw closed("whatsapp-window-closed", "The 24-hour WhatsApp customer-service window is closed"
                    + (lastInbound == null ? "" : " (last message from the customer at " + lastInbound + ")")
                    + "; only an approved template may be sent ({template:{name, language, parameters}})");
        }
    }

    private static ProblemException closed(String slug, String detail) {
        return new ProblemException(409, slug, "Outside Meta's messaging window", detail);
    }
}
