package io.metasync.insights;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.metasync.common.problem.ProblemException;
import io.metasync.common.time.AppClock;
import io.metasync.connect.connection.ConnectionService;
import io.metasync.graph.GraphAuth;
import io.metasync.graph.GraphClient;
import io.metasync.insights.InsightViews.AdAccountView;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The workspace's ad accounts (those its connections can read) as Meta describes them now, kept in
 * {@code insight_ad_account} so that syncs, queries and imports know each account's time zone and
 * currency. {@code amount_spent} and {@code balance} come in minor units and are shown in major units.
 */
@ApplicationScoped
public class AdAccounts {

    /** What the room needs to know of an account: its day ("today" in its time zone) and its money. */
    public record Account(String id, String name, String currency, ZoneId zone) {

        public LocalDate today(java.time.Clock clock) {
            return LocalDate.now(clock.withZone(zone));
        }
    }

    static final String FIELDS = "id,account_id,name,account_status,currency,timezone_name,amount_spent,balance";
    private static final String UPSERT = "INSERT INTO insight_ad_account (workspace_id, account_id, name, account_status, "
            + "currency, timezone_name, amount_spent, balance, read_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
            + "ON CONFLICT (workspace_id, account_id) DO UPDATE SET name = EXCLUDED.name, account_status = EXCLUDED.account_status, "
            + "currency = EXCLUDED.currency, timezone_name = EXCLUDED.timezone_name, amount_spent = EXCLUDED.amount_spent, "
            + "balance = EXCLUDED.balance, read_at = EXCLUDED.read_at";

    private final ConnectionService connections;
    private final GraphClient graph;
    private final Pool pool;
    private final AppClock clock;

    public AdAccounts(ConnectionService connections, GraphClient graph, Pool pool, AppClock clock) {
        this.connections = connections;
        this.graph = graph;
        this.pool = pool;
        this.clock = clock;
    }

    /** Every ad account of the workspace, read from Meta now (and remembered). */
    public Uni<List<AdAccountView>> list(UUID workspaceId) {
        return connections.adAccounts(workspaceId)
                .flatMap(accounts -> Multi.createFrom().iterable(accounts)
                        .onItem().transformToUniAndConcatenate(a -> refresh(workspaceId, a.accountId()))
                        .collect().asList());
    }

    /** One of the workspace's ad accounts as last read (read from Meta if never); 404 for any other. */
    public Uni<Account> get(UUID workspaceId, String accountId) {
        return pool.preparedQuery("SELECT account_id, name, currency, timezone_name FROM insight_ad_account"
                + " WHERE workspace_id = $1 AND account_id = $2").execute(Tuple.of(workspaceId, accountId))
                .flatMap(rows -> rows.size() == 0
                        ? refresh(workspaceId, accountId).map(v -> new Account(v.id(), v.name(), v.currency(), ZoneId.of(v.timezoneName())))
                        : Uni.createFrom().item(account(rows.iterator().next())));
    }

    /** Graph credentials for one of the workspace's ad accounts (404 for any other). */
    public Uni<GraphAuth> auth(UUID workspaceId, String accountId) {
        return connections.adAccountAuth(workspaceId, accountId);
    }

    private Uni<AdAccountView> refresh(UUID workspaceId, String accountId) {
        return connections.adAccountAuth(workspaceId, accountId)
                .flatMap(auth -> graph.get(auth, accountId, Map.of("fields", FIELDS)))
                .map(AdAccounts::view)
                .call(v -> pool.preparedQuery(UPSERT).execute(Tuple.tuple().addUUID(workspaceId).addString(v.id())
                        .addString(v.name()).addInteger(v.accountStatus()).addString(v.currency()).addString(v.timezoneName())
                        .addString(v.amountSpent()).addString(v.balance())
                        .addOffsetDateTime(OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))));
    }

    static AdAccountView view(JsonNode a) {
        String currency = a.path("currency").asText();
        if (currency.isEmpty() || a.path("timezone_name").asText().isEmpty()) {
            throw new ProblemException(502, "meta-bad-answer", "Unexpected answer from Meta",
                    "Meta did not give the ad account's currency and time zone");
        }
        return new AdAccountView(a.path("id").asText(), a.path("account_id").asText(null), a.path("name").asText(null),
                a.hasNonNull("account_status") ? a.path("account_status").asInt() : null, currency,
                a.path("timezone_name").asText(), major(a.path("amount_spent"), currency), major(a.path("balance"), currency));
    }

    /** An amount Meta gives in the currency's minor units (META-FACTS §2.6), in major units. */
    static String major(JsonNode minor, String currency) {
        if (minor.isMissingNode() || minor.isNull() || minor.asText().isBlank()) {
            return null;
        }
        return Ratios.money(new BigDecimal(minor.asText().trim()).movePointLeft(offsetDigits(currency)));
    }

    /** Decimal digits of a currency's minor unit: 0 for the zero-decimal currencies Meta lists, else 2. */
    static int offsetDigits(String currency) {
        return switch (currency) {
            case "JPY", "KRW", "CLP", "COP", "CRC", "HUF", "ISK", "IDR", "PYG", "TWD", "VND" -> 0;
            default -> 2;
        };
    }

    private static Account account(Row r) {
        return new Account(r.getString("account_id"), r.getString("name"), r.getString("currency"),
                ZoneId.of(r.getString("timezone_name")));
    }
}
