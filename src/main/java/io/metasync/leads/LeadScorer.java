package io.metasync.leads;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * A new lead's quality score, 0-100 with its reasons, written in the transaction that stores it: e-mail
 * (30: valid syntax, 5 only on a disposable domain), phone (30: valid, and for the lead's country when it
 * answered one), completeness (30: share of its answers that are not blank) and uniqueness (10: no lead of
 * another form of the workspace has the same normalised e-mail or phone).
 */
@ApplicationScoped
public class LeadScorer {

    private static final Pattern EMAIL = Pattern.compile("^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
            + "(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\\.[a-z]{2,63}$");
    private static final Set<String> DISPOSABLE = load("leads/disposable-domains.txt");
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    static final String DUPLICATE = "same e-mail or phone as a lead of another form (+0)";
    static final String UNIQUE = "no duplicate across forms (+10)";
    static final int UNIQUE_POINTS = 10;

    /** A score and why. */
    public record Score(int score, List<String> reasons) {
    }

    private final ObjectMapper json;

    public LeadScorer(ObjectMapper json) {
        this.json = json;
    }

    /**
     * The score of a lead's mapped fields without uniqueness, which needs the workspace's other leads:
     * {@link LeadWriter} adds it in the INSERT that stores the lead, so a lead is written once.
     */
    public static Score base(Map<String, String> fields) {
        String phone = fields.get("phone");
        return base(fields, phone != null && !phone.isBlank() && validPhone(phone, fields.get("country")));
    }

    /** {@link #base(Map)} when the phone's validity is known already ({@link LeadMapper.Mapped#phoneValid}). */
    public static Score base(Map<String, String> fields, boolean phoneValid) {
        List<String> reasons = new ArrayList<>();
        int score = 0;
        String email = fields.get("email");
        if (email == null || email.isBlank()) {
            reasons.add("no e-mail (+0)");
        } else if (!EMAIL.matcher(email.strip().toLowerCase(Locale.ROOT)).matches()) {
            reasons.add("e-mail is not a valid address (+0)");
        } else if (DISPOSABLE.contains(email.substring(email.indexOf('@') + 1).strip().toLowerCase(Locale.ROOT))) {
            score += 5;
            reasons.add("e-mail on a disposable domain (+5)");
        } else {
            score += 30;
            reasons.add("valid e-mail (+30)");
        }
        String phone = fields.get("phone");
        String country = fields.get("country");
        if (phone == null || phone.isBlank()) {
            reasons.add("no phone (+0)");
        } else if (phoneValid) {
            score += 30;
            reasons.add("valid phone (+30)");
        } else {
            reasons.add("phone is not a valid number" + (country != null && country.strip().length() == 2 ? " for " + country.strip() : "")
                    + " (+0)");
        }
        long answered = fields.values().stream().filter(v -> v != null && !v.isBlank()).count();
        int completeness = fields.isEmpty() ? 0 : (int) Math.round(30.0 * answered / fields.size());
        score += completeness;
        reasons.add(answered + " of " + fields.size() + " answers given (+" + completeness + ")");
        return new Score(score, reasons);
    }

    /** The full score: {@link #base} plus uniqueness (the INSERT adds it the same way, {@link #DUPLICATE}, {@link #UNIQUE}). */
    public static Score score(Map<String, String> fields, boolean duplicate) {
        Score base = base(fields);
        List<String> reasons = new ArrayList<>(base.reasons());
        reasons.add(duplicate ? DUPLICATE : UNIQUE);
        return new Score(base.score() + (duplicate ? 0 : UNIQUE_POINTS), reasons);
    }

    /** Reasons as the JSON array stored in {@code lead.quality_reasons}. */
    String json(List<String> reasons) {
        try {
            return json.writeValueAsString(reasons);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Valid as stored (E.164 when the leads room could place it), and for the lead's two-letter country when it gave one. */
    static boolean validPhone(String phone, String country) {
        try {
            PhoneNumber number = PHONES.parse(phone.strip(), "ZZ");
            if (country != null && country.strip().length() == 2) {
                // valid for the region implies valid, without trying every region of the calling code
                return PHONES.isValidNumberForRegion(number, country.strip().toUpperCase(Locale.ROOT));
            }
            return LeadMapper.valid(number);
        } catch (NumberParseException e) {
            return false;
        }
    }

    private static Set<String> load(String resource) {
        Set<String> domains = new HashSet<>();
        try (InputStream in = LeadScorer.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing");
            }
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(domains::add);
        } catch (IOException e) {
            throw new IllegalStateException(resource + " cannot be read", e);
        }
        return Set.copyOf(domains);
    }
}
