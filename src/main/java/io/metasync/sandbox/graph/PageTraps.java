package io.metasync.sandbox.graph;

import jakarta.enterprise.context.ApplicationScoped;

import io.metasync.sandbox.SandboxSettings;
import io.metasync.sandbox.world.World;
import io.quarkus.arc.profile.IfBuildProfile;

/** The paging traps in force: the world's seed, the current empty and short page rates and the cursor depth limit. */
@ApplicationScoped
@IfBuildProfile(anyOf = { "dev", "test" })
public class PageTraps {

    private final World world;
    private final SandboxSettings settings;

    public PageTraps(World world, SandboxSettings settings) {
        this.world = world;
        this.settings = settings;
    }

    public Paging.Traps now() {
        var s = settings.get();
        return new Paging.Traps(world.catalog().spec().seed(), s.emptyPageRate(), s.shortPageRate(), s.maxCursorDepth());
    }
}
