package io.metasync.sandbox.world;

import java.util.List;
import java.util.Optional;

import io.metasync.sandbox.world.Ids.Kind;
import io.metasync.sandbox.world.Model.Ad;
import io.metasync.sandbox.world.Model.AdAccount;
import io.metasync.sandbox.world.Model.AdSet;
import io.metasync.sandbox.world.Model.Campaign;

/** Ad accounts, campaigns, ad sets and ads, computed from indices. */
public final class AdCatalog {

    /** Time zones include UTC+13 (Auckland in summer, Tongatapu) so "the account's day" differs from UTC's. */
    private static final List<String> ZONES = List.of("Pacific/Auckland", "America/Los_Angeles", "Europe/Lisbon",
            "Pacific/Tongatapu", "Asia/Tokyo", "UTC", "America/Sao_Paulo");
    private static final List<String> CURRENCIES = List.of("NZD", "USD", "EUR", "TOP", "JPY", "GBP", "BRL");
    private static final List<String> OBJECTIVES = List.of("OUTCOME_LEADS", "OUTCOME_SALES", "OUTCOME_TRAFFIC",
            "OUTCOME_AWARENESS", "LEAD_GENERATION");

    private final WorldSpec spec;

    public AdCatalog(WorldSpec spec) {
        this.spec = spec;
    }

    public AdAccount account(int index) {
        int zone = index % ZONES.size();
        String accountId = Ids.of(Kind.AD_ACCOUNT, index);
        return new AdAccount(index, "act_" + accountId, accountId, "Ad account " + index, CURRENCIES.get(zone),
                ZONES.get(zone), 1, Ids.of(Kind.BUSINESS, index));
    }

    public Optional<AdAccount> account(long number) {
        return number < spec.adAccounts() ? Optional.of(account((int) number)) : Optional.empty();
    }

    public Campaign campaign(AdAccount account, int index) {
        long seed = spec.seed();
        return new Campaign(account, index, Ids.of(Kind.CAMPAIGN, account.index() * Ids.PER_ACCOUNT + index),
                "Campaign " + index + " of " + account.name(), Rng.pick(OBJECTIVES, seed, 20, account.index(), index),
                Rng.unit(seed, 21, account.index(), index) < 0.8 ? "ACTIVE" : "PAUSED",
                budget(account, 22, index));
    }

    public AdSet adset(AdAccount account, int index) {
        Campaign c = campaign(account, index / spec.adsetsPerCampaign());
        return new AdSet(c, index, Ids.of(Kind.ADSET, account.index() * Ids.PER_ACCOUNT + index),
                "Ad set " + index + " of " + account.name(), c.status(), budget(account, 23, index));
    }

    public Ad ad(AdAccount account, int index) {
        AdSet s = adset(account, index / spec.adsPerAdset());
        return new Ad(s, index, Ids.of(Kind.AD, account.index() * Ids.PER_ACCOUNT + index),
                "Ad " + index + " of " + account.name(), s.status());
    }

    /** The object an id names, when it is a campaign, ad set or ad of this world. */
    public Optional<Object> byId(Ids.Decoded d) {
        int acc = (int) (d.number() / Ids.PER_ACCOUNT);
        int idx = (int) (d.number() % Ids.PER_ACCOUNT);
        if (acc >= spec.adAccounts()) {
            return Optional.empty();
        }
        AdAccount a = account(acc);
        return switch (d.kind()) {
            case CAMPAIGN -> idx < spec.campaignsPerAccount() ? Optional.of(campaign(a, idx)) : Optional.empty();
            case ADSET -> idx < spec.adsetsPerAccount() ? Optional.of(adset(a, idx)) : Optional.empty();
            case AD -> idx < spec.adsPerAccount() ? Optional.of(ad(a, idx)) : Optional.empty();
            default -> Optional.empty();
        };
    }

    /** Money offset of a currency: budgets are in minor units (x100), except zero-decimal currencies (x1). */
    public static int offset(String currency) {
        return switch (currency) {
            case "JPY", "KRW", "CLP", "COP", "CRC", "HUF", "ISK", "IDR", "PYG", "TWD", "VND" -> 1;
            default -> 100;
        };
    }

    /** A minor-unit amount as Meta writes money in insights: a plain decimal string in major units. */
    public static String major(long minor, String currency) {
        return java.math.BigDecimal.valueOf(minor).divide(java.math.BigDecimal.valueOf(offset(currency)))
                .stripTrailingZeros().toPlainString();
    }

    private long budget(AdAccount account, int salt, int index) {
        long major = 20 + Rng.below(480, spec.seed(), salt, account.index(), index);
        return major * offset(account.currency()) * (account.currency().equals("JPY") ? 100 : 1);
    }
}
