package io.metasync.ops;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Runs after the whole test suite: every line the application logged during it (target/test-logs)
 * must be free of access tokens, appsecret proofs, app secrets and bearer tokens.
 */
class NoSecretsInLogsIT {

    /** The sandbox's token shapes, a raw proof or secret parameter, the sandbox app secret, and a JWT. */
    private static final List<Pattern> SECRETS = List.of(
            Pattern.compile("EAAS[UPA][0-9A-Za-z]{20,}"),
            Pattern.compile("(?i)(access_token|appsecret_proof|client_secret|input_token|fb_exchange_token)=(?!\\[REDACTED\\])[^&\\s\"]+"),
            Pattern.compile("sandbox-app-secret-dev-only"),
            Pattern.compile("eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}"));

    @Test
    void noSecretInAnyLogLine() throws IOException {
        Path dir = Path.of("target/test-logs");
        assertTrue(Files.isDirectory(dir), "the test suite wrote its log to " + dir);
        List<String> leaks = new ArrayList<>();
        long lines = 0;
        long graphLines = 0;
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                try (BufferedReader reader = Files.newBufferedReader(file)) {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        lines++;
                        if (line.contains("Graph call")) {
                            graphLines++;
                        }
                        for (Pattern secret : SECRETS) {
                            if (secret.matcher(line).find() && leaks.size() < 20) {
                                leaks.add(file.getFileName() + ": " + line);
                            }
                        }
                    }
                }
            }
        }
        assertTrue(graphLines > 0, "the suite logged Graph traffic to search (" + lines + " lines, " + graphLines + " about Graph calls)");
        assertTrue(leaks.isEmpty(), "secrets in log lines:\n" + String.join("\n", leaks));
    }
}
