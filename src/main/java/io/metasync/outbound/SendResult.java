package io.metasync.outbound;

/**
 * How one send ended: {@code delivered}; {@code retry} (5xx, 408, 429, timeout, connection or token
 * failure); {@code dead} (another 4xx: sending it again would fail the same way); {@code gone} (410:
 * the destination is disabled); {@code skipped} (nothing to send, with the reason in {@code error}).
 */
public record SendResult(String outcome, Integer statusCode, String error, long durationMs) {

    public static final String DELIVERED = "delivered";
    public static final String RETRY = "retry";
    public static final String DEAD = "dead";
    public static final String GONE = "gone";
    public static final String SKIPPED = "skipped";

    static SendResult skipped(String reason) {
        return new SendResult(SKIPPED, null, reason, 0);
    }

    /** The outcome of an HTTP answer. */
    static SendResult ofStatus(int status, String error, long durationMs) {
        String outcome = status >= 200 && status < 300 ? DELIVERED
                : status == 410 ? GONE
                : status >= 500 || status == 408 || status == 429 ? RETRY
                : DEAD;
        return new SendResult(outcome, status, DELIVERED.equals(outcome) ? null : error, durationMs);
    }
}
