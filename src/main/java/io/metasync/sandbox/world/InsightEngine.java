package io.metasync.sandbox.world;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import io.metasync.sandbox.world.Model.AdAccount;

/**
 * Daily delivery of every ad: a pure function of the seed, the ad, the day (in the ad account's time
 * zone) and how often that day was restated. Days with no delivery have zero impressions, and Meta
 * leaves such rows out.
 */
public final class InsightEngine {

    public enum Level {
        ACCOUNT, CAMPAIGN, ADSET, AD
    }

    /** Summed delivery; money in the account currency's minor units (see {@link AdCatalog#offset}). */
    public record Metrics(long impressions, long clicks, long reach, long spendMinor, long leads, long linkClicks,
            long purchases, long purchaseValueMinor) {

        public static final Metrics ZERO = new Metrics(0, 0, 0, 0, 0, 0, 0, 0);

        public Metrics plus(Metrics o) {
            return new Metrics(impressions + o.impressions, clicks + o.clicks, reach + o.reach,
                    spendMinor + o.spendMinor, leads + o.leads, linkClicks + o.linkClicks, purchases + o.purchases,
                    purchaseValueMinor + o.purchaseValueMinor);
        }
    }

    /** A contiguous range of ad indices of one account: what a campaign, ad set, ad or account covers. */
    public record AdRange(AdAccount account, int fromAd, int toAd) {
    }

    private final WorldSpec spec;
    private final AdCatalog ads;
    private final Instant start;
    private final Restatements restatements;

    InsightEngine(WorldSpec spec, AdCatalog ads, Instant start, Restatements restatements) {
        this.spec = spec;
        this.ads = ads;
        this.start = start;
        this.restatements = restatements;
    }

    public AdCatalog ads() {
        return ads;
    }

    /** First day with data, in the account's time zone. */
    public LocalDate firstDay(AdAccount account) {
        return start.atZone(ZoneId.of(account.timezoneName())).toLocalDate().minusDays(spec.insightDays());
    }

    /** Ads per object of a level. */
    public int adsPer(Level level) {
        return switch (level) {
            case AD -> 1;
            case ADSET -> spec.adsPerAdset();
            case CAMPAIGN -> spec.adsPerAdset() * spec.adsetsPerCampaign();
            case ACCOUNT -> spec.adsPerAccount();
        };
    }

    public AdRange whole(AdAccount account) {
        return new AdRange(account, 0, spec.adsPerAccount());
    }

    /** Objects of a level that a scope covers: [first, last) object indices. */
    public int[] objects(AdRange scope, Level level) {
        int per = adsPer(level);
        return new int[] { scope.fromAd() / per, (scope.toAd() + per - 1) / per };
    }

    /** The ads of object {@code index} at {@code level}, clipped to the scope. */
    public AdRange slice(AdRange scope, Level level, int index) {
        int per = adsPer(level);
        return new AdRange(scope.account(), Math.max(scope.fromAd(), index * per),
                Math.min(scope.toAd(), (index + 1) * per));
    }

    public Metrics total(AdRange range, LocalDate since, LocalDate until) {
        Metrics sum = Metrics.ZERO;
        LocalDate first = since.isBefore(firstDay(range.account())) ? firstDay(range.account()) : since;
        for (LocalDate d = first; !d.isAfter(until); d = d.plusDays(1)) {
            for (int ad = range.fromAd(); ad < range.toAd(); ad++) {
                sum = sum.plus(day(range.account(), ad, d));
            }
        }
        return sum;
    }

    public Metrics day(AdAccount account, int ad, LocalDate day) {
        int revision = restatements.revision(account.index(), day);
        long seed = revision == 0 ? spec.seed() : Rng.mix(spec.seed(), 58, revision);
        long a = account.index();
        long e = day.toEpochDay();
        if (Rng.unit(seed, 50, a, ad, e) < 0.1) {
            return Metrics.ZERO;
        }
        long impressions = 200 + Rng.below(5000, seed, 51, a, ad, e);
        long clicks = impressions * (5 + Rng.below(25, seed, 52, a, ad, e)) / 1000;
        long reach = impressions * (60 + Rng.below(30, seed, 53, a, ad, e)) / 100;
        int offset = AdCatalog.offset(account.currency());
        long cpmMinor = (2 + Rng.below(13, seed, 54, a, ad, e)) * offset * (offset == 1 ? 100L : 1L);
        long spend = impressions * cpmMinor / 1000;
        long leads = clicks * Rng.below(20, seed, 55, a, ad, e) / 100;
        long purchases = clicks * Rng.below(5, seed, 56, a, ad, e) / 100;
        long value = purchases * (10 + Rng.below(90, seed, 57, a, ad, e)) * offset * (offset == 1 ? 100L : 1L);
        return new Metrics(impressions, clicks, reach, spend, leads, clicks * 8 / 10, purchases, value);
    }
}
