package io.metasync.common;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

import org.jboss.logmanager.ExtLogRecord;

import io.quarkus.logging.LoggingFilter;

/**
 * Redacts secrets from every console log line, including the messages of logged exceptions'
 * causes as formatted into the line, so that no token or password is ever written to a log.
 */
@LoggingFilter(name = "redact-secrets")
public final class RedactingLogFilter implements Filter {

    @Override
    public boolean isLoggable(LogRecord record) {
        if (record instanceof ExtLogRecord ext) {
            String formatted = ext.getFormattedMessage();
            String redacted = Redaction.redact(formatted);
            if (formatted != null && !formatted.equals(redacted)) {
                ext.setMessage(redacted, ExtLogRecord.FormatStyle.NO_FORMAT);
            }
            if (ext.getThrown() != null && containsSecret(ext.getThrown())) {
                ext.setThrown(new RedactedThrowable(ext.getThrown()));
            }
        }
        return true;
    }

    private static boolean containsSecret(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            String m = c.getMessage();
            if (m != null && !m.equals(Redaction.redact(m))) {
                return true;
            }
        }
        return false;
    }

    /** A stand-in for a throwable whose messages held a secret: same class names and stack, messages redacted. */
    static final class RedactedThrowable extends RuntimeException {
        RedactedThrowable(Throwable original) {
            super(original.getClass().getName() + ": " + Redaction.redact(original.getMessage()),
                    original.getCause() == null ? null : new RedactedThrowable(original.getCause()), false, true);
            setStackTrace(original.getStackTrace());
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }
}
