package io.metasync.outbound;

import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;

/**
 * A tiny webhook receiver on a random port, for tests: answers the scripted statuses in order (then
 * {@code fallback}), records every request, and serves an OAuth2 token endpoint at {@code /token} that
 * accepts client {@code client-1}/{@code client-secret-1}; {@code /oauth} wants one of its bearer tokens.
 */
final class Receiver implements AutoCloseable {

    record Request(String path, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    static final String CLIENT_ID = "client-1";
    static final String CLIENT_SECRET = "client-secret-1";

    final List<Request> requests = new CopyOnWriteArrayList<>();
    final AtomicInteger tokenRequests = new AtomicInteger();
    private final Deque<Integer> script = new ArrayDeque<>();
    private volatile int fallback = 200;
    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;

    Receiver() throws Exception {
        server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            Map<String, String> headers = new java.util.HashMap<>();
            req.headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
            if (req.path().equals("/token")) {
                String expected = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes());
                if (!expected.equals(headers.get("authorization")) || !body.toString().contains("grant_type=client_credentials")) {
                    req.response().setStatusCode(401).end("{\"error\":\"invalid_client\"}");
                    return;
                }
                int n = tokenRequests.incrementAndGet();
                req.response().putHeader("Content-Type", "application/json").end(new JsonObject().put("access_token", "tok-" + n)
                        .put("token_type", "Bearer").put("expires_in", 3600).encode());
                return;
            }
            requests.add(new Request(req.path(), headers, body.toString()));
            if (req.path().equals("/oauth") && !String.valueOf(headers.get("authorization")).startsWith("Bearer tok-")) {
                req.response().setStatusCode(401).end();
                return;
            }
            req.response().setStatusCode(next()).end("{\"ok\":true}");
        })).listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    String url(String path) {
        return "http://localhost:" + server.actualPort() + path;
    }

    synchronized void script(Integer... statuses) {
        script.clear();
        script.addAll(List.of(statuses));
    }

    void fallback(int status) {
        fallback = status;
    }

    private synchronized int next() {
        Integer s = script.poll();
        return s == null ? fallback : s;
    }

    List<Request> on(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    @Override
    public void close() throws Exception {
        CompletableFuture<Void> done = vertx.close().toCompletionStage().toCompletableFuture();
        done.get(10, TimeUnit.SECONDS);
    }
}
