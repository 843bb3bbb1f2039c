package io.metasync.graph;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads Graph values the way Meta writes them: ids and money as strings, datetimes with or without the offset colon. */
public final class GraphValues {

    /** Accepts {@code 2018-02-28T08:49:14+0000}, {@code ...+00:00} and {@code ...Z}. */
    private static final DateTimeFormatter DATETIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter();

    private GraphValues() {
    }

    public static OffsetDateTime dateTime(String text) {
        return text == null || text.isBlank() ? null : OffsetDateTime.parse(text.trim(), DATETIME);
    }

    /** An id, whether Meta sent it as a string or (in some webhooks) as a number. */
    public static String id(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node.asText();
    }

    /** A money or metric value (Meta sends numeric strings) as an exact decimal. */
    public static BigDecimal decimal(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode() || node.asText().isBlank()) {
            return null;
        }
        return node.isBigDecimal() ? node.decimalValue() : new BigDecimal(node.asText().trim());
    }
}
