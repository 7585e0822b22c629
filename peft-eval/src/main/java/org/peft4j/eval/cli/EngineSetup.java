package org.peft4j.eval.cli;

/** Settings that must reach DJL before its engine starts. */
final class EngineSetup {

    private EngineSetup() {}

    /**
     * Fixes the number of intra-op threads, overriding the launcher's default, and one inter-op
     * thread unless set.
     *
     * @param threads intra-op threads
     */
    static void threads(int threads) {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(threads));
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
    }
}
