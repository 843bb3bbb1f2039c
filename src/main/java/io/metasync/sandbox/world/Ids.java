package io.metasync.sandbox.world;

import java.util.Optional;

/**
 * Numeric string ids that carry what they name: {@code <kind code><14 digits>}, so that any id can be
 * decoded back to its object without a lookup table. Leads put their form's index in the upper digits.
 */
public final class Ids {

    public static final long BASE = 100_000_000_000_000L;
    /** Lead ordinals per form; lead number = form index * LEADS + ordinal. */
    public static final long LEADS = 1_000_000_000L;
    /** Campaigns, ad sets and ads per ad account; number = account index * PER_ACCOUNT + index. */
    public static final long PER_ACCOUNT = 1_000_000L;

    public enum Kind {
        USER(10), PAGE(11), FORM(12), LEAD(13), AD_ACCOUNT(14), CAMPAIGN(15), ADSET(16), AD(17),
        REPORT_RUN(18), IG_ACCOUNT(19), QUESTION(20), BUSINESS(21), WABA(22), WA_PHONE(23), PSID(24), IGSID(25);

        final long code;

        Kind(long code) {
            this.code = code;
        }
    }

    public record Decoded(Kind kind, long number) {
    }

    private Ids() {
    }

    public static String of(Kind kind, long number) {
        return Long.toString(kind.code * BASE + number);
    }

    public static String account(long index) {
        return "act_" + of(Kind.AD_ACCOUNT, index);
    }

    public static Optional<Decoded> decode(String id) {
        String digits = id.startsWith("act_") ? id.substring(4) : id;
        if (digits.length() != 16 || !digits.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        long value = Long.parseLong(digits);
        long code = value / BASE;
        for (Kind k : Kind.values()) {
            if (k.code == code) {
                return id.startsWith("act_") && k != Kind.AD_ACCOUNT ? Optional.empty()
                        : Optional.of(new Decoded(k, value % BASE));
            }
        }
        return Optional.empty();
    }
}
