package io.metasync.connect.vault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.metasync.jobs.lease.LeaseService;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The re-encrypt job: moves every sealed value that is not under the active key onto it, in batches,
 * so an old key can be removed from {@code metasync.vault.keys} once the job has run. The contexts
 * computed here are the same as the entities' {@code vaultContext} methods.
 */
@ApplicationScoped
public class VaultRotation {

    private static final Logger LOG = Logger.getLogger(VaultRotation.class);
    private static final int BATCH = 500;

    /** A sealed column: its table, the SQL expression of each row's vault context, and the row key. */
    record SealedColumn(String table, String column, String contextSql, String keySql) {
    }

    static final List<SealedColumn> COLUMNS = List.of(
            new SealedColumn("meta_app", "app_secret_sealed", "'meta_app:' || workspace_id", "workspace_id::text"),
            new SealedColumn("meta_connection", "access_token_sealed", "'meta_connection:' || id", "id::text"),
            new SealedColumn("meta_page", "access_token_sealed", "'meta_page:' || workspace_id || ':' || page_id",
                    "workspace_id::text || ':' || page_id"),
            new SealedColumn("outbound_destination", "secret_sealed", "'outbound_destination:' || id || ':secret'", "id::text"),
            new SealedColumn("outbound_destination", "client_secret_sealed", "'outbound_destination:' || id || ':clientSecret'",
                    "id::text"),
            // the inbox room's WhatsApp number tokens (WhatsAppNumbers.vaultContext)
            new SealedColumn("inbox_whatsapp_number", "access_token_sealed",
                    "'inbox_whatsapp_number:' || workspace_id || ':' || phone_number_id",
                    "workspace_id::text || ':' || phone_number_id"));

    private final Pool pool;
    private final TokenVault vault;
    private final LeaseService leases;

    public VaultRotation(Pool pool, TokenVault vault, LeaseService leases) {
        this.pool = pool;
        this.vault = vault;
        this.leases = leases;
    }

    @Scheduled(identity = "vault-rotation", every = "${metasync.vault.reencrypt-every}", delayed = "${metasync.vault.reencrypt-delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return leases.runExclusively("vault-rotation", Duration.ofMinutes(30),
                () -> reencrypt(vault).invoke(n -> {
                    if (n > 0) {
                        LOG.infof("Re-encrypted %d secrets under the active vault key", n);
                    }
                }).replaceWithVoid()).replaceWithVoid();
    }

    /** Re-seals every value not under {@code target}'s active key; answers how many moved. */
    public Uni<Integer> reencrypt(TokenVault target) {
        Uni<Integer> total = Uni.createFrom().item(0);
        for (SealedColumn column : COLUMNS) {
            total = total.flatMap(sum -> column(target, column).map(n -> sum + n));
        }
        return total;
    }

    private Uni<Integer> column(TokenVault target, SealedColumn c) {
        String select = "SELECT " + c.keySql() + " AS k, " + c.contextSql() + " AS ctx, " + c.column() + " AS v FROM " + c.table()
                + " WHERE " + c.column() + " IS NOT NULL AND " + c.column() + " NOT LIKE $1 LIMIT " + BATCH;
        String update = "UPDATE " + c.table() + " SET " + c.column() + " = $2 WHERE " + c.keySql() + " = $1 AND " + c.column() + " = $3";
        return pool.preparedQuery(select).execute(Tuple.of(target.activePrefix() + "%")).flatMap(rows -> {
            if (rows.size() == 0) {
                return Uni.createFrom().item(0);
            }
            List<Tuple> changes = new ArrayList<>();
            for (Row row : rows) {
                String sealed = row.getString("v");
                changes.add(Tuple.of(row.getString("k"), target.reseal(sealed, row.getString("ctx")), sealed));
            }
            int moved = changes.size();
            return pool.preparedQuery(update).executeBatch(changes)
                    .flatMap(done -> moved < BATCH ? Uni.createFrom().item(moved)
                            : column(target, c).map(more -> moved + more));
        });
    }
}
