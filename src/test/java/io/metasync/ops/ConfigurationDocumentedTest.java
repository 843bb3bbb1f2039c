package io.metasync.ops;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every metasync setting the service reads is in the README's configuration table: those read with
 * {@code @ConfigProperty}, those set in application.properties, and every row of the rooms' docs.
 */
class ConfigurationDocumentedTest {

    /** {@code @ConfigProperty(name = "metasync...")}; {@code @ConfigMapping} groups are listed in their docs and checked there. */
    private static final Pattern IN_CODE = Pattern.compile("name = \"(metasync\\.[a-z0-9.-]+)\"");
    private static final Pattern IN_DOC_ROWS = Pattern.compile("(?m)^\\| `(metasync\\.[a-z0-9.-]+)`");
    private static final Pattern IN_PROPERTIES = Pattern.compile("(?m)^(?:%[a-z,]+\\.)?(metasync\\.[a-z0-9.-]+)=");

    @Test
    void everySettingIsInTheReadme() throws IOException {
        Set<String> settings = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                collect(IN_CODE, Files.readString(file), settings);
            }
        }
        collect(IN_PROPERTIES, Files.readString(Path.of("src/main/resources/application.properties")), settings);
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            for (Path doc : docs.filter(f -> f.toString().endsWith(".md")).toList()) {
                collect(IN_DOC_ROWS, Files.readString(doc), settings);
            }
        }
        settings.removeIf(s -> s.endsWith(".") || s.equals("metasync.devdb.running-port"));
        String readme = Files.readString(Path.of("README.md"));
        Set<String> missing = new TreeSet<>();
        for (String setting : settings) {
            if (!readme.contains("`" + setting + "`") && !readme.contains("(`" + setting + "`)")) {
                missing.add(setting);
            }
        }
        assertTrue(settings.size() > 5, "found the settings: " + settings);
        assertTrue(missing.isEmpty(), "settings missing from the README's configuration table: " + missing);
    }

    private static void collect(Pattern pattern, String text, Set<String> into) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            into.add(m.group(1));
        }
    }
}
