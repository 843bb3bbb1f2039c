package io.metasync.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class GraphValuesTest {

    @Test
    void parsesDatetimesWithAndWithoutOffsetColon() {
        Instant expected = Instant.parse("2018-02-28T08:49:14Z");
        assertEquals(expected, GraphValues.dateTime("2018-02-28T08:49:14+0000").toInstant());
        assertEquals(expected, GraphValues.dateTime("2018-02-28T08:49:14+00:00").toInstant());
        assertEquals(expected, GraphValues.dateTime("2018-02-28T08:49:14Z").toInstant());
        assertEquals(expected, GraphValues.dateTime("2018-02-28T10:49:14+0200").toInstant());
    }

    @Test
    void moneyStaysDecimalAndIdsStayStrings() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        assertEquals(new BigDecimal("5339.50"), GraphValues.decimal(mapper.readTree("{\"s\":\"5339.50\"}").get("s")));
        assertEquals("12345678901234567890", GraphValues.id(mapper.readTree("{\"id\":12345678901234567890}").get("id")));
        assertEquals("123", GraphValues.id(mapper.readTree("{\"id\":\"123\"}").get("id")));
    }
}
