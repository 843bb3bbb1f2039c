package io.metasync.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.Level;
import org.junit.jupiter.api.Test;

class RedactingLogFilterTest {

    private final RedactingLogFilter filter = new RedactingLogFilter();

    @Test
    void redactsFormattedMessages() {
        ExtLogRecord record = new ExtLogRecord(Level.INFO, "GET %s failed", ExtLogRecord.FormatStyle.PRINTF, "test");
        record.setParameters(new Object[] { "https://graph.facebook.com/v25.0/me?access_token=EAAsecret" });
        assertTrue(filter.isLoggable(record));
        assertEquals("GET https://graph.facebook.com/v25.0/me?access_token=[REDACTED] failed", record.getFormattedMessage());
    }

    @Test
    void redactsExceptionMessagesAlongTheCauseChain() {
        ExtLogRecord record = new ExtLogRecord(Level.ERROR, "boom", "test");
        record.setThrown(new IllegalStateException("outer", new RuntimeException("url ?appsecret_proof=deadbeef")));
        filter.isLoggable(record);
        Throwable cause = record.getThrown().getCause();
        assertFalse(cause.getMessage().contains("deadbeef"));
        assertTrue(cause.getMessage().contains("java.lang.RuntimeException"));
    }

    @Test
    void leavesCleanRecordsUntouched() {
        ExtLogRecord record = new ExtLogRecord(Level.INFO, "synced 10 leads", "test");
        IllegalStateException thrown = new IllegalStateException("plain");
        record.setThrown(thrown);
        filter.isLoggable(record);
        assertEquals("synced 10 leads", record.getFormattedMessage());
        assertEquals(thrown, record.getThrown());
    }
}
