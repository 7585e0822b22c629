package org.peft4j.examples.programmatic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peft4j.runtime.adapters.AdapterFiles;
import org.peft4j.runtime.adapters.LoadedAdapter;
import org.peft4j.runtime.io.Checkpoints;
import org.peft4j.runtime.io.Sha256;
import org.peft4j.runtime.plugins.MethodRegistry;
import org.peft4j.runtime.train.EvalResult;
import org.peft4j.runtime.train.Evaluator;
import org.peft4j.runtime.train.TrainingResult;
import org.peft4j.runtime.vit.VisionTransformer;
import org.peft4j.runtime.vit.VitConfig;

/**
 * The example trains, lowers the loss, and writes an adapter that, loaded onto its base, predicts
 * exactly what the trained model predicted (the test set is seeded with train.seed + 1 = 43).
 */
class FineTuneTest {

    @TempDir
    Path dir;

    @Test
    void trainsAndSavesAnAdapterThatLoadsBack() throws Exception {
        FineTune.Outcome outcome = FineTune.run(dir, 6, List.of("runtime.device=cpu", "runtime.threads=2"));
        List<TrainingResult.EpochRecord> epochs = outcome.result().history();
        assertEquals(6, epochs.size());
        assertTrue(epochs.get(5).meanLoss() < epochs.get(0).meanLoss(), epochs.toString());
        assertEquals(32, outcome.result().finalEval().size());
        assertEquals("lora", AdapterFiles.readMetadata(outcome.adapter()).method());
        assertEquals("4", AdapterFiles.readMetadata(outcome.adapter()).hyperparameters().get("rank"));
        try (MethodRegistry registry = MethodRegistry.discover(dir.resolve("no-plugins"));
                VisionTransformer vit = VisionTransformer.create(VitConfig.preset("vit-tiny", 2), Device.cpu())) {
            Checkpoints.load(vit, outcome.base());
            LoadedAdapter loaded = AdapterFiles.load(outcome.adapter(), vit, Sha256.ofFile(outcome.base()), registry, false);
            EvalResult again = Evaluator.evaluate(loaded.model().vit(), new StripesDataset(32, 32, 43), 32);
            assertArrayEquals(outcome.result().finalEval().predictions(), again.predictions());
            assertEquals(outcome.result().finalEval().loss(), again.loss(), 1e-5);
        }
    }
}
