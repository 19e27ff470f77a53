package org.openwrt.asu.application;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.openwrt.asu.domain.Branch;

/**
 * The configured release branches, in configuration order ({@code asu.branches}). Each field of
 * a branch can be set with {@code asu.branch.<name>.<field>}: {@code path}, {@code enabled},
 * {@code snapshot}, {@code branch-off-rev}, {@code usign-keys}; keys default to
 * {@code asu.upstream.usign-keys}.
 */
@ApplicationScoped
public class Branches {

    private Config config;
    private Map<String, Branch> branches;

    protected Branches() {
    }

    @Inject
    public Branches(Config config) {
        this.config = config;
    }

    @PostConstruct
    void read() {
        List<String> fallbackKeys = config.getOptionalValues("asu.upstream.usign-keys", String.class).orElse(List.of());
        Map<String, Branch> read = new LinkedHashMap<>();
        for (String name : config.getValues("asu.branches", String.class)) {
            String prefix = "asu.branch." + name + ".";
            boolean isSnapshot = "SNAPSHOT".equals(name);
            read.put(name, new Branch(name,
                    config.getOptionalValue(prefix + "path", String.class).orElse(isSnapshot ? "snapshots" : "releases/{version}"),
                    config.getOptionalValue(prefix + "enabled", Boolean.class).orElse(true),
                    config.getOptionalValue(prefix + "snapshot", Boolean.class).orElse(isSnapshot),
                    config.getOptionalValue(prefix + "branch-off-rev", Integer.class).orElse(null),
                    config.getOptionalValues(prefix + "usign-keys", String.class).orElse(fallbackKeys)));
        }
        branches = read;
    }

    /** These branches, in this order, instead of the configured ones (tests and tools outside a container). */
    public static Branches of(List<Branch> branches) {
        Branches of = new Branches();
        of.branches = new LinkedHashMap<>();
        branches.forEach(branch -> of.branches.put(branch.name(), branch));
        return of;
    }

    /** All configured branches, enabled or not, in configuration order. */
    public List<Branch> all() {
        return new ArrayList<>(branches.values());
    }

    public Optional<Branch> named(String name) {
        return Optional.ofNullable(branches.get(name));
    }

    /** The configured branch a version belongs to (the {@code enabled} flag is not consulted). */
    public Optional<Branch> ofVersion(String version) {
        return named(Branch.nameOf(version, branches.keySet()));
    }
}
