package io.metasync.sandbox.world;

import java.time.Instant;
import java.util.List;

/** The generated world's objects, computed on demand by {@link Catalog}, {@link AdCatalog} and {@link LeadFactory}. */
public final class Model {

    private Model() {
    }

    public record User(int index, String id, String name) {
    }

    public record Page(int index, String id, String name, String category, String instagramAccountId) {
    }

    public record Option(String key, String value) {
    }

    public record Question(String id, String key, String label, String type, List<Option> options) {
    }

    public record Checkbox(String key, String text, boolean required) {
    }

    public record Form(int index, Page page, String id, String name, String status, String locale,
            Instant createdTime, List<Question> questions, List<Checkbox> checkboxes) {
    }

    public record Field(String name, List<String> values) {
    }

    public record Consent(String checkboxKey, boolean checked) {
    }

    /** A lead; {@code ad} is null for organic leads. */
    public record Lead(String id, Form form, Instant createdTime, String platform, Ad ad, List<Field> fieldData,
            List<Consent> consents) {
    }

    public record AdAccount(int index, String id, String accountId, String name, String currency, String timezoneName,
            int accountStatus, String businessId) {
    }

    public record Campaign(AdAccount account, int index, String id, String name, String objective, String status,
            long dailyBudgetMinor) {
    }

    public record AdSet(Campaign campaign, int index, String id, String name, String status, long dailyBudgetMinor) {
    }

    public record Ad(AdSet adset, int index, String id, String name, String status) {
    }
}
