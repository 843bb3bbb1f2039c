package io.metasync.connect.callback;

import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.metasync.common.problem.ProblemException;
import io.metasync.common.time.AppClock;
import io.metasync.connect.app.AppCredentials;
import io.metasync.connect.app.MetaAppService;
import io.metasync.connect.connection.ConnectionService;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Meta's deauthorize and data-deletion callbacks (META-FACTS §6.5, §6.6). The signed_request does not
 * name the app, so it is verified against each app metasync knows until one signature matches.
 */
@ApplicationScoped
public class MetaCallbacks {

    /** A data-deletion request's public status (also rendered by a Qute page, hence the generated value resolver). */
    @io.quarkus.qute.TemplateData
    public record DeletionStatus(String confirmationCode, String status, OffsetDateTime requestedAt,
            OffsetDateTime completedAt, int erasedConnections) {
    }

    private final MetaAppService apps;
    private final ConnectionService connections;
    private final ObjectMapper mapper;
    private final Pool pool;
    private final AppClock clock;
    private final SecureRandom random = new SecureRandom();

    public MetaCallbacks(MetaAppService apps, ConnectionService connections, ObjectMapper mapper, Pool pool, AppClock clock) {
        this.apps = apps;
        this.connections = connections;
        this.mapper = mapper;
        this.pool = pool;
        this.clock = clock;
    }

    record Verified(AppCredentials app, String userId) {
    }

    /** Verifies the signed_request against every known app; 401 problem when none matches. */
    Uni<Verified> verify(String signedRequest) {
        return apps.all().map(known -> {
            ProblemException last = null;
            for (AppCredentials app : known) {
                try {
                    JsonNode payload = SignedRequest.verify(signedRequest, app.appSecret(), mapper);
                    String user = payload.hasNonNull("user_id") ? payload.path("user_id").asText()
                            : payload.path("profile_id").asText(null);
                    if (user == null) {
                        throw ProblemException.invalid("signed_request", "names no user_id");
                    }
                    return new Verified(app, user);
                } catch (ProblemException e) {
                    if (e.status() != 401) {
                        throw e;
                    }
                    last = e;
                }
            }
            throw last != null ? last : new ProblemException(401, "bad-signature", "Unauthorized", "No Meta app is configured");
        });
    }

    /** The person removed the app: their connections are revoked and their tokens dropped. */
    public Uni<Integer> deauthorize(String signedRequest) {
        return verify(signedRequest).flatMap(v -> connections.revokeMetaUser(v.app().appId(), v.userId(),
                "The person removed the app on Facebook; reconnect to restore access", OffsetDateTime.now(clock)));
    }

    /** The person asked Meta to delete their data: erase it now and answer where to see the status. */
    public Uni<DeletionStatus> requestDeletion(String signedRequest) {
        return verify(signedRequest).flatMap(v -> {
            byte[] raw = new byte[10];
            random.nextBytes(raw);
            String code = HexFormat.of().formatHex(raw);
            OffsetDateTime now = OffsetDateTime.now(clock);
            return pool.preparedQuery("INSERT INTO data_deletion_request (confirmation_code, app_id, meta_user_id, status, requested_at)"
                    + " VALUES ($1, $2, $3, 'received', $4)")
                    .execute(Tuple.of(code, v.app().appId(), v.userId(), now))
                    .flatMap(x -> connections.eraseMetaUser(v.app().appId(), v.userId()))
                    .flatMap(erased -> pool.preparedQuery("UPDATE data_deletion_request SET status = 'completed', completed_at = $2,"
                            + " erased_connections = $3 WHERE confirmation_code = $1")
                            .execute(Tuple.of(code, OffsetDateTime.now(clock), erased)))
                    .flatMap(x -> status(code));
        });
    }

    public Uni<DeletionStatus> status(String code) {
        return pool.preparedQuery("SELECT confirmation_code, status, requested_at, completed_at, erased_connections"
                + " FROM data_deletion_request WHERE confirmation_code = $1")
                .execute(Tuple.of(code == null ? "" : code))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("Deletion request");
                    }
                    Row r = rows.iterator().next();
                    return new DeletionStatus(r.getString(0), r.getString(1), r.getOffsetDateTime(2), r.getOffsetDateTime(3),
                            r.getInteger(4));
                });
    }

}
