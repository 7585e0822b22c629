package org.peft4j.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.gson.GsonBuilder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.peft4j.api.BackboneShape;
import org.peft4j.api.HfPeftForm;
import org.peft4j.runtime.adapters.AdapterMetadata;
import org.peft4j.runtime.io.AtomicFiles;
import org.peft4j.runtime.io.RawTensor;
import org.peft4j.runtime.io.SafetensorsFile;
import org.peft4j.runtime.io.TensorArchive;
import org.peft4j.runtime.plugins.MethodRegistry;

/**
 * A peft4j adapter file as a Hugging Face {@code peft} adapter folder of the timm ViT, for a method
 * whose {@link HfPeftForm} describes one (built-in {@code lora}, the {@code ia3} and {@code dora}
 * example plugins): the method's configuration and tensors, and the trained head in
 * {@code modules_to_save}. Every tensor of the file must find its place, so nothing is dropped.
 */
final class HfPeftExport {

    /** The adapter configuration file peft reads. */
    static final String CONFIG = "adapter_config.json";
    /** The adapter weights file peft reads. */
    static final String WEIGHTS = "adapter_model.safetensors";
    /** Prefix of every module name inside a {@code PeftModel}. */
    static final String PREFIX = "base_model.model.";

    private static final List<String> HEAD = List.of("head.weight", "head.bias");

    private HfPeftExport() {}

    /**
     * Writes {@link #CONFIG} and {@link #WEIGHTS} of a peft4j adapter file into a folder.
     *
     * @param adapter the peft4j adapter file
     * @param registry where the adapter's method is found
     * @param dir the folder to write (created if absent)
     * @throws CommandException if the method has no Hugging Face peft form or the file does not fit it
     */
    static void export(Path adapter, MethodRegistry registry, Path dir) {
        TensorArchive archive = SafetensorsFile.read(adapter);
        AdapterMetadata metadata = AdapterMetadata.parse(adapter, archive.metadata());
        HfPeftForm form = form(adapter, metadata, registry);
        BackboneShape shape = metadata.model().shape();
        Set<String> unused = new TreeSet<>(archive.tensors().keySet());
        try (NDManager manager = NDManager.newBaseManager()) {
            Function<String, NDArray> tensors = name -> {
                RawTensor t = archive.tensors().get(name);
                if (t == null) {
                    throw new IllegalArgumentException("the file has no tensor '" + name + "'");
                }
                unused.remove(name);
                return t.toNDArray(manager);
            };
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("task_type", null);
            config.put("base_model_name_or_path", null);
            Map<String, NDArray> peft = new LinkedHashMap<>();
            try {
                config.putAll(form.hfPeftConfig(shape));
                form.hfPeftTensors(shape, tensors).forEach((name, t) -> peft.put(PREFIX + name, t));
            } catch (IllegalArgumentException e) {
                throw new CommandException(adapter + ": method '" + metadata.method() + "' cannot be written as a "
                        + "Hugging Face peft adapter: " + e.getMessage());
            }
            boolean head = archive.tensors().containsKey(HEAD.get(0));
            if (head) {
                HEAD.stream().filter(archive.tensors()::containsKey).forEach(n -> peft.put(PREFIX + n, tensors.apply(n)));
            }
            if (!unused.isEmpty()) {
                throw new CommandException(adapter + ": tensors " + unused + " have no place in the Hugging Face peft "
                        + "form of method '" + metadata.method() + "', so exporting would drop them; export an "
                        + "unmodified adapter file of 'peft train'");
            }
            config.put("modules_to_save", head ? List.of("head") : null);
            config.put("inference_mode", true);
            AtomicFiles.writeString(dir.resolve(CONFIG),
                    new GsonBuilder().serializeNulls().setPrettyPrinting().create().toJson(config) + "\n");
            SafetensorsFile.write(dir.resolve(WEIGHTS), peft, Map.of("format", "pt"));
        }
    }

    private static HfPeftForm form(Path adapter, AdapterMetadata metadata, MethodRegistry registry) {
        Object method;
        try {
            method = registry.create(metadata.method(), metadata.hyperparameters()).method();
        } catch (IllegalArgumentException e) {
            throw new CommandException(adapter + ": cannot re-create its method: " + e.getMessage());
        }
        if (method instanceof HfPeftForm form) {
            return form;
        }
        throw new CommandException(adapter + ": method '" + metadata.method() + "' has no Hugging Face peft "
                + "equivalent (it does not implement HfPeftForm); its tensors and their key layout are documented "
                + "in docs/interop.md for other consumers");
    }
}
