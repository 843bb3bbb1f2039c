package io.metasync.leads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

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
}
