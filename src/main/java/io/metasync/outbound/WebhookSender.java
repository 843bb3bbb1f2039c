package io.metasync.outbound;

import java.util.UUID;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.metasync.common.time.AppClock;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * POSTs a JSON body to a webhook destination (a customer's CRM or automation tool) with the Vert.x web
 * client, which suits arbitrary URLs known only at run time: {@code Idempotency-Key} (the delivery id, the
 * same on every retry), {@code X-Metasync-Signature} when a secret is set, a bearer token when OAuth2 is
 * configured, and a timeout. The receiver's answer is classified by {@link SendResult#ofStatus}.
 */
@ApplicationScoped
public class WebhookSender {

    private static final int MAX_ERROR = 300;

    private final WebClient client;
    private final DestinationService destinations;
    private final ReceiverTokens tokens;
    private final AppClock clock;
    private final OutboundConfig config;

    public WebhookSender(Vertx vertx, DestinationService destinations, ReceiverTokens tokens, AppClock clock, OutboundConfig config) {
        this.client = WebClient.create(vertx, new WebClientOptions().setUserAgent("metasync-outbound/1")
                .setConnectTimeout((int) config.timeout().toMillis()).setFollowRedirects(false));
        this.destinations = destinations;
        this.tokens = tokens;
        this.clock = clock;
        this.config = config;
    }

    public Uni<SendResult> send(Destination d, UUID idempotencyKey, String body) {
        long started = System.nanoTime();
        HttpRequest<Buffer> request = client.postAbs(d.config().path("url").asText()).timeout(config.timeout().toMillis())
                .putHeader("Content-Type", "application/json").putHeader("Idempotency-Key", idempotencyKey.toString());
        String secret = destinations.secret(d, "secret");
        if (secret != null) {
            request.putHeader(Signature.HEADER, Signature.header(secret, clock.instant().getEpochSecond(), body));
        }
        boolean oauth2 = d.config().has("oauth2");
        Uni<String> bearer = oauth2 ? tokens.bearer(d) : Uni.createFrom().nullItem();
        return bearer.onFailure().transform(e -> new TokenFailure(e))
                .flatMap(token -> {
                    if (token != null) {
                        request.putHeader("Authorization", "Bearer " + token);
                    }
                    return request.sendBuffer(Buffer.buffer(body));
                })
                .map(response -> {
                    if (oauth2 && response.statusCode() == 401) {
                        tokens.invalidate(d.id());
                        return new SendResult(SendResult.RETRY, 401, "HTTP 401: the receiver refused the token", millis(started));
                    }
                    return SendResult.ofStatus(response.statusCode(), "HTTP " + response.statusCode() + excerpt(response.bodyAsString()),
                            millis(started));
                })
                .onFailure().recoverWithItem(e -> new SendResult(SendResult.RETRY, null, describe(e), millis(started)));
    }

    private static String describe(Throwable e) {
        if (e instanceof TokenFailure) {
            return "OAuth2 token request failed: " + cut(String.valueOf(e.getCause().getMessage()));
        }
        return e.getClass().getSimpleName() + ": " + cut(String.valueOf(e.getMessage()));
    }

    private static String excerpt(String body) {
        return body == null || body.isBlank() ? "" : ": " + cut(body.strip());
    }

    private static String cut(String text) {
        return text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR) + "...";
    }

    private static long millis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /** The OAuth2 token could not be had (marks the error text; retried like a transport failure). */
    private static final class TokenFailure extends RuntimeException {
        TokenFailure(Throwable cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }
}
