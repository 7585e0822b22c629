package org.peft4j.embedded;

/**
 * SplitMix64 with its own derivations of doubles, bounded integers and Gaussians, so that every
 * draw is specified here and identical on every JVM (the JDK's generators leave some derivations
 * to the implementation).
 */
final class Rng {

    private long state;

    /**
     * A generator for a seed.
     *
     * @param seed any value
     */
    Rng(long seed) {
        this.state = seed;
    }

    /**
     * A generator for a tuple of keys (task seed, split, image index, stream), mixed so that
     * neighbouring tuples give unrelated streams.
     *
     * @param keys the tuple
     * @return the generator
     */
    static Rng of(long... keys) {
        long h = 0x6A09E667F3BCC909L;
        for (long k : keys) {
            h = mix(h ^ mix(k + 0x9E3779B97F4A7C15L));
        }
        return new Rng(h);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** @return the next 64 random bits */
    long nextLong() {
        state += 0x9E3779B97F4A7C15L;
        return mix(state);
    }

    /** @return a double uniform in [0, 1) */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /**
     * @param low inclusive lower bound
     * @param high exclusive upper bound
     * @return a double uniform in [low, high)
     */
    double uniform(double low, double high) {
        return low + (high - low) * nextDouble();
    }

    /**
     * @param bound exclusive upper bound, positive
     * @return an int uniform in [0, bound)
     */
    int nextInt(int bound) {
        return (int) ((nextLong() >>> 33) * bound >>> 31);
    }

    /**
     * @param low inclusive lower bound
     * @param high inclusive upper bound
     * @return an int uniform in [low, high]
     */
    int between(int low, int high) {
        return low + nextInt(high - low + 1);
    }

    /** @return true with probability 1/2 */
    boolean coin() {
        return nextLong() < 0;
    }

    /** @return a standard normal draw (Box–Muller with StrictMath) */
    double gaussian() {
        double u = 1 - nextDouble();
        double v = nextDouble();
        return StrictMath.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(2 * StrictMath.PI * v);
    }
}
