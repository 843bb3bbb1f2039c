import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Open-loop load generator of signed leadgen webhook deliveries (one lead per delivery, like Meta's
 * real-time pings) at a constant rate on loopback. Latency is measured from each delivery's scheduled
 * send time (no coordinated omission) to its response. Lead ids are real sandbox leads, so the app can
 * fetch and store every one. Usage: see BENCHMARKS.md ("Webhooks").
 *
 * The first {@code warmupSeconds} run at the same rate and are not measured (JIT, pools).
 *
 * args: baseUrl appSecret rate seconds warmupSeconds
 */
public class WebhookLoad {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String secret = args[1];
        int rate = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        int skipped = rate * warmup;
        int total = rate * (seconds + warmup);

        Vertx vertx = Vertx.vertx();
        HttpClient http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
                new PoolOptions().setHttp1MaxSize(256));
        JsonObject world = get(http, base + "/sandbox/admin/world");
        List<String[]> leads = new ArrayList<>(); // page, form, lead
        for (Object p : world.getJsonArray("pages")) {
            JsonObject page = (JsonObject) p;
            for (Object f : page.getJsonArray("formIds")) {
                JsonArray ids = get(http, base + "/sandbox/admin/truth/forms/" + f + "/leads?limit=100000").getJsonArray("leadIds");
                for (Object id : ids) {
                    leads.add(new String[] { page.getString("id"), (String) f, (String) id });
                }
            }
        }
        if (leads.size() < total) {
            throw new IllegalStateException("the sandbox world has " + leads.size() + " leads; " + total + " are needed");
        }
        System.out.printf("sending %d deliveries at %d/s for %d s after %d s of warm-up (%d leads available)%n", total - skipped,
                rate, seconds, warmup, leads.size());

        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        long[] latencies = new long[total];
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong okWarmup = new AtomicLong();
        AtomicLong failedWarmup = new AtomicLong();
        CountDownLatch done = new CountDownLatch(total);
        long start = System.nanoTime() + 200_000_000L;
        long interval = 1_000_000_000L / rate;
        int[] next = { 0 };
        vertx.setPeriodic(1, id -> {
            long now = System.nanoTime();
            while (next[0] < total && start + next[0] * interval <= now) {
                int i = next[0]++;
                long scheduled = start + i * interval;
                String[] l = leads.get(i);
                byte[] body = ("{\"object\":\"page\",\"entry\":[{\"id\":\"" + l[0] + "\",\"time\":" + (System.currentTimeMillis() / 1000)
                        + ",\"changes\":[{\"field\":\"leadgen\",\"value\":{\"leadgen_id\":\"" + l[2] + "\",\"page_id\":\"" + l[0]
                        + "\",\"form_id\":\"" + l[1] + "\",\"created_time\":" + (System.currentTimeMillis() / 1000) + "}}]}]}")
                        .getBytes(StandardCharsets.UTF_8);
                String signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
                http.request(new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(base + "/webhooks/meta")
                        .putHeader("Content-Type", "application/json").putHeader("X-Hub-Signature-256", signature))
                        .compose(req -> req.send(Buffer.buffer(body)))
                        .compose(resp -> resp.body().map(b -> resp.statusCode()))
                        .onComplete(ar -> {
                            latencies[i] = System.nanoTime() - scheduled;
                            boolean success = ar.succeeded() && ar.result() == 200;
                            (success ? ok : failed).incrementAndGet();
                            if (i < skipped) {
                                (success ? okWarmup : failedWarmup).incrementAndGet();
                            }
                            done.countDown();
                        });
            }
            if (next[0] >= total) {
                vertx.cancelTimer(id);
            }
        });
        done.await(seconds + warmup + 120L, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9 - warmup;
        long measured = total - skipped;
        long[] sorted = Arrays.copyOfRange(latencies, skipped, total);
        Arrays.sort(sorted);
        long okMeasured = ok.get() - okWarmup.get();
        System.out.printf("measured: sent %d, 200 %d, failed %d in %.1f s: %.0f deliveries/s acknowledged%n", measured, okMeasured,
                failed.get() - failedWarmup.get(), elapsed, okMeasured / elapsed);
        System.out.printf("ack latency ms (from scheduled send): p50 %.1f  p90 %.1f  p99 %.1f  max %.1f%n", ms(sorted, 0.50),
                ms(sorted, 0.90), ms(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
        vertx.close();
    }

    private static double ms(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    private static JsonObject get(HttpClient http, String url) throws Exception {
        return new JsonObject(http.request(new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url))
                .compose(req -> req.send().compose(resp -> resp.body()))
                .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS));
    }
}
