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
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

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
    private static final String READ = "SELECT l.id, l.email, l.phone, l.fields::text AS fields, EXISTS (SELECT 1 FROM lead o"
            + " WHERE o.workspace_id = l.workspace_id AND o.id <> l.id AND o.form_id <> l.form_id"
            + " AND ((l.email IS NOT NULL AND o.email = l.email) OR (l.phone IS NOT NULL AND o.phone = l.phone))) AS duplicate"
            + " FROM lead l WHERE l.workspace_id = $1 AND l.id = ANY($2::uuid[])";
    private static final String WRITE = "UPDATE lead SET quality_score = s.score, quality_reasons = s.reasons::jsonb"
            + " FROM unnest($1::uuid[], $2::int[], $3::text[]) AS s(id, score, reasons) WHERE lead.id = s.id AND lead.workspace_id = $4";

    /** A score and why. */
    public record Score(int score, List<String> reasons) {
    }

    private final ObjectMapper json;

    public LeadScorer(ObjectMapper json) {
        this.json = json;
    }

    /** Scores the given new leads inside the caller's transaction. */
    public Uni<Void> score(SqlConnection conn, UUID workspaceId, List<UUID> leadIds) {
        if (leadIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery(READ).execute(Tuple.of(workspaceId, leadIds.toArray(UUID[]::new))).flatMap(rows -> {
            List<UUID> ids = new ArrayList<>();
            List<Integer> scores = new ArrayList<>();
            List<String> reasons = new ArrayList<>();
            rows.forEach(r -> {
                Score s = score(fields(r.getString("fields")), r.getBoolean("duplicate"));
                ids.add(r.getUUID("id"));
                scores.add(s.score());
                reasons.add(write(s.reasons()));
            });
            return conn.preparedQuery(WRITE).execute(Tuple.of(ids.toArray(UUID[]::new), scores.toArray(Integer[]::new),
                    reasons.toArray(String[]::new), workspaceId));
        }).replaceWithVoid();
    }

    /** The score of a lead's mapped fields. */
    public static Score score(Map<String, String> fields, boolean duplicate) {
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
        } else if (validPhone(phone, country)) {
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
        if (duplicate) {
            reasons.add("same e-mail or phone as a lead of another form (+0)");
        } else {
            score += 10;
            reasons.add("no duplicate across forms (+10)");
        }
        return new Score(score, reasons);
    }

    /** Valid as stored (E.164 when the leads room could place it), and for the lead's two-letter country when it gave one. */
    static boolean validPhone(String phone, String country) {
        try {
            PhoneNumber number = PHONES.parse(phone.strip(), "ZZ");
            if (country != null && country.strip().length() == 2) {
                // valid for the region implies valid, without trying every region of the calling code
                return PHONES.isValidNumberForRegion(number, country.strip().toUpperCase(Locale.ROOT));
            }
            return LeadMapper.valid(number, null);
        } catch (NumberParseException e) {
            return false;
        }
    }

    private Map<String, String> fields(String text) {
        try {
            return json.readValue(text, new TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("lead.fields holds invalid JSON", e);
        }
    }

    private String write(List<String> reasons) {
        try {
            return json.writeValueAsString(reasons);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
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
