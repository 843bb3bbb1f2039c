package io.metasync.insights;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.metasync.common.page.Cursor;
import io.metasync.common.page.Page;
import io.metasync.common.page.PageRequest;
import io.metasync.common.problem.ProblemException;
import io.metasync.common.time.AppClock;
import io.metasync.connect.connection.ConnectionService;
import io.metasync.insights.InsightViews.DayTotals;
import io.metasync.insights.InsightViews.InsightRowView;
import io.metasync.insights.InsightViews.Summary;
import io.metasync.insights.InsightViews.Totals;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads stored insights: keyset pages of daily rows, the dashboard summary, and every row for the export. */
@ApplicationScoped
public class InsightQueries {

    private static final String COLUMNS = "account_id, day, level, entity_id, breakdown_key, breakdown, entity_name, campaign_id, "
            + "adset_id, impressions, reach, clicks, link_clicks, spend, conversions, revenue, source";
    private static final String WHERE = "workspace_id = $1 AND ($2::text IS NULL OR account_id = $2) AND ($3::text IS NULL OR level = $3)"
            + " AND ($4::text IS NULL OR entity_id = $4) AND ($5::date IS NULL OR day >= $5) AND ($6::date IS NULL OR day <= $6)"
            + " AND breakdown_key ~ $7";
    private static final String AFTER = " AND ($8::date IS NULL OR (day, account_id, level, entity_id, breakdown_key) > ($8, $9, $10, $11, $12))";
    private static final int EXPORT_BATCH = 500;

    private final Pool pool;
    private final ConnectionService connections;
    private final AdAccounts accounts;
    private final AppClock clock;

    public InsightQueries(Pool pool, ConnectionService connections, AdAccounts accounts, AppClock clock) {
        this.pool = pool;
        this.connections = connections;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** Daily rows, oldest first, keyset-paged on (date, account, level, entity, breakdown). */
    public Uni<Page<InsightRowView>> rows(UUID workspaceId, InsightFilter filter, PageRequest page) {
        return checkAccount(workspaceId, filter.adAccountId())
                .chain(() -> fetch(workspaceId, filter, page.cursor(), page.fetchSize()))
                .map(list -> Cursor.page(list, page, InsightQueries::cursorOf));
    }

    /** Every matching row, read in keyset batches (bounded memory); {@link #checkAccount} first. */
    public Multi<InsightRowView> all(UUID workspaceId, InsightFilter filter) {
        return Multi.createBy().repeating()
                .uni(() -> new java.util.concurrent.atomic.AtomicReference<Cursor>(),
                        last -> fetch(workspaceId, filter, last.get(), EXPORT_BATCH).invoke(list -> {
                            if (!list.isEmpty()) {
                                last.set(cursorOf(list.get(list.size() - 1)));
                            }
                        }))
                .until(List::isEmpty)
                .onItem().<InsightRowView>disjoint();
    }

    /** Totals and a daily series of one account at one level (default: the coarsest level it has rows at), no breakdowns. */
    public Uni<Summary> summary(UUID workspaceId, String accountId, String level, LocalDate since, LocalDate until) {
        return accounts.get(workspaceId, accountId).flatMap(account -> {
            LocalDate to = until != null ? until : account.today(clock);
            LocalDate from = since != null ? since : to.minusDays(29);
            if (from.isAfter(to)) {
                throw ProblemException.invalid("since", "must not be after until");
            }
            Uni<String> chosen = level != null ? Uni.createFrom().item(level) : coarsestLevel(workspaceId, accountId, from, to);
            return chosen.flatMap(lvl -> pool.preparedQuery("SELECT day, sum(impressions) AS impressions, sum(clicks) AS clicks,"
                    + " sum(spend) AS spend, sum(revenue) AS revenue, sum(conversions) AS conversions FROM insight_row"
                    + " WHERE workspace_id = $1 AND account_id = $2 AND level = $3 AND day BETWEEN $4 AND $5 AND breakdown_key = ''"
                    + " GROUP BY day ORDER BY day")
                    .execute(Tuple.of(workspaceId, accountId, lvl, from, to))
                    .map(rows -> summary(accountId, account.currency(), lvl, from, to, rows)));
        });
    }

    private Uni<String> coarsestLevel(UUID workspaceId, String accountId, LocalDate from, LocalDate to) {
        return pool.preparedQuery("SELECT level FROM insight_row WHERE workspace_id = $1 AND account_id = $2 AND day BETWEEN $3 AND $4"
                + " AND breakdown_key = '' GROUP BY level ORDER BY array_position(ARRAY['account','campaign','adset','ad'], level::text)"
                + " LIMIT 1").execute(Tuple.of(workspaceId, accountId, from, to))
                .map(rows -> rows.size() == 0 ? "account" : rows.iterator().next().getString("level"));
    }

    private static Summary summary(String accountId, String currency, String level, LocalDate from, LocalDate to,
            io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        long impressions = 0;
        long clicks = 0;
        BigDecimal spend = BigDecimal.ZERO;
        BigDecimal revenue = BigDecimal.ZERO;
        BigDecimal conversions = BigDecimal.ZERO;
        List<DayTotals> daily = new ArrayList<>();
        for (Row r : rows) {
            long i = r.getLong("impressions");
            long c = r.getLong("clicks");
            BigDecimal s = r.getBigDecimal("spend");
            BigDecimal v = r.getBigDecimal("revenue");
            BigDecimal k = r.getBigDecimal("conversions");
            daily.add(new DayTotals(r.getLocalDate("day").toString(), i, c, Ratios.money(s), Ratios.money(v), Ratios.plain(k),
                    Ratios.ctr(c, i), Ratios.roas(v, s)));
            impressions += i;
            clicks += c;
            spend = spend.add(s);
            revenue = revenue.add(v);
            conversions = conversions.add(k);
        }
        Totals totals = new Totals(impressions, clicks, Ratios.money(spend), Ratios.money(revenue), Ratios.plain(conversions),
                Ratios.cpc(spend, clicks), Ratios.cpm(spend, impressions), Ratios.ctr(clicks, impressions), Ratios.roas(revenue, spend));
        return new Summary(accountId, currency, level, from.toString(), to.toString(), totals, daily);
    }

    /** Another workspace's ad account answers 404, not an empty list. */
    public Uni<Void> checkAccount(UUID workspaceId, String accountId) {
        if (accountId == null) {
            return Uni.createFrom().voidItem();
        }
        return connections.adAccounts(workspaceId).invoke(list -> {
            if (list.stream().noneMatch(a -> a.accountId().equals(accountId))) {
                throw ProblemException.notFound("Ad account " + accountId);
            }
        }).replaceWithVoid();
    }

    private Uni<List<InsightRowView>> fetch(UUID workspaceId, InsightFilter f, Cursor after, int limit) {
        Tuple t = Tuple.from(java.util.Arrays.asList(workspaceId, f.adAccountId(), f.level(), f.entityId(), f.since(), f.until(),
                f.breakdownPattern(), after == null ? null : cursorDay(after), key(after, 1), key(after, 2), key(after, 3),
                key(after, 4), limit));
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM insight_row WHERE " + WHERE + AFTER
                + " ORDER BY day, account_id, level, entity_id, breakdown_key LIMIT $13").execute(t)
                .map(rows -> {
                    List<InsightRowView> out = new ArrayList<>();
                    rows.forEach(r -> out.add(view(r)));
                    return out;
                });
    }

    private static InsightRowView view(Row r) {
        long impressions = r.getLong("impressions");
        long clicks = r.getLong("clicks");
        BigDecimal spend = r.getBigDecimal("spend");
        BigDecimal revenue = r.getBigDecimal("revenue");
        Map<String, String> breakdown = new LinkedHashMap<>();
        Object raw = r.getValue("breakdown");
        JsonObject json = raw instanceof JsonObject j ? j : new JsonObject(String.valueOf(raw));
        json.forEach(e -> breakdown.put(e.getKey(), String.valueOf(e.getValue())));
        return new InsightRowView(r.getString("account_id"), r.getLocalDate("day").toString(), r.getString("level"),
                r.getString("entity_id"), r.getString("entity_name"), r.getString("campaign_id"), r.getString("adset_id"),
                breakdown, impressions, r.getLong("reach"), clicks, r.getLong("link_clicks"), Ratios.money(spend),
                Ratios.money(revenue), Ratios.cpc(spend, clicks), Ratios.cpm(spend, impressions),
                Ratios.plain(r.getBigDecimal("conversions")), Ratios.ctr(clicks, impressions), Ratios.roas(revenue, spend),
                r.getString("source"));
    }

    private static Cursor cursorOf(InsightRowView v) {
        return Cursor.of(v.date(), v.adAccountId(), v.level(), v.entityId(), InsightRecord.keyOf(v.breakdown()));
    }

    private static LocalDate cursorDay(Cursor c) {
        try {
            return LocalDate.parse(c.key(0));
        } catch (RuntimeException e) {
            throw ProblemException.invalid("cursor", "is not a cursor this API issued");
        }
    }

    private static String key(Cursor c, int i) {
        if (c == null) {
            return null;
        }
        if (c.keys().size() != 5) {
            throw ProblemException.invalid("cursor", "is not a cursor this API issued");
        }
        return c.key(i);
    }
}
