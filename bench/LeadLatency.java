import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;

/**
 * After a WebhookLoad run: waits until every delivered lead is stored, then prints how long each took from
 * the delivery's arrival ({@code webhook_entry.received_at}) to its lead row ({@code lead.received_at}).
 * Deliveries of the warm-up (the first {@code skip} entries) are left out of the percentiles.
 * args: postgresPort expectedLeads skip
 */
public class LeadLatency {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        long expected = Long.parseLong(args[1]);
        long skip = args.length > 2 ? Long.parseLong(args[2]) : 0;
        Vertx vertx = Vertx.vertx();
        Pool pool = PgBuilder.pool().connectingTo(new PgConnectOptions().setHost("127.0.0.1").setPort(port)
                .setUser("postgres").setPassword("postgres").setDatabase("postgres")).using(vertx).build();
        long stored = 0;
        for (int i = 0; i < 300 && stored < expected; i++) {
            stored = one(pool, "select count(*) from lead where source = 'webhook'").getLong(0);
            if (stored < expected) {
                Thread.sleep(1000);
            }
        }
        System.out.printf("leads stored from webhooks: %d of %d%n", stored, expected);
        Row r = one(pool, "select percentile_cont(0.5) within group (order by d), percentile_cont(0.99) within group (order by d), "
                + "max(d) from (select extract(epoch from l.received_at - en.received_at) * 1000 as d from webhook_entry en "
                + "join lead l on l.meta_lead_id = en.payload->0->>'leadgen_id' where en.kind = 'leadgen' and en.status = 'processed' "
                + "and en.id > " + skip + ") t");
        System.out.printf("lead in DB after arrival ms: p50 %.1f  p99 %.1f  max %.1f%n", r.getDouble(0), r.getDouble(1),
                r.getDouble(2));
        Row s = one(pool, "select string_agg(status || ' ' || n, ', ') from (select status, count(*) n from webhook_entry group by status) t");
        System.out.println("webhook entries by status: " + s.getString(0));
        vertx.close();
    }

    private static Row one(Pool pool, String sql) throws Exception {
        return pool.query(sql).execute().toCompletionStage().toCompletableFuture().get().iterator().next();
    }
}
