package org.peft4j.methods.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.peft4j.runtime.train.AdamW;
import org.peft4j.runtime.train.CrossEntropy;
import org.peft4j.runtime.train.TrainStep;
import org.peft4j.runtime.vit.ModelParameter;
import org.peft4j.runtime.vit.VisionTransformer;

/**
 * A small learnable task for short training runs with the head frozen: 64 fixed random 32×32
 * images whose channels carry random offsets, labelled by the channel with the largest mean.
 * As the head is frozen, any decrease of the loss comes from the method's own parameters.
 */
final class DominantChannelTask {

    static final int IMAGES = 64;
    static final int BATCH = 32;

    /**
     * Eval-mode loss on the whole set before and after training.
     *
     * @param before mean cross-entropy before the first step
     * @param after mean cross-entropy after the last step
     */
    record Result(float before, float after) {}

    private DominantChannelTask() {}

    /**
     * Trains every trainable parameter except the head with AdamW.
     *
     * @param vit a model with a method attached
     * @param steps number of optimizer steps
     * @param lr learning rate
     * @return losses before and after
     */
    static Result train(VisionTransformer vit, int steps, float lr) {
        vit.setTrainable(name -> name.startsWith("head."), false);
        try (NDManager manager = NDManager.newBaseManager(vit.device())) {
            NDArray images = taskImages(manager);
            NDArray labels = labels(images);
            AdamW adamw = AdamW.standard(vit.parameters().where(ModelParameter::isTrainable));
            float before = evalLoss(vit, images, labels);
            for (int step = 0; step < steps; step++) {
                int start = (step * BATCH) % IMAGES;
                NDIndex batch = new NDIndex("{}:{}", start, start + BATCH);
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    TrainStep.forwardBackward(vit, images.get(batch), labels.get(batch), 1f);
                    adamw.step(lr, 1e-4f);
                }
            }
            return new Result(before, evalLoss(vit, images, labels));
        }
    }

    private static NDArray taskImages(NDManager manager) {
        Engine.getInstance().setRandomSeed(7);
        NDArray noise = manager.randomUniform(0f, 1f, new Shape(IMAGES, 3, 32, 32));
        NDArray offsets = manager.randomUniform(0f, 1f, new Shape(IMAGES, 3, 1, 1));
        return noise.add(offsets);
    }

    private static NDArray labels(NDArray images) {
        return images.mean(new int[] {3}).mean(new int[] {2}).argMax(1).toType(DataType.INT64, false);
    }

    private static float evalLoss(VisionTransformer vit, NDArray images, NDArray labels) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            return CrossEntropy.loss(vit.forward(images, false), labels).getFloat();
        }
    }
}
