package org.peft4j.runtime.device;

/** Starts the engine in a separate JVM and prints the failure, for {@link EngineBootstrapTest}. */
final class BootstrapProbe {

    private BootstrapProbe() {}

    public static void main(String[] args) {
        try {
            EngineBootstrap.start();
            System.out.println("started");
        } catch (NativeLibraryException e) {
            System.out.println(e.getMessage());
            System.exit(3);
        }
    }
}
