package io.metasync.sandbox.world;

import java.util.ArrayList;
import java.util.List;

import io.metasync.sandbox.world.Ids.Kind;
import io.metasync.sandbox.world.Model.Checkbox;
import io.metasync.sandbox.world.Model.Option;
import io.metasync.sandbox.world.Model.Question;

/** The questions and consent checkboxes of each lead form: standard questions, custom ones and disclaimers. */
final class FormDesigner {

    private static final List<String> OPTIONAL_STANDARD = List.of("CITY", "ZIP", "COUNTRY", "COMPANY_NAME",
            "JOB_TITLE");
    private static final List<Question> CUSTOM = List.of(
            new Question(null, "budget_range", "What is your budget?", "CUSTOM", List.of(
                    new Option("under_1k", "Under 1,000"), new Option("1k_10k", "1,000 - 10,000"),
                    new Option("over_10k", "Over 10,000"))),
            new Question(null, "what_are_you_looking_for?", "What are you looking for?", "CUSTOM", List.of()),
            new Question(null, "preferred_contact_time", "When should we call you?", "CUSTOM", List.of(
                    new Option("morning", "Morning"), new Option("afternoon", "Afternoon"),
                    new Option("evening", "Evening"))));
    private static final List<Checkbox> CHECKBOXES = List.of(
            new Checkbox("marketing_optin", "I agree to receive marketing e-mails.", false),
            new Checkbox("terms_accepted", "I accept the terms and the privacy policy.", true),
            new Checkbox("sms_optin", "Send me offers by SMS.", false));

    private final long seed;

    FormDesigner(long seed) {
        this.seed = seed;
    }

    List<Question> questions(int form) {
        List<Question> qs = new ArrayList<>();
        add(qs, form, "EMAIL");
        if (Rng.unit(seed, 10, form) < 0.5) {
            add(qs, form, "FULL_NAME");
        } else {
            add(qs, form, "FIRST_NAME");
            add(qs, form, "LAST_NAME");
        }
        add(qs, form, "PHONE");
        for (int i = 0; i < OPTIONAL_STANDARD.size(); i++) {
            if (Rng.unit(seed, 11, form, i) < 0.4) {
                add(qs, form, OPTIONAL_STANDARD.get(i));
            }
        }
        for (int i = 0; i < CUSTOM.size(); i++) {
            if (Rng.unit(seed, 12, form, i) < 0.4) {
                Question c = CUSTOM.get(i);
                qs.add(new Question(questionId(form, qs.size()), c.key(), c.label(), c.type(), c.options()));
            }
        }
        return List.copyOf(qs);
    }

    List<Checkbox> checkboxes(int form) {
        List<Checkbox> out = new ArrayList<>();
        for (int i = 0; i < CHECKBOXES.size(); i++) {
            if (Rng.unit(seed, 13, form, i) < 0.5) {
                out.add(CHECKBOXES.get(i));
            }
        }
        return List.copyOf(out);
    }

    private static void add(List<Question> qs, int form, String type) {
        String key = type.toLowerCase(java.util.Locale.ROOT);
        String label = key.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + key.substring(1).replace('_', ' ');
        qs.add(new Question(questionId(form, qs.size()), key, label, type, List.of()));
    }

    private static String questionId(int form, int position) {
        return Ids.of(Kind.QUESTION, form * 100L + position);
    }
}
