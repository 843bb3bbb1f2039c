package io.metasync.sandbox.world;

/**
 * Deterministic pseudo-randomness from a seed and a few coordinates (splitmix64 mixing), so that any
 * object of the world can be computed on demand, the same every time, without storing it.
 */
public final class Rng {

    private Rng() {
    }

    public static long mix(long seed, long... parts) {
        long h = seed ^ 0x9E3779B97F4A7C15L;
        for (long p : parts) {
            h = avalanche(h + p * 0xBF58476D1CE4E5B9L);
        }
        return avalanche(h);
    }

    /** A double in [0, 1). */
    public static double unit(long seed, long... parts) {
        return (mix(seed, parts) >>> 11) * 0x1.0p-53;
    }

    /** An int in [0, bound). */
    public static int below(int bound, long seed, long... parts) {
        return (int) Math.floorMod(mix(seed, parts), (long) bound);
    }

    public static <T> T pick(java.util.List<T> from, long seed, long... parts) {
        return from.get(below(from.size(), seed, parts));
    }

    private static long avalanche(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
