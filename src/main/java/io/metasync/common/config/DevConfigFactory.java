package io.metasync.common.config;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;

/**
 * Supplies settings that dev mode and tests make up for themselves (an embedded database, generated
 * keys) so that they need nothing but a JDK. Active only in the dev and test profiles; its values rank
 * above application.properties and below environment variables and system properties, so anything
 * configured explicitly wins.
 */
public abstract class DevConfigFactory implements ConfigSourceFactory {

    private static final int ORDINAL = 260;

    @Override
    public final Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        List<String> profiles = context.getProfiles();
        boolean test = profiles.contains("test");
        if (!test && !profiles.contains("dev")) {
            return List.of();
        }
        Map<String, String> values = provide(context, test);
        if (values.isEmpty()) {
            return List.of();
        }
        return List.of(new MapBackedConfigSource(getClass().getSimpleName(), values, ORDINAL) {
        });
    }

    /** The settings to supply (empty for none); {@code test} tells the test profile from dev. */
    protected abstract Map<String, String> provide(ConfigSourceContext context, boolean test);

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    protected static boolean configured(ConfigSourceContext context, String name) {
        return !value(context, name, "").isBlank();
    }

    protected static String value(ConfigSourceContext context, String name, String fallback) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null ? fallback : value.getValue();
    }
}
