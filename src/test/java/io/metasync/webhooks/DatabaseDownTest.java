package io.metasync.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.metasync.common.time.AppClock;
import io.metasync.connect.MetaWorld;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The database goes away for real: the test's embedded PostgreSQL is stopped with {@code pg_ctl} and
 * started again on the same port and data.
 */
@QuarkusTest
class DatabaseDownTest {

    @Inject
    Pool pool;

    @Inject
    AppClock clock;

    @Test
    void whileTheDatabaseIsDownDeliveriesGet503AndNothingIsLostOnceItIsBack() throws Exception {
        MetaWorld.reset("{\"pages\":1,\"formsPerPage\":1,\"leadsPerForm\":2}");
        String bearer = MetaWorld.newWorkspaceToken();
        String workspaceId = Webhooks.workspaceId(bearer);
        MetaWorld.connect(bearer, MetaWorld.userToken(0));
        String pageId = MetaWorld.world().getString("pages[0].id");
        String formId = MetaWorld.world().getString("pages[0].formIds[0]");
        List<String> leads = Webhooks.newLeads(formId, 2);
        byte[] before = Webhooks.leadgen(pageId, formId, List.of(leads.get(0)));
        byte[] during = Webhooks.leadgen(pageId, formId, List.of(leads.get(1)));

        Database db = Database.ofThisTest();
        Webhooks.post(before).then().statusCode(200);
        db.stop();
        try {
            Webhooks.post(during).then().statusCode(503).contentType("application/problem+json");
        } finally {
            db.start();
        }
        // Meta retries what got a 5xx
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> Webhooks.post(during).statusCode() == 200);
        // work claimed while the database went away is taken over once its lease expires
        clock.advance(Duration.ofSeconds(61));
        Webhooks.awaitStored(pool, workspaceId, formId, Set.copyOf(leads));
        assertEquals(Set.copyOf(leads), Webhooks.stored(pool, workspaceId, formId).stream().filter(leads::contains)
                .collect(java.util.stream.Collectors.toSet()));
    }

    /** The embedded server of this test JVM, driven with its own pg_ctl (as the unprivileged user when root). */
    record Database(Path bin, Path data, String options) {

        static Database ofThisTest() throws IOException {
            String port = System.getProperty("metasync.devdb.running-port");
            Path base = Path.of("target/embedded-pg").toAbsolutePath();
            try (Stream<Path> dirs = Files.list(base)) {
                for (Path dir : dirs.filter(d -> d.getFileName().toString().startsWith("test-")).toList()) {
                    Path pid = dir.resolve("data/postmaster.pid");
                    if (Files.exists(pid) && Files.readAllLines(pid).get(3).trim().equals(port)) {
                        return new Database(base.resolve("dist/bin"), dir.resolve("data"), options(dir.resolve("data/postmaster.opts")));
                    }
                }
            }
            throw new IllegalStateException("no embedded PostgreSQL on port " + port);
        }

        /** The server's own options from postmaster.opts, without the binary and data directory. */
        private static String options(Path opts) throws IOException {
            Matcher m = Pattern.compile("\"([^\"]*)\"").matcher(Files.readString(opts));
            List<String> out = new ArrayList<>();
            boolean skip = false;
            while (m.find()) {
                String token = m.group(1);
                if (skip) {
                    skip = false;
                } else if (token.equals("-D")) {
                    skip = true;
                } else {
                    out.add("'" + token + "'");
                }
            }
            return String.join(" ", out);
        }

        void stop() throws Exception {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop"));
        }

        void start() throws Exception {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", data.resolveSibling("postgres.log").toString(),
                    "-o", options, "-w", "start"));
        }

        private static void run(List<String> command) throws Exception {
            List<String> full = new ArrayList<>();
            if ("root".equals(System.getProperty("user.name"))) {
                full.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"));
            }
            full.addAll(command);
            Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(command + " failed: " + out);
            }
        }
    }
}
