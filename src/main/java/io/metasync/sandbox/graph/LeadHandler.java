package io.metasync.sandbox.graph;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.metasync.sandbox.SandboxConfig;
import io.metasync.sandbox.auth.Authenticator;
import io.metasync.sandbox.auth.Caller;
import io.metasync.sandbox.world.LeadTimeline.Key;
import io.metasync.sandbox.world.LeadTimeline.Window;
import io.metasync.sandbox.world.Model.Form;
import io.metasync.sandbox.world.Model.Lead;
import io.metasync.sandbox.world.Model.Page;
import io.metasync.sandbox.world.World;
import io.quarkus.arc.profile.IfBuildProfile;

/** Pages, lead forms, leads and page app installs (META-FACTS §1). */
@ApplicationScoped
@IfBuildProfile(anyOf = { "dev", "test" })
public class LeadHandler {

    /** Page webhook fields that need {@code pages_messaging}. */
    private static final java.util.Set<String> MESSAGING_FIELDS = java.util.Set.of("messages", "messaging_postbacks",
            "message_deliveries", "message_reads", "message_echoes", "messaging_optins", "messaging_referrals");

    private final World world;
    private final Authenticator auth;
    private final PageTraps traps;
    private final ObjectMapper json;
    private final SandboxConfig config;

    public LeadHandler(World world, Authenticator auth, PageTraps traps, ObjectMapper json, SandboxConfig config) {
        this.world = world;
        this.auth = auth;
        this.traps = traps;
        this.json = json;
        this.config = config;
    }

    GraphReply page(GraphCall call, Caller caller, Page page, String token) {
        checkPage(call, caller, page);
        return GraphReply.ok(Fields.select(LeadViews.page(page, token), Fields.of(call, LeadViews.PAGE_DEFAULT)));
    }

    GraphReply forms(GraphCall call, Caller caller, Page page, long nowMs) {
        if (!caller.isPage()) {
            throw GraphError.token(null, "(#190) This method must be called with a Page Access Token").ex();
        }
        checkPage(call, caller, page);
        int per = world.catalog().spec().formsPerPage();
        var feed = Paging.indexed(per, i -> world.catalog().form(page.index() * per + (int) i));
        var wanted = Fields.of(call, LeadViews.FORM_DEFAULT);
        return GraphReply.ok(Paging.page(call, traps.now(), feed,
                f -> Fields.select(LeadViews.form(f, count(f, nowMs)), wanted)));
    }

    GraphReply form(GraphCall call, Caller caller, Form form, long nowMs) {
        checkPage(call, caller, form.page());
        return GraphReply.ok(Fields.select(LeadViews.form(form, count(form, nowMs)),
                Fields.of(call, LeadViews.FORM_DEFAULT)));
    }

    GraphReply leads(GraphCall call, Caller caller, Form form, long nowMs) {
        checkPage(call, caller, form.page());
        auth.require(caller, "leads_retrieval");
        Window window = call.param("filtering").map(f -> LeadFilter.parse(json, f)).orElse(Window.ALL);
        var wanted = Fields.of(call, LeadViews.LEAD_DEFAULT);
        Paging.Feed<Lead> feed = (position, max) -> world.leads(form, key(position), window, max, nowMs).stream()
                .map(l -> new Paging.Positioned<>(l, l.createdTime().toEpochMilli() + "_" + ordinal(l))).toList();
        return GraphReply.ok(Paging.page(call, traps.now(), feed, l -> Fields.select(LeadViews.lead(l), wanted)));
    }

    GraphReply lead(GraphCall call, Caller caller, Lead lead) {
        checkPage(call, caller, lead.form().page());
        auth.require(caller, "leads_retrieval");
        return GraphReply.ok(Fields.select(LeadViews.lead(lead), Fields.of(call, LeadViews.LEAD_DEFAULT)));
    }

    GraphReply subscribedApps(GraphCall call, Caller caller, Page page) {
        if (!caller.isPage() || caller.page() != page.index()) {
            throw GraphError.permission(210, "A page access token is required to request this resource.").ex();
        }
        var subs = world.subscriptions();
        switch (call.method()) {
            case "POST" -> {
                auth.require(caller, "pages_manage_metadata");
                String fields = call.param("subscribed_fields")
                        .orElseThrow(() -> GraphError.invalid("The parameter subscribed_fields is required.").ex());
                List<String> asked = Arrays.stream(fields.split(",")).map(String::trim).toList();
                for (String field : asked) {
                    if (MESSAGING_FIELDS.contains(field) && !auth.has(caller, "pages_messaging")) {
                        throw GraphError.permission(200, "To subscribe to the " + field
                                + " field, one of these permissions is needed: pages_messaging").ex();
                    }
                }
                subs.subscribe(page.id(), asked);
                return GraphReply.success();
            }
            case "DELETE" -> {
                subs.unsubscribe(page.id());
                return GraphReply.success();
            }
            default -> {
                List<String> fields = subs.fields(page.id());
                List<Object> data = fields.isEmpty() ? List.of()
                        : List.of(Map.of("name", config.appName(), "id", config.appId(), "subscribed_fields", fields));
                return GraphReply.ok(Map.of("data", data));
            }
        }
    }

    private long count(Form f, long nowMs) {
        return world.timeline().visibleCount(f.index(), nowMs);
    }

    private void checkPage(GraphCall call, Caller caller, Page page) {
        boolean ok = caller.isPage() ? caller.page() == page.index()
                : caller.isUser() && world.catalog().manages(caller.user(), page.index());
        if (!ok) {
            throw GraphError.unknownObject(call.segment(0), call.method()).ex();
        }
    }

    private static Key key(String position) {
        if (position == null) {
            return null;
        }
        int u = position.indexOf('_');
        return new Key(Long.parseLong(position.substring(0, u)), Long.parseLong(position.substring(u + 1)));
    }

    private static long ordinal(Lead l) {
        return Long.parseLong(l.id()) % io.metasync.sandbox.world.Ids.LEADS;
    }
}
