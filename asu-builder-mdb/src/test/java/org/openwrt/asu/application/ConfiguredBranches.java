package org.openwrt.asu.application;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.Converter;

/** {@link Branches} read from a few settings, as the server reads them from MicroProfile Config. */
public final class ConfiguredBranches {

    private ConfiguredBranches() {
    }

    public static Branches of(Map<String, String> settings) {
        Branches branches = new Branches();
        branches.config = new SettingsConfig(settings);
        branches.read();
        return branches;
    }

    /** Just enough of Config for Branches: strings, booleans, integers and comma lists. */
    private record SettingsConfig(Map<String, String> settings) implements Config {

        @Override
        public <T> T getValue(String name, Class<T> type) {
            return getOptionalValue(name, type).orElseThrow(() -> new NoSuchElementException(name));
        }

        @Override
        public <T> Optional<T> getOptionalValue(String name, Class<T> type) {
            return Optional.ofNullable(settings.get(name)).map(value -> type.cast(convert(value, type)));
        }

        @Override
        public <T> List<T> getValues(String name, Class<T> type) {
            return getOptionalValues(name, type).orElseThrow(() -> new NoSuchElementException(name));
        }

        @Override
        public <T> Optional<List<T>> getOptionalValues(String name, Class<T> type) {
            return Optional.ofNullable(settings.get(name)).map(value -> Arrays.stream(value.split(","))
                    .map(String::strip).map(item -> type.cast(convert(item, type))).toList());
        }

        private static Object convert(String value, Class<?> type) {
            if (type == Integer.class) {
                return Integer.valueOf(value);
            }
            if (type == Boolean.class) {
                return Boolean.valueOf(value);
            }
            return value;
        }

        @Override
        public ConfigValue getConfigValue(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Iterable<String> getPropertyNames() {
            return settings.keySet();
        }

        @Override
        public Iterable<ConfigSource> getConfigSources() {
            return List.of();
        }

        @Override
        public <T> Optional<Converter<T>> getConverter(Class<T> type) {
            return Optional.empty();
        }

        @Override
        public <T> T unwrap(Class<T> type) {
            throw new UnsupportedOperationException();
        }
    }
}
