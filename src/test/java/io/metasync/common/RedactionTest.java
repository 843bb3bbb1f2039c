package io.metasync.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void redactsQueryParameters() {
        String url = "https://graph.facebook.com/v25.0/me?access_token=EAAB123&appsecret_proof=abc123&fields=id,name";
        String out = Redaction.redact(url);
        assertFalse(out.contains("EAAB123"));
        assertFalse(out.contains("abc123"));
        assertEquals("https://graph.facebook.com/v25.0/me?access_token=[REDACTED]&appsecret_proof=[REDACTED]&fields=id,name", out);
    }

    @Test
    void redactsJsonBearerAndCodes() {
        assertEquals("{\"access_token\":\"[REDACTED]\",\"id\":\"1\"}", Redaction.redact("{\"access_token\":\"EAAX\",\"id\":\"1\"}"));
        assertEquals("Authorization: Bearer [REDACTED]", Redaction.redact("Authorization: Bearer eyJ.abc.def"));
        assertEquals("callback?code=[REDACTED]&state=s", Redaction.redact("callback?code=AQD7xyz&state=s"));
        assertEquals("{\"password\":\"[REDACTED]\"}", Redaction.redact("{\"password\":\"hunter22\"}"));
    }

    @Test
    void leavesOrdinaryTextAlone() {
        assertEquals("lead 123 created", Redaction.redact("lead 123 created"));
        assertEquals(null, Redaction.redact(null));
    }
}
