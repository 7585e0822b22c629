package org.peft4j.cli;

import ai.djl.Device;
import java.nio.file.Path;
import org.peft4j.runtime.adapters.AdapterFiles;
import org.peft4j.runtime.adapters.AdapterMetadata;
import org.peft4j.runtime.adapters.LoadedAdapter;
import org.peft4j.runtime.io.CheckpointFile;
import org.peft4j.runtime.pipeline.Backbones;
import org.peft4j.runtime.plugins.MethodRegistry;
import picocli.CommandLine.Option;

/** Loading an adapter file onto its base checkpoint, shared by {@code merge} and {@code predict}. */
final class AdapterOptions {

    @Option(names = "--ignore-base-mismatch",
            description = "Load the adapter even if the base checkpoint is not the one it was trained on")
    boolean ignoreBaseMismatch;

    /**
     * Builds the adapter's backbone from its recorded configuration, loads the base weights and
     * attaches the adapter.
     *
     * @param adapter the adapter file
     * @param base the read base checkpoint
     * @param registry where to find the adapter's method
     * @param device where the model lives
     * @return the adapted model
     * @throws org.peft4j.runtime.io.CheckpointException if the adapter does not fit the base
     */
    LoadedAdapter load(Path adapter, CheckpointFile base, MethodRegistry registry, Device device) {
        AdapterMetadata metadata = AdapterFiles.readMetadata(adapter);
        Backbones.Base backbone = Backbones.create(metadata.model().withDropPath(0f), base, device, 0);
        try {
            return AdapterFiles.load(adapter, backbone.vit(), base.sha256(), registry, ignoreBaseMismatch);
        } catch (RuntimeException e) {
            backbone.close();
            throw e;
        }
    }
}
