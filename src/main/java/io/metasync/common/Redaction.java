package io.metasync.common;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets (access tokens, app secret proofs, client secrets, OAuth codes, passwords,
 * bearer tokens) from text that may reach a log or a client: URLs, error messages, log lines.
 */
public final class Redaction {

    public static final String MASK = "[REDACTED]";

    private static final Pattern QUERY_SECRET = Pattern.compile(
            "(?i)((?:access_token|input_token|fb_exchange_token|appsecret_proof|client_secret|app_secret|code|password"
                    + "|refresh_token|signed_request)\\s*[=:]\\s*\"?)([^&\\s\"',;}]+)");
    private static final Pattern JSON_SECRET = Pattern.compile(
            "(?i)(\"(?:access_token|accessToken|input_token|appsecret_proof|client_secret|clientSecret|appSecret|app_secret"
                    + "|password|refresh_token|secret)\"\\s*:\\s*\")([^\"]*)");
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)([A-Za-z0-9._~+/=-]+)");

    private Redaction() {
    }

    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = replace(JSON_SECRET, text);
        out = replace(QUERY_SECRET, out);
        return replace(BEARER, out);
    }

    private static String replace(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        do {
            m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + MASK));
        } while (m.find());
        m.appendTail(sb);
        return sb.toString();
    }
}
