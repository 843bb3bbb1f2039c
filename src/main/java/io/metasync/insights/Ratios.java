package io.metasync.insights;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The derived metrics, computed one way everywhere (rows, summaries, campaigns, exports): ctr in percent
 * of impressions, cpc per click, cpm per thousand impressions, roas as revenue over spend; each is null,
 * never infinite, when its denominator is zero. Money is a plain decimal string.
 */
public final class Ratios {

    private static final int SCALE = 6;

    private Ratios() {
    }

    public static BigDecimal ctr(long clicks, long impressions) {
        return impressions == 0 ? null : divide(BigDecimal.valueOf(clicks * 100), BigDecimal.valueOf(impressions));
    }

    public static String cpc(BigDecimal spend, long clicks) {
        return clicks == 0 ? null : money(divide(spend, BigDecimal.valueOf(clicks)));
    }

    public static String cpm(BigDecimal spend, long impressions) {
        return impressions == 0 ? null : money(divide(spend.multiply(BigDecimal.valueOf(1000)), BigDecimal.valueOf(impressions)));
    }

    public static BigDecimal roas(BigDecimal revenue, BigDecimal spend) {
        return spend.signum() == 0 ? null : divide(revenue, spend);
    }

    /** A money amount as a decimal string without trailing zeros ({@code "12.5"}, {@code "0"}). */
    public static String money(BigDecimal amount) {
        return amount.signum() == 0 ? "0" : amount.stripTrailingZeros().toPlainString();
    }

    /** A count-like decimal (conversions) without trailing zeros. */
    public static BigDecimal plain(BigDecimal value) {
        return value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
    }

    private static BigDecimal divide(BigDecimal a, BigDecimal b) {
        return plain(a.divide(b, SCALE, RoundingMode.HALF_UP));
    }
}
