package io.metasync.leads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Phone normalisation and validity: the fast paths (expected region, calling code's main region) answer as the full check. */
class PhoneNumbersTest {

    @Test
    void numbersOfTheExpectedRegionBecomeE164() {
        assertEquals("+12015550123", LeadMapper.e164(" (201) 555-0123 ", "US"));
        assertEquals("+442079460958", LeadMapper.e164("020 7946 0958", "GB"));
    }

    @Test
    void aNumberOfAnotherRegionOfTheSameCallingCodeIsStillValid() {
        // Toronto: +1 like the US, valid for CA only
        assertEquals("+14165550123", LeadMapper.e164("+1 416 555 0123", "US"));
        assertTrue(LeadScorer.validPhone("+14165550123", null));
        assertTrue(LeadScorer.validPhone("+14165550123", "CA"));
        assertFalse(LeadScorer.validPhone("+14165550123", "US"), "valid, but not for the country the lead answered");
    }

    @Test
    void internationalNumbersWithoutARegionAndInvalidOnes() {
        assertEquals("+33142685300", LeadMapper.e164("+33 1 42 68 53 00", null));
        assertEquals("555-0123", LeadMapper.e164(" 555-0123 ", null), "no region, no '+': kept as given, trimmed");
        assertEquals("+1 123 456", LeadMapper.e164("+1 123 456", "US"), "invalid: kept as given");
        assertFalse(LeadScorer.validPhone("+1 123 456", null));
        assertFalse(LeadScorer.validPhone("not a phone", "US"));
    }

    /**
     * The mapper's verdict (one parse per lead, used to score it) is the scorer's own check of the stored phone, for numbers
     * valid, invalid, of another region of the calling code, without '+', with and without a country answer.
     */
    @Test
    void theMappersPhoneVerdictIsTheScorersCheckOfTheStoredPhone() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String[] phones = { " (201) 555-0123 ", "+1 416 555 0123", "+15550001234", "020 7946 0958", "+33 1 42 68 53 00", "555-0123",
                "+1 123 456", "not a phone", "+44 20 7946 0958" };
        String[] countries = { null, "US", "CA", "GB", "FR", "United States" };
        String[] locales = { null, "en_US", "en_GB" };
        int checked = 0;
        for (String phone : phones) {
            for (String country : countries) {
                for (String locale : locales) {
                    StringBuilder data = new StringBuilder("[{\"name\":\"phone_number\",\"values\":[")
                            .append(json.writeValueAsString(phone)).append("]}");
                    if (country != null) {
                        data.append(",{\"name\":\"country\",\"values\":[").append(json.writeValueAsString(country)).append("]}");
                    }
                    JsonNode fieldData = json.readTree(data.append(']').toString());
                    LeadMapper.Mapped mapped = LeadMapper.mapLead(Map.of("phone_number", "phone", "country", "country"), fieldData, locale);
                    String stored = mapped.fields().get("phone");
                    assertEquals(LeadScorer.validPhone(stored, mapped.fields().get("country")), mapped.phoneValid(),
                            phone + " / " + country + " / " + locale + " stored as " + stored);
                    assertEquals(LeadScorer.base(mapped.fields()), LeadScorer.base(mapped.fields(), mapped.phoneValid()));
                    checked++;
                }
            }
        }
        assertEquals(phones.length * countries.length * locales.length, checked);
        assertTrue(LeadMapper.mapLead(Map.of("p", "phone"), json.readTree("[{\"name\":\"p\",\"values\":[\"+1 416 555 0123\"]}]"),
                "en_US").phoneValid(), "valid, of another region than the locale's, no country answered");
    }
}
