package io.metasync.graph;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

import io.metasync.common.Redaction;

/**
 * Who a Graph call is made as: the access token, the app secret that signs it with
 * {@code appsecret_proof} (absent when the app does not require it), and optional limiter keys so
 * the rate-limit governor can hold one ad account or business without holding the others.
 */
public record GraphAuth(String accessToken, String appSecret, String adAccountId, String businessId) {

    public GraphAuth {
        if (accessToken == null || accessToken.isBlank()) {
            throw new IllegalArgumentException("a Graph call needs an access token");
        }
        adAccountId = adAccountId == null || adAccountId.isBlank() || adAccountId.startsWith("act_")
                ? blankToNull(adAccountId)
                : "act_" + adAccountId;
        appSecret = blankToNull(appSecret);
        businessId = blankToNull(businessId);
    }

    /** A token signed with the app secret (which may be null). */
    public static GraphAuth of(String accessToken, String appSecret) {
        return new GraphAuth(accessToken, appSecret, null, null);
    }

    /** The same credentials, limited as work on this ad account ({@code act_} prefix optional). */
    public GraphAuth forAdAccount(String id) {
        return new GraphAuth(accessToken, appSecret, id, businessId);
    }

    /** The same credentials, limited as work for this business (business use case id). */
    public GraphAuth forBusiness(String id) {
        return new GraphAuth(accessToken, appSecret, adAccountId, id);
    }

    public Optional<String> appSecretOpt() {
        return Optional.ofNullable(appSecret);
    }

    public Optional<String> adAccount() {
        return Optional.ofNullable(adAccountId);
    }

    public Optional<String> business() {
        return Optional.ofNullable(businessId);
    }

    /** A short, irreversible fingerprint of the token: how logs and metrics may name it. */
    public String tokenFingerprint() {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "GraphAuth[token=" + Redaction.MASK + ", appSecret=" + (appSecret == null ? "none" : Redaction.MASK)
                + ", adAccount=" + adAccountId + ", business=" + businessId + "]";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
