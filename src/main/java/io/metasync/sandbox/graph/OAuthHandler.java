package io.metasync.sandbox.graph;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.metasync.sandbox.SandboxConfig;
import io.metasync.sandbox.auth.Authenticator;
import io.metasync.sandbox.auth.Caller;
import io.metasync.sandbox.auth.CodeBook;
import io.metasync.sandbox.auth.Hmac;
import io.metasync.sandbox.auth.TokenBook;
import io.metasync.sandbox.world.Ids;
import io.metasync.sandbox.world.WhatsAppCatalog;
import io.metasync.sandbox.world.World;
import io.quarkus.arc.profile.IfBuildProfile;

/** {@code /oauth/access_token} (code, fb_exchange_token, client_credentials) and {@code /debug_token} (META-FACTS §5). */
@ApplicationScoped
@IfBuildProfile(anyOf = { "dev", "test" })
public class OAuthHandler {

    private final SandboxConfig config;
    private final TokenBook tokens;
    private final CodeBook codes;
    private final Authenticator auth;
    private final World world;

    public OAuthHandler(SandboxConfig config, TokenBook tokens, CodeBook codes, Authenticator auth, World world) {
        this.config = config;
        this.tokens = tokens;
        this.codes = codes;
        this.auth = auth;
        this.world = world;
    }

    GraphReply accessToken(GraphCall call, Instant now) {
        if (!config.appId().equals(call.param("client_id").orElse(""))) {
            throw new GraphError(400, 101, null, GraphError.OAUTH,
                    "Error validating application. Invalid application ID.", false).ex();
        }
        if (!Hmac.same(config.appSecret(), call.param("client_secret").orElse(""))) {
            throw new GraphError(400, 1, null, GraphError.OAUTH, "Error validating client secret.", false).ex();
        }
        String grant = call.param("grant_type").orElse("authorization_code");
        Map<String, Object> out = new LinkedHashMap<>();
        switch (grant) {
            case "client_credentials" -> {
                out.put("access_token", tokens.appToken());
                out.put("token_type", "bearer");
            }
            case "fb_exchange_token" -> {
                String shortLived = call.param("fb_exchange_token")
                        .orElseThrow(() -> GraphError.invalid("Missing fb_exchange_token parameter").ex());
                TokenBook.Grant g = auth.validate(shortLived, now);
                if (g.type() != TokenBook.Type.USER) {
                    throw GraphError.invalid("fb_exchange_token must be a user access token").ex();
                }
                put(out, tokens.issue(g.user(), TokenBook.LONG_LIVED, now), TokenBook.LONG_LIVED.toSeconds());
            }
            case "authorization_code" -> {
                String code = call.param("code").orElseThrow(() -> GraphError.invalid("Missing code parameter").ex());
                int user = codes.redeem(code, call.param("redirect_uri").orElse(null), now);
                put(out, tokens.issue(user, TokenBook.SHORT_LIVED, now), TokenBook.SHORT_LIVED.toSeconds());
            }
            default -> throw GraphError.invalid("Unsupported grant_type " + grant).ex();
        }
        return GraphReply.ok(out);
    }

    GraphReply debugToken(GraphCall call, Caller caller, Instant now) {
        String input = call.param("input_token")
                .orElseThrow(() -> GraphError.invalid("The parameter input_token is required").ex());
        var spec = world.catalog().spec();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("app_id", config.appId());
        data.put("application", config.appName());
        var found = tokens.find(input, spec.users(), spec.pages());
        found.ifPresent(g -> describe(data, input, g));
        try {
            auth.validate(input, now);
            data.put("is_valid", true);
        } catch (GraphException e) {
            data.put("is_valid", false);
            Map<String, Object> err = new LinkedHashMap<>();
            err.put("code", e.error().code());
            err.put("message", e.error().message());
            if (e.error().subcode() != null) {
                err.put("subcode", e.error().subcode());
            }
            data.put("error", err);
        }
        return GraphReply.ok(Map.of("data", data));
    }

    private void describe(Map<String, Object> data, String token, TokenBook.Grant g) {
        data.put("type", g.type().name());
        var expires = tokens.expiresAt(token, g);
        data.put("data_access_expires_at", g.issuedAt().plus(java.time.Duration.ofDays(90)).getEpochSecond());
        data.put("expires_at", expires == null ? 0 : expires.getEpochSecond());
        data.put("issued_at", g.issuedAt().getEpochSecond());
        if (g.type() == TokenBook.Type.APP) {
            return;
        }
        if (g.type() == TokenBook.Type.SYSTEM_USER) {
            List<String> wabas = List.of(WhatsAppCatalog.number(g.page()).wabaId());
            List<String> scopes = List.of("business_management", "whatsapp_business_management", "whatsapp_business_messaging");
            data.put("scopes", scopes);
            data.put("granular_scopes", scopes.stream().map(s -> (Object) (s.startsWith("whatsapp_")
                    ? Map.of("scope", s, "target_ids", wabas) : Map.of("scope", s))).toList());
            data.put("user_id", Ids.of(Ids.Kind.USER, 900 + g.page()));
            return;
        }
        List<String> scopes = tokens.scopes(g.user());
        List<String> pageIds = world.catalog().pagesOf(g.user()).stream()
                .map(p -> Ids.of(Ids.Kind.PAGE, p)).toList();
        List<String> accounts = java.util.stream.IntStream.range(0, world.catalog().spec().adAccounts())
                .mapToObj(a -> Ids.of(Ids.Kind.AD_ACCOUNT, a)).toList();
        data.put("scopes", scopes);
        data.put("granular_scopes", scopes.stream().map(s -> (Object) granular(s, pageIds, accounts)).toList());
        data.put("user_id", world.catalog().user(g.user()).id());
        if (g.type() == TokenBook.Type.PAGE) {
            data.put("profile_id", Ids.of(Ids.Kind.PAGE, g.page()));
        }
    }

    private static Map<String, Object> granular(String scope, List<String> pages, List<String> accounts) {
        if (scope.startsWith("pages_") || scope.equals("leads_retrieval")) {
            return Map.of("scope", scope, "target_ids", pages.subList(0, Math.min(pages.size(), 100)));
        }
        if (scope.startsWith("ads_")) {
            return Map.of("scope", scope, "target_ids", accounts.subList(0, Math.min(accounts.size(), 100)));
        }
        return Map.of("scope", scope);
    }

    private static void put(Map<String, Object> out, String token, long expiresIn) {
        out.put("access_token", token);
        out.put("token_type", "bearer");
        out.put("expires_in", expiresIn);
    }
}
