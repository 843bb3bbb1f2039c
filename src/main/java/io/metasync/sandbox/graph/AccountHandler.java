package io.metasync.sandbox.graph;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.metasync.sandbox.auth.Authenticator;
import io.metasync.sandbox.auth.Caller;
import io.metasync.sandbox.auth.TokenBook;
import io.metasync.sandbox.world.Model.User;
import io.metasync.sandbox.world.World;
import io.quarkus.arc.profile.IfBuildProfile;

/** {@code /me}, {@code /me/accounts} (pages with their tokens) and {@code /me/permissions} (META-FACTS §5.4, §5.5). */
@ApplicationScoped
@IfBuildProfile(anyOf = { "dev", "test" })
public class AccountHandler {

    private final World world;
    private final TokenBook tokens;
    private final Authenticator auth;
    private final PageTraps traps;
    private final LeadHandler pages;

    public AccountHandler(World world, TokenBook tokens, Authenticator auth, PageTraps traps, LeadHandler pages) {
        this.world = world;
        this.tokens = tokens;
        this.auth = auth;
        this.traps = traps;
        this.pages = pages;
    }

    GraphReply me(GraphCall call, Caller caller) {
        if (caller.isPage()) {
            var page = world.catalog().page(caller.page());
            return pages.page(call, caller, page, null);
        }
        return user(call, caller, world.catalog().user(userOf(caller)));
    }

    GraphReply user(GraphCall call, Caller caller, User user) {
        if (!caller.isApp() && caller.user() != user.index()) {
            throw GraphError.unknownObject(user.id(), call.method()).ex();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", user.id());
        m.put("name", user.name());
        m.put("email", "user" + user.index() + "@example.com");
        return GraphReply.ok(Fields.select(m, Fields.of(call, Set.of("id", "name"))));
    }

    GraphReply accounts(GraphCall call, Caller caller) {
        int user = userOf(caller);
        auth.require(caller, "pages_show_list");
        List<Integer> managed = world.catalog().pagesOf(user);
        var wanted = Fields.of(call, LeadViews.ACCOUNTS_DEFAULT);
        var feed = Paging.indexed(managed.size(), i -> world.catalog().page(managed.get((int) i)));
        return GraphReply.ok(Paging.page(call, traps.now(), feed,
                p -> Fields.select(LeadViews.page(p, tokens.pageToken(p.index())), wanted)));
    }

    GraphReply permissions(GraphCall call, Caller caller) {
        int user = userOf(caller);
        switch (call.method()) {
            case "DELETE" -> {
                if (call.size() > 2) {
                    tokens.decline(user, call.segment(2));
                } else {
                    tokens.deauthorize(user);
                }
                return GraphReply.success();
            }
            case "GET" -> {
                List<String> granted = tokens.scopes(user);
                List<Object> data = TokenBook.SCOPES.stream().map(s -> (Object) Map.of("permission", s, "status",
                        granted.contains(s) ? "granted" : "declined")).toList();
                return GraphReply.ok(Map.of("data", data));
            }
            default -> throw GraphError.unknownPath(call.path()).ex();
        }
    }

    /** The user behind a user token; other tokens cannot act as a user here. */
    static int userOf(Caller caller) {
        if (!caller.isUser()) {
            throw GraphError.invalid("This method must be called with a user access token").ex();
        }
        return caller.user();
    }
}
