package io.metasync.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** appsecret_proof and keeping tokens out of text. */
class GraphSecretsTest {

    @Test
    void appSecretProofIsHexHmacSha256OfTheToken() {
        assertEquals("5c6bf2d7121170f3e027e3acc225600968e1aa079019f161741142be38b0dcae",
                AppSecretProof.of("app-secret-123", "EAAB-token-xyz"));
    }

    @Test
    void authNeverPrintsItsSecrets() {
        GraphAuth auth = GraphAuth.of("EAAB-token-xyz", "app-secret-123").forAdAccount("42");
        assertFalse(auth.toString().contains("EAAB-token-xyz"));
        assertFalse(auth.toString().contains("app-secret-123"));
        assertEquals("act_42", auth.adAccountId());
        assertEquals(12, auth.tokenFingerprint().length());
    }

    @Test
    void exceptionMessagesAreRedacted() {
        GraphException e = GraphException.of(GraphErrorKind.TRANSIENT,
                "failed at https://h/v25.0/1/leads?access_token=EAAB-token-xyz&after=x", 500).at("page 2");
        assertFalse(e.getMessage().contains("EAAB-token-xyz"), e.getMessage());
    }

    @Test
    void fullJitterStaysUnderAGrowingCappedCeiling() {
        FullJitterBackoff backoff = new FullJitterBackoff(100, 1000);
        assertEquals(100, backoff.ceiling(0));
        assertEquals(200, backoff.ceiling(1));
        assertEquals(800, backoff.ceiling(3));
        assertEquals(1000, backoff.ceiling(4));
        assertEquals(1000, backoff.ceiling(60));
        for (int i = 0; i < 20; i++) {
            long delay = backoff.nextDelayInMillis(null);
            assertEquals(true, delay >= 1 && delay <= backoff.ceiling(i), "retry " + i + " waited " + delay);
        }
    }
}
