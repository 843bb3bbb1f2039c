package io.metasync.connect.app;

/**
 * A Meta app as metasync uses it: its id, secret (signs appsecret_proof, webhooks and signed
 * requests) and the webhook verify token. {@code toString} never shows the secrets.
 */
public record AppCredentials(String appId, String appSecret, String verifyToken) {

    /** The app access token, {@code app-id|app-secret}, for debug_token and code exchange. */
    public String appToken() {
        return appId + "|" + appSecret;
    }

    @Override
    public String toString() {
        return "AppCredentials[appId=" + appId + "]";
    }
}
