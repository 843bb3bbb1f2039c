package io.metasync.graph;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** No token, app secret or proof in any log line (at DEBUG too) or exception message, whatever fails. */
@QuarkusTest
class GraphNoTokenLeakTest extends GraphSandboxTest {

    final List<String> lines = new CopyOnWriteArrayList<>();
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(String.valueOf(record.getMessage()) + " " + String.valueOf(record.getParameters() == null ? ""
                    : List.of(record.getParameters())) + " " + (record.getThrown() == null ? "" : record.getThrown()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    Level previous;

    @Override
    String world() {
        return "{\"leadsPerForm\":60}";
    }

    @BeforeEach
    void capture() {
        previous = Logger.getLogger("io.metasync.graph").getLevel();
        Logger.getLogger("io.metasync.graph").setLevel(Level.FINEST);
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void tearDown() {
        Logger.getLogger("").removeHandler(capture);
        Logger.getLogger("io.metasync.graph").setLevel(previous);
    }

    @Test
    void noSecretInLogsOrExceptions() {
        GraphAuth page = sandbox.page();
        client.paginate(page, sandbox.formId() + "/leads", Map.of("limit", "7")).collect().asList().await().atMost(WAIT);
        Sandbox.fault("{\"kind\":\"server_error\",\"pathContains\":\"/leads\",\"times\":2}");
        client.get(page, sandbox.formId() + "/leads", Map.of()).await().atMost(WAIT);
        Sandbox.fault("{\"kind\":\"token_expired\",\"pathContains\":\"/me\"}");
        GraphException auth = assertThrows(GraphException.class, () -> client.get(sandbox.user(), "me", Map.of())
                .await().atMost(WAIT));
        Sandbox.fault("{\"kind\":\"server_error\",\"pathContains\":\"/leads\"}");
        GraphException paging = assertThrows(GraphException.class, () -> client.paginate(page, sandbox.formId() + "/leads",
                Map.of("limit", "7")).collect().asList().await().atMost(WAIT));

        assertTrue(lines.stream().anyMatch(l -> l.contains("Retrying Graph call")), "retries were logged: " + lines);
        List<String> secrets = List.of(sandbox.pageToken(), sandbox.userToken(), sandbox.appSecret(),
                AppSecretProof.of(sandbox.appSecret(), sandbox.pageToken()));
        for (String secret : secrets) {
            lines.forEach(line -> assertFalse(line.contains(secret), line));
            for (Throwable e : List.of(auth, paging)) {
                for (Throwable c = e; c != null; c = c.getCause()) {
                    assertFalse(String.valueOf(c.getMessage()).contains(secret), c.getMessage());
                }
            }
        }
    }
}
