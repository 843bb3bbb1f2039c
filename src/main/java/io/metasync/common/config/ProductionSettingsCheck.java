package io.metasync.common.config;

import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Collectors;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;

/**
 * Refuses to start production (any profile but dev and test) when a required setting is missing, with
 * one message that names every missing setting and its environment variable, before any extension
 * tries to use it. Runs while the runtime configuration is built; contributes no configuration.
 * Skipped while the application is being built (the Quarkus build also reads configuration).
 */
public class ProductionSettingsCheck implements ConfigSourceFactory {

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        List<String> profiles = context.getProfiles();
        if (profiles.contains("dev") || profiles.contains("test") || isBuildTime()) {
            return List.of();
        }
        List<RequiredSettings.Requirement> missing = RequiredSettings.PRODUCTION.stream()
                .filter(r -> r.properties().stream().allMatch(p -> blank(context.getValue(p))))
                .toList();
        if (!missing.isEmpty()) {
            throw new ConfigurationException("metasync cannot start: missing required settings: "
                    + missing.stream().map(r -> r.envVar() + " (" + r.properties().get(0) + ": " + r.description() + ")")
                            .collect(Collectors.joining(", "))
                    + ". Set them as environment variables or in config/application.properties.");
        }
        return List.of();
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(Integer.MIN_VALUE);
    }

    private static boolean blank(ConfigValue value) {
        return value == null || value.getValue() == null || value.getValue().isBlank();
    }

    /** The Quarkus build (augmentation) has its deployment classes on the class path; a built app does not. */
    private static boolean isBuildTime() {
        try {
            Class.forName("io.quarkus.deployment.QuarkusAugmentor", false, ProductionSettingsCheck.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
