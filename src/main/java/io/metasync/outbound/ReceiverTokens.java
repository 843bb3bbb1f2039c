package io.metasync.outbound;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.OidcClientConfigBuilder;
import io.quarkus.oidc.client.OidcClients;
import io.quarkus.oidc.client.Tokens;
import io.quarkus.oidc.client.runtime.OidcClientConfig;
import io.smallrye.mutiny.Uni;

/**
 * OAuth2 client-credentials tokens for webhook receivers that ask for them: one quarkus-oidc-client
 * {@link OidcClient} per destination, built at run time with {@link OidcClients#newClient} from the
 * destination's token URL, client id and (opened) client secret, and kept while the destination is
 * unchanged; its token is cached until it is within its refresh interval or expired, then fetched again.
 */
@ApplicationScoped
public class ReceiverTokens {

    /** A destination's client and its token, valid for the destination as last updated at {@code version}. */
    private record Entry(OffsetDateTime version, Uni<OidcClient> client, TokenSource tokens) {
    }

    private final OidcClients clients;
    private final DestinationService destinations;
    private final OutboundConfig config;
    private final Map<UUID, Entry> byDestination = new ConcurrentHashMap<>();

    public ReceiverTokens(OidcClients clients, DestinationService destinations, OutboundConfig config) {
        this.clients = clients;
        this.destinations = destinations;
        this.config = config;
    }

    /** A bearer token for the destination's receiver (deliveries in flight at once share one token request). */
    public Uni<String> bearer(Destination d) {
        Entry entry = entry(d);
        return entry.tokens().uni.map(Tokens::getAccessToken).onFailure().invoke(e -> {
            if (byDestination.remove(d.id(), entry)) {
                close(entry);
            }
        });
    }

    /** The receiver answered 401: the next attempt gets a new token. */
    public void invalidate(UUID destinationId) {
        Entry entry = byDestination.get(destinationId);
        if (entry != null) {
            entry.tokens().stale = true;
        }
    }

    private Entry entry(Destination d) {
        return byDestination.compute(d.id(), (id, old) -> {
            if (old != null && old.version().equals(d.updatedAt())) {
                return old;
            }
            if (old != null) {
                close(old);
            }
            Uni<OidcClient> client = clients.newClient(clientConfig(d)).memoize().indefinitely();
            return new Entry(d.updatedAt(), client, new TokenSource(client));
        });
    }

    /**
     * One cached token request: memoized until the token expires or comes within its refresh interval,
     * the request failed, or the receiver refused the token; then the next caller asks again.
     */
    private static final class TokenSource {
        final AtomicReference<Tokens> last = new AtomicReference<>();
        volatile boolean stale;
        final Uni<Tokens> uni;

        TokenSource(Uni<OidcClient> client) {
            uni = client.flatMap(OidcClient::getTokens).invoke(last::set).onFailure().invoke(e -> stale = true)
                    .memoize().until(this::renew);
        }

        private boolean renew() {
            Tokens t = last.get();
            if (stale || t != null && (t.isAccessTokenExpired() || t.isAccessTokenWithinRefreshInterval())) {
                stale = false;
                last.set(null);
                return true;
            }
            return false;
        }
    }

    private OidcClientConfig clientConfig(Destination d) {
        JsonNode oauth2 = d.config().path("oauth2");
        OidcClientConfigBuilder builder = new OidcClientConfigBuilder().id("outbound-" + d.id()).discoveryEnabled(false)
                .tokenPath(oauth2.path("tokenUrl").asText()).clientId(oauth2.path("clientId").asText())
                .credentials(destinations.secret(d, "clientSecret")).connectionTimeout(config.timeout())
                .grant(OidcClientConfig.Grant.Type.CLIENT);
        if (oauth2.hasNonNull("scope")) {
            builder.scopes(List.of(oauth2.path("scope").asText().split("\\s+")));
        }
        return builder.build();
    }

    private static void close(Entry entry) {
        entry.client().subscribe().with(c -> {
            try {
                c.close();
            } catch (java.io.IOException e) {
                // closing a client that is no longer used; nothing else to do
            }
        }, e -> { });
    }

    @PreDestroy
    void closeAll() {
        byDestination.values().forEach(ReceiverTokens::close);
    }
}
