package io.metasync.sandbox.graph;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.metasync.sandbox.auth.Caller;
import io.quarkus.arc.profile.IfBuildProfile;

/**
 * Batch requests (META-FACTS §3.5): form parameter {@code batch} = a JSON array of at most 50
 * {@code {method, relative_url, body?, access_token?, name?}}; the top-level token is required and is
 * each item's fallback. The answer is an array in request order of {@code {code, headers, body}} where
 * body is a JSON <em>string</em>; an item that timed out is {@code null}. Each item counts as a call.
 */
@ApplicationScoped
@IfBuildProfile(anyOf = { "dev", "test" })
public class BatchRunner {

    static final int MAX_ITEMS = 50;

    private final GraphGateway gateway;
    private final ObjectMapper json;

    public BatchRunner(GraphGateway gateway, ObjectMapper json) {
        this.gateway = gateway;
        this.json = json;
    }

    GraphReply run(GraphCall call, Caller caller) {
        JsonNode items = items(call.param("batch").orElseThrow(() -> GraphError.invalid("The parameter batch is"
                + " required").ex()));
        boolean withHeaders = !"false".equals(call.param("include_headers").orElse("true"));
        List<Object> out = new ArrayList<>();
        for (JsonNode item : items) {
            GraphCall one = item(call, caller, item);
            if (gateway.batchItemTimesOut(one)) {
                out.add(null);
                continue;
            }
            GraphReply reply = gateway.answer(one).reply();
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("code", reply.status());
            if (withHeaders) {
                List<Object> headers = new ArrayList<>();
                headers.add(Map.of("name", "Content-Type", "value", "application/json; charset=UTF-8"));
                reply.headers().forEach((k, v) -> headers.add(Map.of("name", k, "value", v)));
                result.put("headers", headers);
            }
            result.put("body", gateway.toJson(reply.body()));
            out.add(result);
        }
        return GraphReply.ok(out);
    }

    private JsonNode items(String batch) {
        JsonNode items = LeadFilter.jsonArray(json, batch, "batch");
        if (items.size() > MAX_ITEMS) {
            throw GraphError.invalid("Too many requests in batch message. Maximum batch size is " + MAX_ITEMS).ex();
        }
        return items;
    }

    private GraphCall item(GraphCall batch, Caller caller, JsonNode item) {
        String url = item.path("relative_url").asText("");
        url = url.startsWith("/") ? url.substring(1) : url;
        int q = url.indexOf('?');
        List<String> segments = new ArrayList<>(Arrays.asList((q < 0 ? url : url.substring(0, q)).split("/")));
        segments.removeIf(String::isEmpty);
        String version = !segments.isEmpty() && segments.get(0).matches("v\\d+\\.\\d+") ? segments.remove(0)
                : batch.version();
        Map<String, String> params = new LinkedHashMap<>();
        if (q >= 0) {
            parseForm(url.substring(q + 1), params);
        }
        parseForm(item.path("body").asText(""), params);
        if (item.hasNonNull("access_token")) {
            params.putIfAbsent("access_token", item.get("access_token").asText());
        } else {
            params.putIfAbsent("access_token", caller.token());
            batch.param("appsecret_proof").ifPresent(p -> params.putIfAbsent("appsecret_proof", p));
            batch.param("appsecret_time").ifPresent(t -> params.putIfAbsent("appsecret_time", t));
        }
        String method = item.path("method").asText("GET").toUpperCase(java.util.Locale.ROOT);
        return new GraphCall(method, version, List.copyOf(segments), params, null, batch.baseUrl());
    }

    /** Parses {@code a=1&b=2} (URL-encoded) into the map. */
    public static void parseForm(String form, Map<String, String> into) {
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            into.put(k, v);
        }
    }
}
