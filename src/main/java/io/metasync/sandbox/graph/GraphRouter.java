package io.metasync.sandbox.graph;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.metasync.sandbox.SandboxConfig;
import io.metasync.sandbox.auth.Authenticator;
import io.metasync.sandbox.auth.Caller;
import io.metasync.sandbox.auth.TokenBook;
import io.metasync.sandbox.world.Ids;
import io.metasync.sandbox.world.Ids.Decoded;
import io.metasync.sandbox.world.WhatsAppCatalog;
import io.metasync.sandbox.world.World;
import io.quarkus.arc.profile.IfBuildProfile;

/** Finds the handler of one Graph call from its path, after checking the version and the token. */
@ApplicationScoped
@IfBuildProfile(anyOf = { "dev", "test" })
public class GraphRouter {

    /** Oldest Marketing API version still served (v22.0 stopped on 2026-02-19, META-FACTS §8). */
    static final int OLDEST_MARKETING = 23;

    private final Authenticator auth;
    private final World world;
    private final TokenBook tokens;
    private final SandboxConfig config;
    private final AccountHandler accounts;
    private final OAuthHandler oauth;
    private final LeadHandler leads;
    private final AdsHandler ads;
    private final BatchRunner batch;
    private final MessagingHandler messaging;
    private final WhatsAppHandler whatsapp;

    public GraphRouter(Authenticator auth, World world, TokenBook tokens, SandboxConfig config, AccountHandler accounts,
            OAuthHandler oauth, LeadHandler leads, AdsHandler ads, BatchRunner batch, MessagingHandler messaging,
            WhatsAppHandler whatsapp) {
        this.messaging = messaging;
        this.whatsapp = whatsapp;
        this.auth = auth;
        this.world = world;
        this.tokens = tokens;
        this.config = config;
        this.accounts = accounts;
        this.oauth = oauth;
        this.leads = leads;
        this.ads = ads;
        this.batch = batch;
    }

    public GraphReply route(GraphCall call, Instant now) {
        checkVersion(call);
        if (call.size() == 2 && call.segment(0).equals("oauth") && call.segment(1).equals("access_token")) {
            return oauth.accessToken(call, now);
        }
        Caller caller = auth.authenticate(call, now);
        if (call.size() == 0) {
            return batch.run(call, caller);
        }
        String first = call.segment(0);
        String edge = call.size() > 1 ? call.segment(1) : null;
        if (first.equals("debug_token") && edge == null) {
            return oauth.debugToken(call, caller, now);
        }
        if (first.equals("me") || Ids.decode(first).filter(d -> d.kind() == Ids.Kind.USER).isPresent()) {
            return me(call, caller, first, edge, now);
        }
        Decoded id = Ids.decode(first).orElseThrow(() -> GraphError.unknownObject(first, call.method()).ex());
        return switch (id.kind()) {
            case PAGE -> page(call, caller, id, edge, now);
            case FORM -> form(call, caller, id, edge, now);
            case LEAD -> edge != null ? unknownPath(call)
                    : leads.lead(call, caller, world.lead(first, now.toEpochMilli())
                            .orElseThrow(() -> GraphError.unknownObject(first, call.method()).ex()));
            case AD_ACCOUNT, CAMPAIGN, ADSET, AD, REPORT_RUN -> ads.route(call, caller, id, edge, now);
            case PSID, IGSID -> edge == null && call.method().equals("GET") ? messaging.profile(call, caller, id)
                    : unknownPath(call);
            case WA_PHONE -> whatsapp.phoneNumber(call, caller, WhatsAppCatalog.byPhoneNumberId(first)
                    .orElseThrow(() -> GraphError.unknownObject(first, call.method()).ex()), edge, now);
            case WABA -> "subscribed_apps".equals(edge) ? whatsapp.subscribedApps(call, caller, WhatsAppCatalog.byWabaId(first)
                    .orElseThrow(() -> GraphError.unknownObject(first, call.method()).ex())) : unknownPath(call);
            default -> throw GraphError.unknownObject(first, call.method()).ex();
        };
    }

    private GraphReply me(GraphCall call, Caller caller, String first, String edge, Instant now) {
        if (!first.equals("me")) {
            Decoded d = Ids.decode(first).orElseThrow();
            var user = world.catalog().user(d.number())
                    .orElseThrow(() -> GraphError.unknownObject(first, call.method()).ex());
            if (edge == null) {
                return accounts.user(call, caller, user);
            }
        }
        if (edge == null) {
            return accounts.me(call, caller);
        }
        return switch (edge) {
            case "accounts" -> accounts.accounts(call, caller);
            case "permissions" -> accounts.permissions(call, caller);
            case "adaccounts" -> ads.route(call, caller, null, edge, now);
            default -> unknownPath(call);
        };
    }

    private GraphReply page(GraphCall call, Caller caller, Decoded id, String edge, Instant now) {
        var page = world.catalog().page(id.number())
                .orElseThrow(() -> GraphError.unknownObject(call.segment(0), call.method()).ex());
        if (edge == null) {
            boolean mayHaveToken = caller.isUser() && world.catalog().manages(caller.user(), page.index());
            return leads.page(call, caller, page, mayHaveToken ? tokens.pageToken(page.index()) : null);
        }
        return switch (edge) {
            case "leadgen_forms" -> leads.forms(call, caller, page, now.toEpochMilli());
            case "subscribed_apps" -> leads.subscribedApps(call, caller, page);
            case "messages" -> messaging.send(call, caller, page, now);
            default -> unknownPath(call);
        };
    }

    private GraphReply form(GraphCall call, Caller caller, Decoded id, String edge, Instant now) {
        var form = world.catalog().form(id.number())
                .orElseThrow(() -> GraphError.unknownObject(call.segment(0), call.method()).ex());
        if (edge == null) {
            return leads.form(call, caller, form, now.toEpochMilli());
        }
        return "leads".equals(edge) ? leads.leads(call, caller, form, now.toEpochMilli()) : unknownPath(call);
    }

    private void checkVersion(GraphCall call) {
        if (call.size() == 0 && !call.method().equals("POST")) {
            throw GraphError.unknownPath(call.path()).ex();
        }
        boolean marketing = call.path().contains("act_") || call.path().contains("insights")
                || call.path().contains("adaccounts") || call.size() > 0 && Ids.decode(call.segment(0)).map(d -> switch (d.kind()) {
                    case CAMPAIGN, ADSET, AD, REPORT_RUN -> true;
                    default -> false;
                }).orElse(false);
        int version = call.version() == null ? 0 : major(call.version());
        if (version > major(config.version())) {
            throw GraphError.invalid("Unknown version: " + call.version()).ex();
        }
        if (marketing && version < OLDEST_MARKETING) {
            throw new GraphError(400, 2635, null, GraphError.OAUTH, "(#2635) You are calling a deprecated version of"
                    + " the Ads API. Please update to the latest version: " + config.version() + ".", false).ex();
        }
    }

    static int major(String version) {
        return Integer.parseInt(version.substring(1, version.indexOf('.')));
    }

    private static GraphReply unknownPath(GraphCall call) {
        throw GraphError.unknownPath(call.path()).ex();
    }
}
