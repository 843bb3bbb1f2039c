package io.metasync.sandbox.admin;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.metasync.common.time.AppClock;
import io.metasync.sandbox.webhook.WebhookSender;
import io.metasync.sandbox.world.Ids;
import io.metasync.sandbox.world.InsightEngine;
import io.metasync.sandbox.world.InsightEngine.Level;
import io.metasync.sandbox.world.Model.Form;
import io.metasync.sandbox.world.Model.Lead;
import io.metasync.sandbox.world.World;
import io.quarkus.arc.profile.IfBuildProfile;
import io.smallrye.mutiny.Uni;

/** The world's truth (every visible lead of a form, insight totals) and new leads on demand. */
@Path("/sandbox/admin")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
@Consumes({ MediaType.APPLICATION_JSON, MediaType.WILDCARD })
@IfBuildProfile(anyOf = { "dev", "test" })
public class TruthResource {

    static final int MAX_IDS = 100_000;

    /** Body of {@code POST /leads}. */
    public record NewLeads(String formId, int count, boolean deliverWebhooks) {
    }

    /** Body of {@code POST /insights/restate}: the ad account and how many of its latest days (today included). */
    public record Restate(String accountId, int days) {
    }

    private final World world;
    private final AppClock clock;
    private final WebhookSender webhooks;

    public TruthResource(World world, AppClock clock, WebhookSender webhooks) {
        this.world = world;
        this.clock = clock;
        this.webhooks = webhooks;
    }

    @GET
    @Path("truth/forms/{formId}/leads")
    public Map<String, Object> leads(@PathParam("formId") String formId, @QueryParam("limit") Integer limit,
            @QueryParam("offset") Long offset) {
        Form form = form(formId);
        long now = clock.millis();
        long count = world.timeline().visibleCount(form.index(), now);
        long from = offset == null ? 0 : Math.max(0, offset);
        long to = Math.min(count, from + Math.min(limit == null ? MAX_IDS : limit, MAX_IDS));
        List<String> ids = new ArrayList<>();
        for (long i = from; i < to; i++) {
            ids.add(World.leadId(form, world.timeline().ordinalAt(form.index(), i, now)));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("formId", form.id());
        m.put("count", count);
        m.put("offset", from);
        m.put("leadIds", ids);
        return m;
    }

    @GET
    @Path("truth/insights")
    public Map<String, Object> insights(@QueryParam("accountId") String accountId, @QueryParam("level") String level,
            @QueryParam("since") String since, @QueryParam("until") String until) {
        var account = account(accountId);
        Level lvl;
        LocalDate from;
        LocalDate to;
        try {
            lvl = level == null ? Level.AD : Level.valueOf(level.toUpperCase(java.util.Locale.ROOT));
            from = LocalDate.parse(since);
            to = LocalDate.parse(until);
        } catch (RuntimeException e) {
            throw new io.metasync.sandbox.BadSandboxRequest("level must be account|campaign|adset|ad and since, until"
                    + " YYYY-MM-DD");
        }
        InsightEngine engine = world.insights();
        var whole = engine.whole(account);
        int[] objects = engine.objects(whole, lvl);
        InsightEngine.Metrics total = InsightEngine.Metrics.ZERO;
        long rows = 0;
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            for (int o = objects[0]; o < objects[1]; o++) {
                InsightEngine.Metrics m = engine.total(engine.slice(whole, lvl, o), d, d);
                rows += m.impressions() > 0 ? 1 : 0;
                total = total.plus(m);
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("accountId", account.id());
        m.put("level", lvl.name().toLowerCase(java.util.Locale.ROOT));
        m.put("since", from.toString());
        m.put("until", to.toString());
        m.put("rows", rows);
        m.put("impressions", total.impressions());
        m.put("clicks", total.clicks());
        m.put("reach", total.reach());
        m.put("spend", io.metasync.sandbox.world.AdCatalog.major(total.spendMinor(), account.currency()));
        m.put("leads", total.leads());
        m.put("purchases", total.purchases());
        m.put("purchaseValue", io.metasync.sandbox.world.AdCatalog.major(total.purchaseValueMinor(), account.currency()));
        return m;
    }

    /** Meta restates the account's latest days: their figures change from now on (truth included). */
    @POST
    @Path("insights/restate")
    public Map<String, Object> restate(Restate body) {
        if (body == null || body.days() < 1 || body.days() > 1200) {
            throw new io.metasync.sandbox.BadSandboxRequest("accountId and days (1..1200) are required");
        }
        var account = account(body.accountId());
        LocalDate today = clock.instant().atZone(java.time.ZoneId.of(account.timezoneName())).toLocalDate();
        LocalDate from = today.minusDays(body.days() - 1L);
        world.restatements().restate(account.index(), from, today);
        return Map.of("accountId", account.id(), "since", from.toString(), "until", today.toString());
    }

    private io.metasync.sandbox.world.Model.AdAccount account(String accountId) {
        return Ids.decode(accountId == null ? "" : accountId.startsWith("act_") ? accountId : "act_" + accountId)
                .flatMap(d -> world.ads().account(d.number()))
                .orElseThrow(() -> new NotFoundException("no such ad account"));
    }

    @POST
    @Path("leads")
    public Uni<Map<String, Object>> create(NewLeads body) {
        if (body == null || body.count() < 1 || body.count() > 10_000) {
            throw new io.metasync.sandbox.BadSandboxRequest("formId and a count of 1..10000 are required");
        }
        Form form = form(body.formId());
        long now = clock.millis();
        List<Lead> leads = world.timeline().add(form.index(), body.count(), now).stream()
                .map(o -> world.lead(form, o, now)).toList();
        List<String> ids = leads.stream().map(Lead::id).toList();
        if (!body.deliverWebhooks()) {
            return Uni.createFrom().item(Map.of("leadIds", ids, "webhooksSent", 0, "webhooksDropped", 0));
        }
        return webhooks.deliver(leads, now / 1000).map(o -> Map.of("leadIds", ids, "webhooksSent", o.sent(),
                "webhooksDropped", o.dropped(), "webhooksUnsubscribed", o.unsubscribed(), "targetStatus", o.status()));
    }

    private Form form(String formId) {
        return Ids.decode(formId == null ? "" : formId).filter(d -> d.kind() == Ids.Kind.FORM)
                .flatMap(d -> world.catalog().form(d.number()))
                .orElseThrow(() -> new NotFoundException("no such form"));
    }

}
