package org.peft4j.methods.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.peft4j.runtime.train.AdamW;
import org.peft4j.runtime.train.CrossEntropy;
import org.peft4j.runtime.train.TrainStep;
import org.peft4j.runtime.vit.ModelParameter;
import org.peft4j.runtime.vit.PeftModel;
import org.peft4j.runtime.vit.VisionTransformer;

/**
 * A small learnable task for short training checks: 64 fixed random 32×32 images whose brightness
 * varies per image, labelled 1 when the image's mean pixel is above the median of the 64 means and
 * 0 otherwise. {@link #train} runs 30 AdamW steps (lr 1e-3, no weight decay) on batches of 32.
 */
final class TinyLearnableTask implements AutoCloseable {

    private static final int IMAGES = 64;
    private static final int BATCH = 32;
    private static final int STEPS = 30;
    private static final float LR = 1e-3f;
    private static final int SIDE = 32;

    private final NDManager manager = NDManager.newBaseManager();
    private final NDArray images;
    private final NDArray labels;

    /**
     * Draws the images and labels from a fixed seed.
     *
     * @param seed the engine seed
     */
    public TinyLearnableTask(int seed) {
        Engine.getInstance().setRandomSeed(seed);
        NDArray noise = manager.randomUniform(0f, 0.5f, new Shape(IMAGES, 3, SIDE, SIDE));
        NDArray brightness = manager.randomUniform(0f, 0.5f, new Shape(IMAGES, 1, 1, 1));
        images = noise.add(brightness);
        float[] means = images.reshape(IMAGES, -1).mean(new int[] {1}).toFloatArray();
        float[] sorted = means.clone();
        Arrays.sort(sorted);
        float median = (sorted[IMAGES / 2 - 1] + sorted[IMAGES / 2]) / 2;
        long[] classes = new long[IMAGES];
        for (int i = 0; i < IMAGES; i++) {
            classes[i] = means[i] > median ? 1 : 0;
        }
        labels = manager.create(classes);
    }

    /**
     * Trains every trainable parameter of the model.
     *
     * @param model the adapted model
     * @return losses before and after, and the trainable tensors that did not move
     */
    public Outcome train(PeftModel model) {
        VisionTransformer vit = model.vit();
        List<ModelParameter> trainable = vit.parameters().where(ModelParameter::isTrainable);
        Map<String, float[]> before = new LinkedHashMap<>();
        trainable.forEach(p -> before.put(p.name(), p.array().toFloatArray()));
        float lossBefore = evalLoss(vit);
        AdamW adamw = AdamW.standard(trainable);
        for (int step = 0; step < STEPS; step++) {
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDIndex batch = new NDIndex("{}:{}", (step * BATCH) % IMAGES, (step * BATCH) % IMAGES + BATCH);
                TrainStep.forwardBackward(vit, images.get(batch), labels.get(batch), 1f);
                adamw.step(LR, 0f);
            }
        }
        List<String> unchanged = new ArrayList<>();
        trainable.forEach(p -> {
            if (Arrays.equals(before.get(p.name()), p.array().toFloatArray())) {
                unchanged.add(p.name());
            }
        });
        return new Outcome(lossBefore, evalLoss(vit), unchanged);
    }

    private float evalLoss(VisionTransformer vit) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            return CrossEntropy.loss(vit.forward(images, false), labels).getFloat();
        }
    }

    @Override
    public void close() {
        manager.close();
    }

    /**
     * What a training run did.
     *
     * @param lossBefore mean cross-entropy on the 64 images in eval mode before training
     * @param lossAfter the same after training
     * @param unchanged trainable tensors whose values did not change
     */
    public record Outcome(float lossBefore, float lossAfter, List<String> unchanged) {}
}
