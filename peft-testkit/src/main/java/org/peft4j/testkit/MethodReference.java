package org.peft4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.peft4j.api.PeftMethodProvider;
import org.peft4j.runtime.io.Checkpoints;
import org.peft4j.runtime.io.RawTensor;
import org.peft4j.runtime.io.SafetensorsFile;
import org.peft4j.runtime.io.TensorArchive;
import org.peft4j.runtime.train.AdamW;
import org.peft4j.runtime.train.CrossEntropy;
import org.peft4j.runtime.vit.ModelParameter;
import org.peft4j.runtime.vit.PeftModel;
import org.peft4j.runtime.vit.VisionTransformer;
import org.peft4j.runtime.vit.VitConfig;

/**
 * Checks a method against a reference fixture computed outside peft4j (PyTorch written from the
 * method's definition, or Hugging Face peft): the logits in training and eval mode, the loss, the
 * gradient of every trainable tensor and every trainable tensor after one AdamW step.
 *
 * <p>Every fixture starts from the kit's base, a timm state dict of {@link #BACKBONE}, and its
 * four real images and labels (resources {@code org/peft4j/testkit/references/base.safetensors}
 * and {@code inputs.safetensors}). A fixture file holds {@code init.<name>} (the values of every
 * tensor the method adds, peft4j names), {@code logits.train}, {@code logits.eval}, {@code loss},
 * {@code grad.<name>} and {@code step.<name>} for every trainable tensor, and the metadata
 * {@code method}, {@code hyperparameters} (a JSON object of text values), {@code reference_compat}
 * ({@code true} or {@code false}, the mode the method is attached in), {@code lr},
 * {@code weight_decay} and optionally {@code not_compared} (trained tensors whose gradient the
 * source defines otherwise, comma-separated). The files are written by
 * {@code python/method_references.py}. Differences are relative to the largest reference magnitude
 * of each tensor.
 */
public final class MethodReference {

    /** The fixtures' backbone: vit-micro's width at depth 2 (32 px, patch 8, D 96, 4 heads, MLP 384, 10 classes), no drop path. */
    public static final VitConfig BACKBONE = new VitConfig("vit-micro", 32, 8, 96, 2, 4, 4, 10, 0f);

    /** Largest relative difference of logits, loss and gradients. */
    public static final double OUTPUT_TOLERANCE = 1e-5;

    /** Largest relative difference of a tensor after the AdamW step. */
    public static final double STEP_TOLERANCE = 2e-5;

    /**
     * The largest relative differences found in one fixture.
     *
     * @param fixture the fixture file's name
     * @param logits over both modes' logits
     * @param loss of the loss
     * @param gradients over every gradient
     * @param step over every tensor after the step
     */
    public record Differences(String fixture, double logits, double loss, double gradients, double step) {

        @Override
        public String toString() {
            return String.format("%s: logits %.1e, loss %.1e, gradients %.1e, after step %.1e",
                    fixture, logits, loss, gradients, step);
        }
    }

    private MethodReference() {}

    /**
     * A fixture on the test class path, {@code /references/<name>.safetensors}.
     *
     * @param name the case, e.g. {@code adaptformer}
     * @return its path
     */
    public static Path fixture(String name) {
        String resource = "/references/" + name + ".safetensors";
        URL url = MethodReference.class.getResource(resource);
        if (url == null) {
            throw new IllegalArgumentException("no reference fixture " + resource + " on the class path;"
                    + " write it with python/method_references.py");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("reference fixture " + url + " is not a file", e);
        }
    }

    /**
     * Attaches the provider's method, configured as the fixture says, to the fixture's base, sets its
     * tensors to the fixture's values, and asserts that logits, loss, gradients and one AdamW step
     * agree with the fixture.
     *
     * @param provider the method's provider, named as the fixture's {@code method}
     * @param file the fixture
     * @return the largest differences found
     */
    public static Differences check(PeftMethodProvider provider, Path file) {
        TensorArchive fixture = SafetensorsFile.read(file);
        Map<String, String> meta = fixture.metadata();
        assertEquals(meta.get("method"), provider.name(), file + " is a fixture of another method");
        Map<String, String> hyperparameters = new Gson().fromJson(meta.get("hyperparameters"),
                new TypeToken<Map<String, String>>() {}.getType());
        TensorArchive inputs = kitArchive("inputs.safetensors");
        Set<String> notCompared = meta.containsKey("not_compared")
                ? Set.of(meta.get("not_compared").split(",")) : Set.of();
        try (VisionTransformer vit = VisionTransformer.create(BACKBONE, Device.cpu());
                NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            Checkpoints.load(vit, kitArchive("base.safetensors"));
            boolean referenceCompat = Boolean.parseBoolean(meta.getOrDefault("reference_compat", "false"));
            PeftModel model = PeftModel.attach(vit, provider.create(provider.schema().validate(hyperparameters)), referenceCompat);
            setInitialValues(file, fixture, model);
            requireTrainedTensors(file, fixture, notCompared, vit);
            NDArray images = inputs.get("images").toNDArray(manager);
            NDArray labels = inputs.get("labels").toNDArray(manager).toType(DataType.INT64, false);
            String name = file.getFileName().toString();
            double logits;
            double loss;
            double gradients = 0;
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                logits = compare(name, "logits.eval", vit.forward(images, false), fixture, OUTPUT_TOLERANCE);
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray trainLogits = vit.forward(images, true);
                    NDArray lossValue = CrossEntropy.loss(trainLogits, labels);
                    logits = Math.max(logits, compare(name, "logits.train", trainLogits, fixture, OUTPUT_TOLERANCE));
                    loss = compare(name, "loss", lossValue.reshape(1), fixture, OUTPUT_TOLERANCE);
                    collector.backward(lossValue);
                }
                for (ModelParameter p : compared(vit, notCompared)) {
                    gradients = Math.max(gradients, compare(name, "grad." + p.name(), p.array().getGradient(), fixture, OUTPUT_TOLERANCE));
                }
            }
            double step = 0;
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                AdamW.standard(vit.parameters().where(ModelParameter::isTrainable))
                        .step(Float.parseFloat(meta.get("lr")), Float.parseFloat(meta.get("weight_decay")));
                float lr = Float.parseFloat(meta.get("lr"));
                for (ModelParameter p : compared(vit, notCompared)) {
                    step = Math.max(step, compareStep(name, p.name(), p.array(), fixture, lr));
                }
            }
            return new Differences(name, logits, loss, gradients, step);
        }
    }

    /** Copies every {@code init.*} tensor into the tensor of that name, which the method must have added. */
    private static void setInitialValues(Path file, TensorArchive fixture, PeftModel model) {
        TreeSet<String> expected = new TreeSet<>();
        fixture.tensors().keySet().stream().filter(k -> k.startsWith("init.")).forEach(k -> expected.add(k.substring(5)));
        TreeSet<String> added = new TreeSet<>(model.addedParameters());
        assertEquals(expected, added, file + ": the method adds other tensors than the reference (init.* keys)");
        for (String name : added) {
            ModelParameter p = model.vit().parameters().get(name);
            RawTensor values = fixture.get("init." + name);
            assertEquals(values.shape(), p.array().getShape(), file + ": shape of " + name);
            p.array().setRequiresGradient(false);
            values.copyInto(p.array());
            p.array().setRequiresGradient(true);
        }
    }

    /** The trainable tensors whose gradient the fixture holds. */
    private static List<ModelParameter> compared(VisionTransformer vit, Set<String> notCompared) {
        return vit.parameters().where(p -> p.isTrainable() && !notCompared.contains(p.name()));
    }

    /** A file of the kit's resources, copied to a temporary file that is deleted after reading. */
    private static TensorArchive kitArchive(String name) {
        try (InputStream in = MethodReference.class.getResourceAsStream("references/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the conformance kit lacks its resource references/" + name);
            }
            Path copy = Files.createTempFile("peft4j-reference-", ".safetensors");
            try {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
                return SafetensorsFile.read(copy);
            } finally {
                Files.delete(copy);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the kit's resource references/" + name, e);
        }
    }

    /** The model trains exactly the tensors with a reference gradient (or named as not compared). */
    private static void requireTrainedTensors(Path file, TensorArchive fixture, Set<String> notCompared, VisionTransformer vit) {
        TreeSet<String> expected = new TreeSet<>(notCompared);
        fixture.tensors().keySet().stream().filter(k -> k.startsWith("grad.")).forEach(k -> expected.add(k.substring(5)));
        TreeSet<String> trained = new TreeSet<>();
        vit.parameters().where(ModelParameter::isTrainable).forEach(p -> trained.add(p.name()));
        assertEquals(expected, trained, file + ": the method trains other tensors than the reference (grad.* keys)");
    }

    /** The largest difference relative to the reference's largest magnitude; fails above the tolerance. */
    private static double compare(String fixtureName, String key, NDArray actual, TensorArchive fixture, double tolerance) {
        return compare(fixtureName, key, actual.toFloatArray(), reference(fixtureName, key, actual, fixture), tolerance, null, 0);
    }

    /**
     * Compares a tensor after the step. Where the reference gradient is within the gradient
     * tolerance of zero (a key bias, whose gradient is zero up to rounding), Adam's first step
     * {@code lr·g/(|g| + eps)} turns rounding noise into any update in [−lr, lr], so there only that
     * bound is checked (on top of the weight decay, which the reference includes).
     */
    private static double compareStep(String fixtureName, String name, NDArray actual, TensorArchive fixture, float lr) {
        float[] gradient = reference(fixtureName, "grad." + name, actual, fixture);
        double largest = 0;
        for (float g : gradient) {
            largest = Math.max(largest, Math.abs(g));
        }
        boolean[] undetermined = new boolean[gradient.length];
        for (int i = 0; i < gradient.length; i++) {
            undetermined[i] = Math.abs(gradient[i]) <= OUTPUT_TOLERANCE * largest;
        }
        return compare(fixtureName, "step." + name, actual.toFloatArray(), reference(fixtureName, "step." + name, actual, fixture),
                STEP_TOLERANCE, undetermined, 2 * lr);
    }

    private static float[] reference(String fixtureName, String key, NDArray actual, TensorArchive fixture) {
        RawTensor reference = fixture.tensors().get(key);
        if (reference == null) {
            fail(fixtureName + " has no tensor " + key);
        }
        assertEquals(reference.shape(), actual.getShape(), fixtureName + ": shape of " + key);
        return reference.toNDArray(actual.getManager()).toFloatArray();
    }

    private static double compare(String fixtureName, String key, float[] values, float[] expected, double tolerance,
            boolean[] undetermined, double bound) {
        double scale = 0;
        for (float e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        double worst = 0;
        int at = 0;
        for (int i = 0; i < expected.length; i++) {
            double d = Math.abs((double) values[i] - expected[i]);
            if (Double.isNaN(d)) {
                d = Double.POSITIVE_INFINITY;
            }
            if (undetermined != null && undetermined[i]) {
                int index = i;
                assertTrue(d <= bound, () -> String.format("%s: %s element %d is %s, more than %.1e from the reference %s",
                        fixtureName, key, index, values[index], bound, expected[index]));
                continue;
            }
            if (d > worst) {
                worst = d;
                at = i;
            }
        }
        double relative = scale == 0 ? worst : worst / scale;
        int index = at;
        double largest = scale;
        assertTrue(relative <= tolerance, () -> String.format(
                "%s: %s differs from the reference by %.3e relative to its largest value %.3e (element %d: %s, reference %s; tolerance %.0e)",
                fixtureName, key, relative, largest, index, values[index], expected[index], tolerance));
        return relative;
    }
}
