package org.peft4j.eval.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Imports of small YAML documents written like PETL_Vision's experiment configurations. */
class PetlConfigImportTest {

    /** The reference's VTAB defaults, abridged: every method switched off. */
    private static final String DEFAULTS = """
            experiment_name: default_vtab
            pretrained_weights: vit_base_patch16_224_in21k
            drop_path_rate: 0.1
            model: vit
            optimizer: adamw
            epoch: 100
            warmup_epoch: 10
            lr_min: 1.0e-5
            warmup_lr_init: 1.0e-6
            batch_size: 64
            test_batch_size: 512
            ft_attn_module: null
            ft_attn_mode: parallel
            ft_mlp_module: null
            ft_mlp_mode: parallel
            ft_mlp_ln: before
            adapter_bottleneck: 64
            adapter_init: lora_kaiming
            adapter_scaler: 0.1
            vpt_mode: null
            vpt_num: 10
            vpt_layer: null
            ssf: False
            lora_bottleneck: 0
            fact_type: null
            full: False
            attention_index: null
            attention_type: full
            random_seed: 42
            eval_freq: 200
            normalized: False
            merge_factor: 1
            final_acc_hp: True
            """;

    private static final String LR_WD = "lr: [0.001, 0.01]\nwd: [0.0001, 0.001]\n";

    @Test
    void loraGridAndRecipe() {
        ImportedExperiment e = PetlConfigImport.parse(List.of(DEFAULTS, LR_WD,
                "method_name: lora\nlora_bottleneck: [1, 8, 16, 32]\n"));
        assertEquals("lora", e.method());
        assertEquals(Map.of("rank", List.of("1", "8", "16", "32")), e.hyperparameters());
        assertEquals("0.001,0.01", e.settings().get("train.lr_grid"));
        assertEquals("1.0E-4,0.001", e.settings().get("train.wd_grid"));
        assertEquals("100", e.settings().get("train.epochs"));
        assertEquals("10", e.settings().get("train.warmup_epochs"));
        assertEquals("0.1", e.settings().get("train.drop_path"));
        assertEquals("42", e.settings().get("train.seed"));
        assertTrue(e.notes().contains("inactive for lora: adapter_bottleneck, adapter_scaler, vpt_num"), e.notes()
                .toString());
        assertEquals(List.of("--methods", "lora", "--set", "lora.rank=1,8,16,32"), e.compareArguments().subList(0, 4));
    }

    @Test
    void moduleWiringChoosesTheAdapterMethod() {
        assertEquals("adaptformer", PetlConfigImport.parse(List.of(DEFAULTS, """
                ft_mlp_module: adapter
                ft_mlp_mode: parallel
                ft_mlp_ln: before
                adapter_bottleneck: [4, 16, 32]
                adapter_scaler: [0.05, 0.1, 0.2]
                """)).method());
        ImportedExperiment pfeiffer = PetlConfigImport.parse(List.of(DEFAULTS,
                "ft_mlp_module: adapter\nft_mlp_mode: sequential_after\nadapter_init: xavier\nadapter_bottleneck: 8\n"));
        assertEquals("pfeiffer", pfeiffer.method());
        assertEquals(List.of("xavier"), pfeiffer.hyperparameters().get("init"));
        assertEquals(List.of("8"), pfeiffer.hyperparameters().get("bottleneck"));
        ImportedExperiment convpass = PetlConfigImport.parse(List.of(DEFAULTS, """
                ft_attn_module: convpass
                ft_attn_mode: parallel
                ft_attn_ln: after
                ft_mlp_module: convpass
                ft_mlp_mode: parallel
                ft_mlp_ln: after
                convpass_scaler: [0.01, 10]
                convpass_xavier_init: [True, False]
                """));
        assertEquals("convpass", convpass.method());
        assertEquals(List.of("true", "false"), convpass.hyperparameters().get("xavier_init"));
        assertEquals(List.of("0.01", "10"), convpass.hyperparameters().get("scale"));
    }

    @Test
    void switchesChooseTheOtherMethods() {
        assertEquals("linear", PetlConfigImport.parse(List.of(DEFAULTS, "method_name: linear\n")).method());
        assertEquals("ssf", PetlConfigImport.parse(List.of(DEFAULTS, "ssf: True\n")).method());
        ImportedExperiment vpt = PetlConfigImport.parse(List.of(DEFAULTS, "\"vpt_num\": [5, 10]\n\"vpt_mode\": \"deep\"\n"));
        assertEquals("vpt_deep", vpt.method());
        assertEquals(List.of("5", "10"), vpt.hyperparameters().get("prompts"));
        ImportedExperiment fact = PetlConfigImport.parse(List.of(DEFAULTS, "fact_type: tk\nfact_dim: 32\nfact_scaler: 0.1\n"));
        assertEquals("fact_tk", fact.method());
        assertEquals(Map.of("dim", List.of("32"), "scale", List.of("0.1")), fact.hyperparameters());
        ImportedExperiment selective = PetlConfigImport.parse(List.of(DEFAULTS, "attention_type: qkv\n"
                + "attention_index: (10, 11)\n"));
        assertEquals("selective", selective.method());
        assertEquals(Map.of("part", List.of("attn_qkv"), "blocks", List.of("2")), selective.hyperparameters());
    }

    @Test
    void keysThatDoNotMapAreErrorsNamingThem() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> PetlConfigImport.parse(List.of(DEFAULTS, "lora_bottleneck: 8\nlora_alpha: 16\n")));
        assertTrue(unknown.getMessage().startsWith("document 2: key 'lora_alpha' has no peft4j equivalent"),
                unknown.getMessage());
        IllegalArgumentException grid = assertThrows(IllegalArgumentException.class,
                () -> PetlConfigImport.parse(List.of(DEFAULTS, "drop_path_rate: [0, 0.1, 0.2]\n")));
        assertTrue(grid.getMessage().contains("'drop_path_rate' holds a grid"), grid.getMessage());
        IllegalArgumentException normalized = assertThrows(IllegalArgumentException.class,
                () -> PetlConfigImport.parse(List.of(DEFAULTS, "normalized: True\n")));
        assertTrue(normalized.getMessage().contains("'normalized' is 'true'"), normalized.getMessage());
        IllegalArgumentException two = assertThrows(IllegalArgumentException.class,
                () -> PetlConfigImport.parse(List.of(DEFAULTS, "ssf: True\nlora_bottleneck: 8\n")));
        assertTrue(two.getMessage().contains("ssf and lora together"), two.getMessage());
        IllegalArgumentException wiring = assertThrows(IllegalArgumentException.class,
                () -> PetlConfigImport.parse(List.of(DEFAULTS, "ft_attn_module: adapter\nft_attn_mode: parallel\n")));
        assertTrue(wiring.getMessage().contains("is not one of peft4j's methods"), wiring.getMessage());
        IllegalArgumentException blocks = assertThrows(IllegalArgumentException.class,
                () -> PetlConfigImport.parse(List.of(DEFAULTS, "block_index: (3, )\n")));
        assertTrue(blocks.getMessage().contains("names blocks [3]"), blocks.getMessage());
    }
}
