package io.metasync.sandbox.graph;

import java.time.Instant;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;

import io.metasync.sandbox.auth.Authenticator;
import io.metasync.sandbox.auth.Caller;
import io.metasync.sandbox.world.Ids;
import io.metasync.sandbox.world.Ids.Decoded;
import io.metasync.sandbox.world.InsightEngine;
import io.metasync.sandbox.world.InsightEngine.AdRange;
import io.metasync.sandbox.world.InsightEngine.Level;
import io.metasync.sandbox.world.Model.Ad;
import io.metasync.sandbox.world.Model.AdAccount;
import io.metasync.sandbox.world.Model.AdSet;
import io.metasync.sandbox.world.Model.Campaign;
import io.metasync.sandbox.world.World;
import io.quarkus.arc.profile.IfBuildProfile;

/** Ad accounts, campaigns, ad sets and ads, and the way to their insights. */
@ApplicationScoped
@IfBuildProfile(anyOf = { "dev", "test" })
public class AdsHandler {

    private final World world;
    private final Authenticator auth;
    private final PageTraps traps;
    private final InsightsHandler insights;

    public AdsHandler(World world, Authenticator auth, PageTraps traps, InsightsHandler insights) {
        this.world = world;
        this.auth = auth;
        this.traps = traps;
        this.insights = insights;
    }

    GraphReply route(GraphCall call, Caller caller, Decoded id, String edge, Instant now) {
        if (caller.isPage()) {
            throw GraphError.permission(200, "Ad accounts need a user or system user access token").ex();
        }
        auth.require(caller, "ads_read");
        if (id == null) {
            return adAccounts(call, caller, now);
        }
        if (id.kind() == Ids.Kind.REPORT_RUN) {
            return insights.reportRun(call, id, edge, now);
        }
        Object node = node(call, caller, id);
        if ("insights".equals(edge)) {
            return insights.insights(call, scope(node), now);
        }
        if (edge == null) {
            return GraphReply.ok(Fields.select(view(node, now), Fields.of(call, node instanceof AdAccount
                    ? AdViews.ACCOUNT_DEFAULT : AdViews.ID_ONLY)));
        }
        AdRange scope = scope(node);
        Level level = switch (edge) {
            case "campaigns" -> node instanceof AdAccount ? Level.CAMPAIGN : null;
            case "adsets" -> node instanceof AdAccount || node instanceof Campaign ? Level.ADSET : null;
            case "ads" -> node instanceof Ad ? null : Level.AD;
            default -> null;
        };
        if (level == null) {
            throw GraphError.unknownPath(call.path()).ex();
        }
        InsightEngine engine = world.insights();
        int[] range = engine.objects(scope, level);
        IntFunction<Object> at = i -> child(scope.account(), level, i);
        var wanted = Fields.of(call, AdViews.ID_ONLY);
        var feed = Paging.indexed(range[1] - range[0], i -> at.apply(range[0] + (int) i));
        return GraphReply.ok(Paging.page(call, traps.now(), feed, o -> Fields.select(view(o, now), wanted)));
    }

    private GraphReply adAccounts(GraphCall call, Caller caller, Instant now) {
        int user = AccountHandler.userOf(caller);
        var spec = world.catalog().spec();
        List<Integer> mine = IntStream.range(0, spec.adAccounts()).filter(a -> user == 0 || a % spec.users() == user)
                .boxed().toList();
        var wanted = Fields.of(call, AdViews.ACCOUNT_DEFAULT);
        var feed = Paging.indexed(mine.size(), i -> world.ads().account(mine.get((int) i)));
        return GraphReply.ok(Paging.page(call, traps.now(), feed, a -> Fields.select(AdViews.account(a, now), wanted)));
    }

    private Object node(GraphCall call, Caller caller, Decoded id) {
        var missing = GraphError.unknownObject(call.segment(0), call.method());
        Object node = id.kind() == Ids.Kind.AD_ACCOUNT ? world.ads().account(id.number()).orElse(null)
                : world.ads().byId(id).orElse(null);
        if (node == null || !caller.isApp() && !visible(caller.user(), account(node))) {
            throw missing.ex();
        }
        return node;
    }

    private boolean visible(int user, AdAccount a) {
        return user == 0 || a.index() % world.catalog().spec().users() == user;
    }

    private Object child(AdAccount account, Level level, int index) {
        return switch (level) {
            case CAMPAIGN -> world.ads().campaign(account, index);
            case ADSET -> world.ads().adset(account, index);
            default -> world.ads().ad(account, index);
        };
    }

    private AdRange scope(Object node) {
        InsightEngine e = world.insights();
        if (node instanceof AdAccount a) {
            return e.whole(a);
        }
        Level level = node instanceof Campaign ? Level.CAMPAIGN : node instanceof AdSet ? Level.ADSET : Level.AD;
        int index = node instanceof Campaign c ? c.index() : node instanceof AdSet s ? s.index() : ((Ad) node).index();
        return e.slice(e.whole(account(node)), level, index);
    }

    private static AdAccount account(Object node) {
        if (node instanceof AdAccount a) {
            return a;
        }
        if (node instanceof Campaign c) {
            return c.account();
        }
        return node instanceof AdSet s ? s.campaign().account() : ((Ad) node).adset().campaign().account();
    }

    private java.util.Map<String, Object> view(Object node, Instant now) {
        Instant created = world.catalog().start().minus(java.time.Duration.ofDays(world.catalog().spec().insightDays()));
        if (node instanceof AdAccount a) {
            return AdViews.account(a, now);
        }
        if (node instanceof Campaign c) {
            return AdViews.campaign(c, created);
        }
        return node instanceof AdSet s ? AdViews.adset(s, created) : AdViews.ad((Ad) node, created);
    }
}
