package org.peft4j.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code peft bench}: one JSON line, for any method and grid point. */
class BenchCommandTest {

    @TempDir
    Path dir;

    @Test
    void setChoosesTheGridPointThatIsTimed() {
        String out = Cli.run("bench", "--model", "vit-micro", "--method", "vpt_shallow", "--set", "prompts=3",
                "--batch", "2", "--steps", "1", "--warmup", "0", "--threads", "1", "--classes", "4",
                "--plugins", dir.toString()).ok();
        // head 96·4 + 4, and 3 prompts of width 96
        assertTrue(out.contains("\"trainable_params\":676"), out);
        assertTrue(out.startsWith("{\"impl\":\"peft4j\""), out);
    }

    @Test
    void anUnknownHyperparameterIsOneSentence() {
        Cli.Result result = Cli.run("bench", "--model", "vit-micro", "--method", "lora", "--set", "prompts=3",
                "--steps", "1", "--plugins", dir.toString());
        assertTrue(result.exit() == 1 && result.err().contains("method 'lora'") && !result.err().contains("\tat "),
                result.err());
    }

    @Test
    void mergedTimesTheFoldedModelAndRefusesAnUnmergeableMethod() {
        String out = Cli.run("bench", "--model", "vit-micro", "--method", "lora", "--merged", "--batch", "2",
                "--steps", "1", "--warmup", "0", "--threads", "1", "--classes", "4", "--plugins", dir.toString()).ok();
        // after merging only the head is trainable: 96·4 + 4
        assertTrue(out.contains("\"method\":\"infer-merged-lora\"") && out.contains("\"trainable_params\":388"), out);
        Cli.Result refused = Cli.run("bench", "--model", "vit-micro", "--method", "vpt_deep", "--merged",
                "--steps", "1", "--plugins", dir.toString());
        assertTrue(refused.exit() == 1 && refused.err().contains("cannot be merged") && !refused.err().contains("\tat "),
                refused.err());
    }
}
