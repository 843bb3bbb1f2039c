package io.metasync.leads;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Turns a lead's {@code field_data} into mapped fields: standard question types map by themselves,
 * the form's custom mapping (question key to target) wins, other questions land in
 * {@code custom.<key>}. E-mails are trimmed and lower-cased, phones put in E.164 when a country is known.
 */
public final class LeadMapper {

    public static final Set<String> TARGETS = Set.of("email", "phone", "fullName", "firstName", "lastName", "city", "zip",
            "country", "company", "jobTitle");
    private static final Map<String, String> STANDARD = Map.ofEntries(Map.entry("EMAIL", "email"), Map.entry("PHONE", "phone"),
            Map.entry("FULL_NAME", "fullName"), Map.entry("FIRST_NAME", "firstName"), Map.entry("LAST_NAME", "lastName"),
            Map.entry("CITY", "city"), Map.entry("ZIP", "zip"), Map.entry("POST_CODE", "zip"), Map.entry("COUNTRY", "country"),
            Map.entry("COMPANY_NAME", "company"), Map.entry("JOB_TITLE", "jobTitle"), Map.entry("WORK_EMAIL", "email"),
            Map.entry("WORK_PHONE_NUMBER", "phone"));
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private LeadMapper() {
    }

    /** A valid mapping target: one of {@link #TARGETS} or {@code custom.<name>}. */
    public static boolean validTarget(String target) {
        return target != null && (TARGETS.contains(target) || target.matches("custom\\.[A-Za-z0-9_?.-]{1,100}"));
    }

    /** Question key to target field, for a form's questions and custom mapping. */
    public static Map<String, String> targets(LeadForm form) {
        Map<String, String> targets = new LinkedHashMap<>();
        for (JsonNode q : form.questions()) {
            String key = q.path("key").asText();
            targets.put(key, STANDARD.getOrDefault(q.path("type").asText(), "custom." + key));
        }
        targets.putAll(form.mapping());
        return targets;
    }

    /**
     * One lead's mapped fields, and whether its phone is a valid number (for the lead's two-letter country
     * when it answered one, as {@link LeadScorer} scores it): known from the one parse that also formats it.
     */
    public record Mapped(Map<String, String> fields, boolean phoneValid) {
    }

    /** The mapped fields of one lead (values of multi-valued answers joined with ", "). */
    public static Map<String, String> map(Map<String, String> targets, JsonNode fieldData, String locale) {
        return mapLead(targets, fieldData, locale).fields();
    }

    /** {@link #map}, with the phone's verdict. */
    public static Mapped mapLead(Map<String, String> targets, JsonNode fieldData, String locale) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (JsonNode answer : fieldData) {
            String key = answer.path("name").asText();
            List<String> values = new java.util.ArrayList<>();
            answer.path("values").forEach(v -> values.add(v.asText()));
            fields.put(targets.getOrDefault(key, "custom." + key), String.join(", ", values).strip());
        }
        if (!fields.containsKey("fullName") && (fields.containsKey("firstName") || fields.containsKey("lastName"))) {
            fields.put("fullName", (fields.getOrDefault("firstName", "") + " " + fields.getOrDefault("lastName", "")).strip());
        }
        fields.computeIfPresent("email", (k, v) -> v.strip().toLowerCase(Locale.ROOT));
        String phone = fields.get("phone");
        if (phone == null) {
            return new Mapped(fields, false);
        }
        String country = fields.get("country");
        boolean countryGiven = country != null && country.strip().length() == 2;
        Phone checked = phone(phone, region(country, locale));
        fields.put("phone", checked.value());
        return new Mapped(fields, countryGiven ? checked.validInRegion() : checked.valid());
    }

    /** The number in E.164 when it parses as a valid number (with a '+' or a known region); else as given, trimmed. */
    static String e164(String raw, String region) {
        return phone(raw, region).value();
    }

    /** A phone as stored, whether it is valid, and whether it is valid in the expected region. */
    private record Phone(String value, boolean valid, boolean validInRegion) {
    }

    private static Phone phone(String raw, String region) {
        String trimmed = raw.strip();
        try {
            PhoneNumber number = PHONES.parse(trimmed, region == null ? "ZZ" : region);
            boolean inRegion = region != null && number.getCountryCode() == PHONES.getCountryCodeForRegion(region)
                    && PHONES.isValidNumberForRegion(number, region);
            return inRegion || valid(number) ? new Phone(PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164), true, inRegion)
                    : new Phone(trimmed, false, false);
        } catch (NumberParseException e) {
            return new Phone(trimmed, false, false);
        }
    }

    /**
     * Whether the number is valid: its calling code's main region is checked before the full check, since
     * {@code isValidNumber} tries every region of the calling code (some 25 for +1), which made phone checks
     * the largest cost of ingesting a lead. Callers that expect a region check it first ({@link #phone}).
     */
    static boolean valid(PhoneNumber number) {
        String main = PHONES.getRegionCodeForCountryCode(number.getCountryCode());
        return PHONES.isValidNumberForRegion(number, main) || PHONES.isValidNumber(number);
    }

    /** A two-letter region from the lead's country answer, else from the form's locale (EN_US is US). */
    static String region(String country, String locale) {
        if (country != null && country.strip().length() == 2) {
            return country.strip().toUpperCase(Locale.ROOT);
        }
        if (locale != null && locale.length() == 5 && locale.charAt(2) == '_') {
            return locale.substring(3).toUpperCase(Locale.ROOT);
        }
        return null;
    }
}
