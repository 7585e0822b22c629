package org.peft4j.runtime.pipeline;

import java.util.Map;
import org.peft4j.api.InvalidHyperparameterException;
import org.peft4j.runtime.plugins.MethodInstance;
import org.peft4j.runtime.plugins.MethodRegistry;
import org.peft4j.runtime.plugins.RegisteredMethod;
import org.peft4j.runtime.vit.PeftModel;
import org.peft4j.runtime.vit.VisionTransformer;

/**
 * Creates methods by name from text values and attaches them, turning a bad hyperparameter or a
 * plugin's fault into a {@link MethodSetupException} whose message is one sentence for the user.
 */
public final class MethodSetup {

    private MethodSetup() {}

    /**
     * Creates a method.
     *
     * @param registry the available methods
     * @param name the method's name
     * @param hyperparameters values by key, as text (e.g. {@code rank=8})
     * @return the configured instance
     * @throws IllegalArgumentException for an unknown method, naming the known ones
     * @throws MethodSetupException for a bad hyperparameter, or a provider that fails
     */
    public static MethodInstance create(MethodRegistry registry, String name, Map<String, String> hyperparameters) {
        RegisteredMethod method = registry.method(name);
        try {
            return method.create(hyperparameters);
        } catch (InvalidHyperparameterException e) {
            throw new MethodSetupException("method '" + name + "': " + e.getMessage()
                    + "; 'peft methods " + name + "' lists its hyperparameters", e);
        } catch (RuntimeException | LinkageError e) {
            throw pluginFault(method, "creating the method", e);
        }
    }

    /**
     * Attaches a method to a backbone.
     *
     * @param vit the backbone, without a method
     * @param registry where the method came from
     * @param method the configured method
     * @param referenceCompat whether to reproduce the reference implementation's behaviour
     * @return the adapted model
     * @throws MethodSetupException if the method fails while attaching
     */
    public static PeftModel attach(VisionTransformer vit, MethodRegistry registry, MethodInstance method, boolean referenceCompat) {
        try {
            return PeftModel.attach(vit, method.method(), referenceCompat);
        } catch (RuntimeException | LinkageError e) {
            throw pluginFault(registry.method(method.name()), "attaching it to " + vit.config().name(), e);
        }
    }

    private static MethodSetupException pluginFault(RegisteredMethod method, String step, Throwable e) {
        String source = method.source().equals(MethodRegistry.CLASSPATH) ? "the class path" : "plugin " + method.source();
        return new MethodSetupException("method '" + method.name() + "' version " + method.version() + " from " + source
                + " failed while " + step + ": " + describe(e) + "; fix the method or report it to its author", e);
    }

    /** The innermost cause as "Type: message". */
    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
