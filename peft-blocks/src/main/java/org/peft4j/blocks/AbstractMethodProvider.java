package org.peft4j.blocks;

import java.util.Objects;
import org.peft4j.api.HyperparameterSchema;
import org.peft4j.api.Hyperparameters;
import org.peft4j.api.PeftMethod;
import org.peft4j.api.PeftMethodProvider;

/**
 * A {@link PeftMethodProvider} whose constant description is given once, to the constructor, so a
 * provider is its no-argument constructor plus {@link #create}:
 *
 * <pre>{@code
 * public final class MyProvider extends AbstractMethodProvider {
 *     public MyProvider() {
 *         super("my-method", "one line", "Author et al., Title, Venue Year", SCHEMA);
 *     }
 *
 *     @Override
 *     public PeftMethod create(Hyperparameters h) {
 *         return new MyMethod(h.getInt("rank"), h.choice("targets", Targets.class));
 *     }
 * }
 * }</pre>
 *
 * The SPI version is {@link PeftMethodProvider#spiVersion()}'s default; override {@link #version()}
 * when the method's implementation changes results.
 */
public abstract class AbstractMethodProvider implements PeftMethodProvider {

    private final String name;
    private final String description;
    private final String citation;
    private final HyperparameterSchema schema;

    /**
     * Describes the method.
     *
     * @param name unique lower-case method name, e.g. {@code lora}
     * @param description one line shown by {@code peft methods}
     * @param citation the paper that introduced the method
     * @param schema the typed hyperparameters; {@code HyperparameterSchema.of()} if none
     */
    protected AbstractMethodProvider(String name, String description, String citation, HyperparameterSchema schema) {
        this.name = Objects.requireNonNull(name, "name");
        this.description = Objects.requireNonNull(description, "description");
        this.citation = Objects.requireNonNull(citation, "citation");
        this.schema = Objects.requireNonNull(schema, "schema");
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final String citation() {
        return citation;
    }

    @Override
    public final HyperparameterSchema schema() {
        return schema;
    }

    /**
     * Creates the method for one model.
     *
     * @param hyperparameters values already validated against {@link #schema()}
     * @return a new method instance
     */
    @Override
    public abstract PeftMethod create(Hyperparameters hyperparameters);
}
