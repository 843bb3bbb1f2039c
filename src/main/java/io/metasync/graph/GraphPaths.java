package io.metasync.graph;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Pure helpers for Graph paths: metric templates, query encoding and Meta's {@code paging.next} URLs. */
public final class GraphPaths {

    /** Parameters that carry credentials: never taken from a {@code next} URL, always re-added by us. */
    static final Set<String> CREDENTIAL_PARAMS = Set.of("access_token", "appsecret_proof", "appsecret_time");

    private static final Pattern EDGE = Pattern.compile("[A-Za-z_]+");
    private static final Pattern VERSION_SEGMENT = Pattern.compile("/v\\d+(?:\\.\\d+)?/(.*)");
    private static final Pattern AD_ACCOUNT = Pattern.compile("act_\\d+");

    private GraphPaths() {
    }

    /** A call to a path relative to the version, with its (non-credential) parameters. */
    public record Relative(String path, Map<String, String> params) {
    }

    /** The path without a leading slash or query, e.g. {@code 123/leads}. */
    static String normalize(String path) {
        String p = path == null ? "" : path.trim();
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        return p;
    }

    /**
     * The path with every id replaced, for metric tags and logs: {@code act_1/insights} ->
     * {@code /act_{id}/insights}, {@code 123/leads} -> {@code /{id}/leads}; edges and {@code me} stay.
     */
    public static String template(String path) {
        String p = normalize(path);
        int q = p.indexOf('?');
        if (q >= 0) {
            p = p.substring(0, q);
        }
        if (p.isEmpty()) {
            return "/";
        }
        StringBuilder sb = new StringBuilder();
        for (String segment : p.split("/")) {
            sb.append('/');
            if (AD_ACCOUNT.matcher(segment).matches()) {
                sb.append("act_{id}");
            } else {
                sb.append(EDGE.matcher(segment).matches() ? segment : "{id}");
            }
        }
        return sb.toString();
    }

    /** The ad account a path addresses ({@code act_123/...}), if it addresses one. */
    static String adAccountOf(String path) {
        String first = normalize(path).split("[/?]", 2)[0];
        return AD_ACCOUNT.matcher(first).matches() ? first : null;
    }

    /** Whether the call reads insights (where "reduce the amount of data" arrives as HTTP 500). */
    static boolean isInsights(String path) {
        return template(path).endsWith("/insights");
    }

    /** {@code a=1&b=2}, form- and query-safe (spaces as %20, braces and commas escaped). */
    public static String encode(Map<String, String> params) {
        StringJoiner joiner = new StringJoiner("&");
        params.forEach((k, v) -> joiner.add(component(k) + "=" + component(v == null ? "" : v)));
        return joiner.toString();
    }

    private static String component(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * The call a {@code paging.next} URL asks for, relative to the version and without its
     * credentials (Meta puts the access token in it): our own are added again when it is sent.
     */
    public static Relative fromNext(String nextUrl) {
        URI uri = URI.create(nextUrl);
        String rawPath = uri.getRawPath() == null ? "" : uri.getRawPath();
        Matcher m = VERSION_SEGMENT.matcher(rawPath);
        String path = m.find() ? m.group(1) : normalize(rawPath);
        Map<String, String> params = new LinkedHashMap<>();
        String query = uri.getRawQuery();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                if (!CREDENTIAL_PARAMS.contains(key)) {
                    params.put(key, eq < 0 ? "" : decode(pair.substring(eq + 1)));
                }
            }
        }
        return new Relative(decode(path), params);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
