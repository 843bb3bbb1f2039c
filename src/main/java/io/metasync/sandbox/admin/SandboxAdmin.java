package io.metasync.sandbox.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.metasync.common.time.AppClock;
import io.metasync.sandbox.SandboxConfig;
import io.metasync.sandbox.SandboxSettings;
import io.metasync.sandbox.auth.CodeBook;
import io.metasync.sandbox.auth.TokenBook;
import io.metasync.sandbox.fault.FaultBook;
import io.metasync.sandbox.graph.ReportRuns;
import io.metasync.sandbox.graph.UsageMeter;
import io.metasync.sandbox.messaging.MessagingBook;
import io.metasync.sandbox.world.Model.AdAccount;
import io.metasync.sandbox.world.Model.Page;
import io.metasync.sandbox.world.WhatsAppCatalog;
import io.metasync.sandbox.world.World;
import io.metasync.sandbox.world.WorldSpec;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;

/** Resets the sandbox and describes its world to clients ({@code /sandbox/admin/reset}, {@code /world}). */
@ApplicationScoped
@IfBuildProfile(anyOf = { "dev", "test" })
public class SandboxAdmin {

    static final int LISTED = 100;

    private final World world;
    private final SandboxConfig config;
    private final SandboxSettings settings;
    private final TokenBook tokens;
    private final CodeBook codes;
    private final FaultBook faults;
    private final RequestLog log;
    private final UsageMeter usage;
    private final ReportRuns runs;
    private final AppClock clock;
    private final MessagingBook messaging;

    public SandboxAdmin(World world, SandboxConfig config, SandboxSettings settings, TokenBook tokens, CodeBook codes,
            FaultBook faults, RequestLog log, UsageMeter usage, ReportRuns runs, AppClock clock, MessagingBook messaging) {
        this.messaging = messaging;
        this.world = world;
        this.config = config;
        this.settings = settings;
        this.tokens = tokens;
        this.codes = codes;
        this.faults = faults;
        this.log = log;
        this.usage = usage;
        this.runs = runs;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent start) {
        reset(null);
    }

    /** Back to the configured world (resized by the patch, if any), settings, and no faults or log. */
    public synchronized WorldSpec reset(WorldSpec.Patch patch) {
        WorldSpec spec = WorldSpec.of(config);
        spec = patch == null ? spec : patch.applyTo(spec);
        settings.reset();
        faults.clear();
        log.clear();
        usage.clear();
        codes.clear();
        runs.clear();
        messaging.clear();
        var now = clock.instant();
        world.reset(spec, now, settings.get().leadArrivalPerMinute());
        tokens.reset(spec.seed(), world.catalog().start());
        return spec;
    }

    public SandboxSettings.Settings changeSettings(SandboxSettings.Patch patch) {
        double before = settings.get().leadArrivalPerMinute();
        SandboxSettings.Settings after = settings.apply(patch);
        if (after.leadArrivalPerMinute() != before) {
            world.timeline().changeRate(clock.millis(), after.leadArrivalPerMinute());
        }
        return after;
    }

    public Map<String, Object> describe() {
        var catalog = world.catalog();
        var spec = catalog.spec();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("appId", config.appId());
        m.put("appSecret", config.appSecret());
        m.put("version", config.version());
        m.put("start", catalog.start().toString());
        m.put("spec", spec);
        List<Object> users = new ArrayList<>();
        for (int u = 0; u < Math.min(spec.users(), LISTED); u++) {
            var user = catalog.user(u);
            users.add(Map.of("id", user.id(), "name", user.name(), "accessToken", tokens.userToken(u)));
        }
        m.put("users", users);
        List<Object> pages = new ArrayList<>();
        for (int p = 0; p < Math.min(spec.pages(), LISTED); p++) {
            pages.add(page(catalog.page(p), spec));
        }
        m.put("pages", pages);
        List<Object> accounts = new ArrayList<>();
        for (int a = 0; a < Math.min(spec.adAccounts(), LISTED); a++) {
            AdAccount acc = world.ads().account(a);
            accounts.add(Map.of("id", acc.id(), "accountId", acc.accountId(), "timezoneName", acc.timezoneName(),
                    "currency", acc.currency()));
        }
        m.put("adAccounts", accounts);
        List<Object> numbers = new ArrayList<>();
        for (int w = 0; w < WhatsAppCatalog.ACCOUNTS; w++) {
            var n = WhatsAppCatalog.number(w);
            numbers.add(Map.of("wabaId", n.wabaId(), "phoneNumberId", n.phoneNumberId(), "displayPhoneNumber",
                    n.displayPhoneNumber(), "verifiedName", n.verifiedName(), "accessToken", tokens.whatsappToken(w)));
        }
        m.put("whatsapp", numbers);
        m.put("totals", Map.of("users", spec.users(), "pages", spec.pages(), "forms", spec.forms(),
                "adAccounts", spec.adAccounts(), "adsPerAccount", spec.adsPerAccount()));
        return m;
    }

    private Map<String, Object> page(Page p, WorldSpec spec) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("name", p.name());
        m.put("accessToken", tokens.pageToken(p.index()));
        if (p.instagramAccountId() != null) {
            m.put("instagramAccountId", p.instagramAccountId());
        }
        List<String> forms = new ArrayList<>();
        for (int f = 0; f < spec.formsPerPage(); f++) {
            forms.add(world.catalog().form(p.index() * spec.formsPerPage() + f).id());
        }
        m.put("formIds", forms);
        return m;
    }
}
