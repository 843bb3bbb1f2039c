package io.metasync.sandbox.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.metasync.sandbox.SandboxConfig;
import io.metasync.sandbox.world.WhatsAppCatalog;
import io.quarkus.arc.profile.IfBuildProfile;

/**
 * Every access token of the world. Generated tokens (each user's long-lived token, each page's token)
 * carry their owner and a MAC, so they are recognised without a table; tokens issued by the OAuth
 * endpoints are kept. Expiry and revocation set through the admin API take effect at a chosen moment.
 */
@ApplicationScoped
@IfBuildProfile(anyOf = { "dev", "test" })
public class TokenBook {

    public static final Duration LONG_LIVED = Duration.ofSeconds(5_183_944);
    public static final Duration SHORT_LIVED = Duration.ofHours(2);
    /** What every user of a fresh world has granted the app. */
    public static final List<String> SCOPES = List.of("public_profile", "email", "pages_show_list",
            "pages_read_engagement", "pages_manage_metadata", "pages_manage_ads", "pages_messaging", "leads_retrieval",
            "ads_management", "ads_read", "business_management", "instagram_basic", "instagram_manage_messages");

    public enum Type {
        USER, PAGE, APP, SYSTEM_USER
    }

    /** What a token is: its type, owner (user index; page index or -1), and lifetime (null expiry: never). */
    public record Grant(Type type, int user, int page, Instant issuedAt, Instant expiresAt) {
    }

    private final SandboxConfig config;
    private final Map<String, Grant> issued = new ConcurrentHashMap<>();
    private final Map<String, Instant> revokedAt = new ConcurrentHashMap<>();
    private final Map<String, Instant> expiredAt = new ConcurrentHashMap<>();
    private final Set<Integer> deauthorized = ConcurrentHashMap.newKeySet();
    private final Map<Integer, Set<String>> declined = new ConcurrentHashMap<>();
    private final AtomicLong serial = new AtomicLong();
    private volatile long seed;
    private volatile Instant start;

    public TokenBook(SandboxConfig config) {
        this.config = config;
    }

    public void reset(long seed, Instant start) {
        this.seed = seed;
        this.start = start;
        issued.clear();
        revokedAt.clear();
        expiredAt.clear();
        deauthorized.clear();
        declined.clear();
    }

    public String userToken(int user) {
        return mint('U', user);
    }

    public String pageToken(int page) {
        return mint('P', page);
    }

    /** The system-user token of WhatsApp Business Account {@code waba} (user -1: no person behind it). */
    public String whatsappToken(int waba) {
        return mint('W', waba);
    }

    public String appToken() {
        return config.appId() + "|" + config.appSecret();
    }

    /** Issues a new user token (short-lived from a code, long-lived from an exchange). */
    public String issue(int user, Duration lifetime, Instant now) {
        String token = mint(lifetime.compareTo(SHORT_LIVED) > 0 ? 'L' : 'S', 1_000_000 + serial.incrementAndGet());
        issued.put(token, new Grant(Type.USER, user, -1, now, now.plus(lifetime)));
        return token;
    }

    /** The token's grant, if the sandbox ever made it (valid or not). */
    public Optional<Grant> find(String token, int users, int pages) {
        if (token.equals(appToken())) {
            return Optional.of(new Grant(Type.APP, -1, -1, start, null));
        }
        Grant kept = issued.get(token);
        if (kept != null) {
            return Optional.of(kept);
        }
        int z = token.indexOf('Z');
        if (!token.startsWith("EAAS") || token.length() < 6 || z < 6) {
            return Optional.empty();
        }
        char kind = token.charAt(4);
        try {
            int index = Integer.parseInt(token.substring(5, z));
            if (!Hmac.same(token, mint(kind, index))) {
                return Optional.empty();
            }
            if (kind == 'U' && index < users) {
                return Optional.of(new Grant(Type.USER, index, -1, start, start.plus(LONG_LIVED)));
            }
            if (kind == 'W' && index < WhatsAppCatalog.ACCOUNTS) {
                return Optional.of(new Grant(Type.SYSTEM_USER, -1, index, start, null));
            }
            return kind == 'P' && index < pages ? Optional.of(new Grant(Type.PAGE, index % users, index, start, null))
                    : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public Optional<Instant> revokedAt(String token) {
        return Optional.ofNullable(revokedAt.get(token));
    }

    /** The moment the token stops working: an admin-set moment, else its natural expiry (null: never). */
    public Instant expiresAt(String token, Grant grant) {
        return expiredAt.getOrDefault(token, grant.expiresAt());
    }

    public void expire(String token, Instant at) {
        expiredAt.put(token, at);
    }

    public void revoke(String token, Instant at) {
        revokedAt.put(token, at);
    }

    /** DELETE /me/permissions: the user removed the app; all their tokens stop working (190/458). */
    public void deauthorize(int user) {
        deauthorized.add(user);
    }

    public boolean deauthorized(int user) {
        return deauthorized.contains(user);
    }

    /** Scopes the user has granted now. */
    public List<String> scopes(int user) {
        Set<String> no = declined.getOrDefault(user, Set.of());
        return SCOPES.stream().filter(s -> !no.contains(s)).toList();
    }

    public boolean has(int user, String scope) {
        return !declined.getOrDefault(user, Set.of()).contains(scope);
    }

    /** DELETE /me/permissions/{permission}. */
    public void decline(int user, String scope) {
        declined.computeIfAbsent(user, u -> ConcurrentHashMap.newKeySet()).add(scope);
    }

    private String mint(char kind, long index) {
        String mac = Hmac.hex(config.appSecret(), seed + ":" + kind + ":" + index).substring(0, 40);
        return "EAAS" + kind + index + "Z" + mac;
    }
}
