package io.metasync.graph;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.metasync.graph.governor.GraphGovernor;
import io.metasync.graph.governor.LimiterKeys;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;

/**
 * Sends one Graph call: through the governor, signed (access token and appsecret_proof added to the
 * query or form), timed, with the usage headers of every response recorded and Meta's error object
 * turned into a {@link GraphException}; retried as {@link GraphRetry} decides. Only path templates
 * are ever logged or tagged, never a URL (it carries the token).
 */
@ApplicationScoped
class GraphTransport {

    private static final Logger LOG = Logger.getLogger(GraphTransport.class);

    @Inject
    GraphConfig config;

    @Inject
    GraphEndpoint endpoint;

    @Inject
    GraphGovernor governor;

    @Inject
    GraphRetry retry;

    @Inject
    GraphReachability reachability;

    @Inject
    GraphMetrics metrics;

    @Inject
    ObjectMapper mapper;

    private GraphHttpApi http;
    private GraphJson json;

    @PostConstruct
    void init() {
        json = new GraphJson(mapper);
        http = QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(GraphEndpoint.META_GRAPH))
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .disableDefaultMapper(true)
                .build(GraphHttpApi.class);
    }

    /** One call with retries; {@code path} is relative to the version, {@code params} exclude credentials. */
    Uni<JsonNode> call(GraphAuth auth, String method, String path, Map<String, String> params) {
        String where = method + " " + GraphPaths.template(path);
        return retry.guard(endpoint.host(), where, () -> attempt(auth, method, path, params, where));
    }

    /**
     * A POST with a JSON body and the token as {@code Authorization: Bearer} ({@code appsecret_proof} in the query), made
     * once: for a send whose effect Meta may have carried out even though it answered a timeout or a 5xx.
     */
    Uni<JsonNode> postJsonOnce(GraphAuth auth, String path, JsonNode body) {
        String where = "POST " + GraphPaths.template(path);
        return exchange(auth, path, where, "POST", () -> {
            Map<String, String> query = new LinkedHashMap<>();
            auth.appSecretOpt().ifPresent(secret -> query.put("appsecret_proof", AppSecretProof.of(secret, auth.accessToken())));
            return http.postJson(endpoint.url(path, query.isEmpty() ? null : GraphPaths.encode(query)), "Bearer " + auth.accessToken(),
                    body.toString());
        });
    }

    GraphJson json() {
        return json;
    }

    /** The governor keys a call on {@code path} counts against. */
    static LimiterKeys keys(GraphAuth auth, String path) {
        return new LimiterKeys(auth.tokenFingerprint(), auth.adAccount().orElse(GraphPaths.adAccountOf(path)),
                auth.businessId(), GraphPaths.isInsights(path));
    }

    private Uni<JsonNode> attempt(GraphAuth auth, String method, String path, Map<String, String> params,
            String where) {
        return exchange(auth, path, where, method, () -> send(auth, method, path, params));
    }

    /** One request through the governor: admitted, sent, its answer (usage headers, errors) handled. */
    private Uni<JsonNode> exchange(GraphAuth auth, String path, String where, String method,
            java.util.function.Supplier<Uni<Response>> request) {
        boolean insights = GraphPaths.isInsights(path);
        LimiterKeys keys = keys(auth, path);
        return governor.admit(keys).chain(release -> {
            long start = System.nanoTime();
            return request.get()
                    .invoke(reachability::answered)
                    .onFailure().invoke(reachability::unanswered)
                    .onFailure().transform(e -> GraphErrors.noResponse(e, where))
                    .map(response -> handle(response, keys, insights, where))
                    .onItemOrFailure().invoke((item, failure) -> {
                        release.run();
                        Duration took = Duration.ofNanos(System.nanoTime() - start);
                        String outcome = failure instanceof GraphException g ? g.kind().tag()
                                : failure == null ? GraphMetrics.OK : "error";
                        metrics.call(method, GraphPaths.template(path), outcome, took);
                        LOG.debugf("Graph %s -> %s in %d ms", where, outcome, took.toMillis());
                    })
                    .onCancellation().invoke(release);
        });
    }

    private Uni<Response> send(GraphAuth auth, String method, String path, Map<String, String> params) {
        Map<String, String> signed = new LinkedHashMap<>(params);
        signed.keySet().removeAll(GraphPaths.CREDENTIAL_PARAMS);
        signed.put("access_token", auth.accessToken());
        auth.appSecretOpt().ifPresent(secret -> signed.put("appsecret_proof", AppSecretProof.of(secret, auth.accessToken())));
        String encoded = GraphPaths.encode(signed);
        return switch (method) {
            case "GET" -> http.get(endpoint.url(path, encoded));
            case "DELETE" -> http.delete(endpoint.url(path, encoded));
            case "POST" -> http.post(endpoint.url(path, null), encoded);
            default -> throw new IllegalArgumentException("unsupported Graph method " + method);
        };
    }

    private JsonNode handle(Response response, LimiterKeys keys, boolean insights, String where) {
        int status = response.getStatus();
        JsonNode body = json.parseOrNull(response.hasEntity() ? response.readEntity(String.class) : null);
        GraphException error = GraphErrors.of(body, status, insights, where);
        Duration hold = governor.observe(keys, response::getHeaderString, error);
        if (error != null) {
            throw hold.compareTo(Duration.ZERO) > 0 ? error.withRetryAfter(hold) : error;
        }
        return body;
    }
}
