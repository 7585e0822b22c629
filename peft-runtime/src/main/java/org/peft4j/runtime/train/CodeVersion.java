package org.peft4j.runtime.train;

import java.nio.file.Files;
import java.nio.file.Path;
import org.peft4j.runtime.io.Sha256;

/**
 * The version of the training code, for a run's fingerprint: the peft4j version and the SHA-256 of
 * the JAR that holds the runtime (reproducible builds give the same JAR for the same sources).
 * Running from a class folder (a development build) gives its path instead.
 */
final class CodeVersion {

    private static final String CURRENT = compute();

    private CodeVersion() {}

    static String current() {
        return CURRENT;
    }

    private static String compute() {
        String version = CodeVersion.class.getPackage().getImplementationVersion();
        String code;
        try {
            Path location = Path.of(CodeVersion.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            code = Files.isRegularFile(location) ? "jar sha256 " + Sha256.ofFile(location) : "classes " + location;
        } catch (java.net.URISyntaxException | RuntimeException e) {
            code = "unknown location";
        }
        return (version == null ? "development build" : version) + ", " + code;
    }
}
