package io.metasync.sandbox.world;

import io.metasync.sandbox.SandboxConfig;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The seed and sizes of the generated world. */
@RegisterForReflection
public record WorldSpec(long seed, int users, int pages, int formsPerPage, int leadsPerForm, int leadHistoryDays,
        int adAccounts, int campaignsPerAccount, int adsetsPerCampaign, int adsPerAdset, int insightDays) {

    public static WorldSpec of(SandboxConfig c) {
        return new WorldSpec(c.seed(), c.users(), c.pages(), c.formsPerPage(), c.leadsPerForm(), c.leadHistoryDays(),
                c.adAccounts(), c.campaignsPerAccount(), c.adsetsPerCampaign(), c.adsPerAdset(), c.insightDays());
    }

    public int forms() {
        return pages * formsPerPage;
    }

    public int adsetsPerAccount() {
        return campaignsPerAccount * adsetsPerCampaign;
    }

    public int adsPerAccount() {
        return adsetsPerAccount() * adsPerAdset;
    }

    /** Any subset of the sizes, as {@code POST /sandbox/admin/reset} accepts it. */
    @RegisterForReflection
    public record Patch(Long seed, Integer users, Integer pages, Integer formsPerPage, Integer leadsPerForm,
            Integer leadHistoryDays, Integer adAccounts, Integer campaignsPerAccount, Integer adsetsPerCampaign,
            Integer adsPerAdset, Integer insightDays) {

        public WorldSpec applyTo(WorldSpec s) {
            WorldSpec r = new WorldSpec(seed != null ? seed : s.seed, or(users, s.users), or(pages, s.pages),
                    or(formsPerPage, s.formsPerPage), or(leadsPerForm, s.leadsPerForm),
                    or(leadHistoryDays, s.leadHistoryDays), or(adAccounts, s.adAccounts),
                    or(campaignsPerAccount, s.campaignsPerAccount), or(adsetsPerCampaign, s.adsetsPerCampaign),
                    or(adsPerAdset, s.adsPerAdset), or(insightDays, s.insightDays));
            r.validate();
            return r;
        }

        private static int or(Integer v, int d) {
            return v != null ? v : d;
        }
    }

    void validate() {
        check(users >= 1 && users <= 1000, "users must be 1..1000");
        check(pages >= 1 && forms() <= 99_999, "pages must be >= 1 and pages * formsPerPage <= 99999");
        check(formsPerPage >= 1, "formsPerPage must be >= 1");
        check(leadsPerForm >= 0 && leadsPerForm <= 100_000_000, "leadsPerForm must be 0..100000000");
        check(leadHistoryDays >= 1 && leadHistoryDays <= 3650, "leadHistoryDays must be 1..3650");
        check(adAccounts >= 0 && adAccounts <= 1000, "adAccounts must be 0..1000");
        check(campaignsPerAccount >= 1 && adsetsPerCampaign >= 1 && adsPerAdset >= 1, "ad sizes must be >= 1");
        check(adsPerAccount() <= 100_000, "ads per account must be <= 100000");
        check(insightDays >= 1 && insightDays <= 1200, "insightDays must be 1..1200");
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new io.metasync.sandbox.BadSandboxRequest(message);
        }
    }
}
