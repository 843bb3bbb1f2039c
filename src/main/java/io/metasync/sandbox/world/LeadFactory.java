package io.metasync.sandbox.world;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.metasync.sandbox.world.Ids.Kind;
import io.metasync.sandbox.world.Model.Ad;
import io.metasync.sandbox.world.Model.Consent;
import io.metasync.sandbox.world.Model.Field;
import io.metasync.sandbox.world.Model.Form;
import io.metasync.sandbox.world.Model.Lead;
import io.metasync.sandbox.world.Model.Question;

/** The content of a lead: a pure function of the seed, its form and its ordinal. */
final class LeadFactory {

    private static final List<String> LAST = List.of("Silva", "Müller", "Smith", "Tanaka", "Nowak", "Fifita",
            "O'Brien", "Ngata", "Dubois", "García");
    private static final List<String> COUNTRIES = List.of("US", "NZ", "TO", "PT", "BR", "JP", "PL", "FR");
    private static final List<String> COMPANIES = List.of("Acme Ltd", "Kiwi Builders", "Tonga Traders", "Café Lumière");
    private static final List<String> TITLES = List.of("Owner", "Manager", "Engineer", "Director");

    private final long seed;
    private final AdCatalog ads;
    private final WorldSpec spec;

    LeadFactory(WorldSpec spec, AdCatalog ads) {
        this.seed = spec.seed();
        this.spec = spec;
        this.ads = ads;
    }

    static String id(Form form, long ordinal) {
        return Ids.of(Kind.LEAD, form.index() * Ids.LEADS + ordinal);
    }

    Lead lead(Form form, long ordinal, long createdMs) {
        long f = form.index();
        String platform = form.page().instagramAccountId() != null && Rng.unit(seed, 30, f, ordinal) < 0.35 ? "ig"
                : "fb";
        Ad ad = Rng.unit(seed, 31, f, ordinal) < 0.1 || spec.adAccounts() == 0 ? null
                : ads.ad(ads.account(Rng.below(spec.adAccounts(), seed, 32, f, ordinal)),
                        Rng.below(spec.adsPerAccount(), seed, 33, f, ordinal));
        String first = Rng.pick(Catalog.firstNames(), seed, 34, f, ordinal);
        String last = Rng.pick(LAST, seed, 35, f, ordinal);
        List<Field> fields = new ArrayList<>();
        for (Question q : form.questions()) {
            fields.add(new Field(q.key(), List.of(answer(q, first, last, f, ordinal))));
        }
        List<Consent> consents = new ArrayList<>();
        for (int i = 0; i < form.checkboxes().size(); i++) {
            var box = form.checkboxes().get(i);
            consents.add(new Consent(box.key(), box.required() || Rng.unit(seed, 36, f, ordinal, i) < 0.6));
        }
        return new Lead(id(form, ordinal), form, Instant.ofEpochMilli(createdMs), platform, ad, List.copyOf(fields),
                List.copyOf(consents));
    }

    private String answer(Question q, String first, String last, long f, long ordinal) {
        return switch (q.type()) {
            case "EMAIL" -> ascii(first) + "." + ascii(last) + "." + f + "." + ordinal + "@example.com";
            case "FULL_NAME" -> first + " " + last;
            case "FIRST_NAME" -> first;
            case "LAST_NAME" -> last;
            case "PHONE" -> "+1555" + String.format(Locale.ROOT, "%07d", Math.floorMod(Rng.mix(seed, 37, f, ordinal),
                    10_000_000L));
            case "CITY" -> Rng.pick(Catalog.cities(), seed, 38, f, ordinal);
            case "ZIP" -> String.format(Locale.ROOT, "%05d", Rng.below(100_000, seed, 39, f, ordinal));
            case "COUNTRY" -> Rng.pick(COUNTRIES, seed, 40, f, ordinal);
            case "COMPANY_NAME" -> Rng.pick(COMPANIES, seed, 41, f, ordinal);
            case "JOB_TITLE" -> Rng.pick(TITLES, seed, 42, f, ordinal);
            default -> q.options().isEmpty() ? "Looking for a quote, lead " + ordinal
                    : Rng.pick(q.options(), seed, 43, f, ordinal).key();
        };
    }

    private static String ascii(String s) {
        return java.text.Normalizer.normalize(s.toLowerCase(Locale.ROOT), java.text.Normalizer.Form.NFD)
                .replaceAll("[^a-z]", "");
    }
}
