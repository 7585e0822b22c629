package org.peft4j.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.peft4j.api.ParameterSelector;
import org.peft4j.runtime.vit.ModelParameter;
import org.peft4j.runtime.vit.PeftModel;
import org.peft4j.runtime.vit.VisionTransformer;
import org.peft4j.runtime.vit.VitConfig;

/**
 * Training is bit-identical run to run while the garbage collector runs all the time: no tensor
 * that autograd keeps for backward may live on a Java buffer the collector can free (DJL's
 * {@code mul(Number)} scalars do, hence {@code org.peft4j.api.Scalars}).
 */
class GarbageCollectionTest {

    private static List<Float> train(NDArray images, NDArray labels) {
        Engine.getInstance().setRandomSeed(1);
        try (VisionTransformer vit = VisionTransformer.create(new VitConfig("gc", 16, 8, 32, 2, 2, 2, 3, 0f), Device.cpu())) {
            PeftModel.attach(vit, host -> host.train(ParameterSelector.globs("**.bias")), false);
            AdamW adamw = AdamW.standard(vit.parameters().where(ModelParameter::isTrainable));
            List<Float> losses = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    losses.add(TrainStep.forwardBackward(vit, images, labels, i % 2 == 0 ? 1f : 0.5f));
                }
                adamw.step(1e-2f, 1e-4f);
            }
            return losses;
        }
    }

    @Test
    void trainingIsBitIdenticalUnderConstantGarbageCollection() throws InterruptedException {
        Thread collector = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                System.gc();
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        collector.setDaemon(true);
        collector.start();
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(5);
            NDArray images = manager.randomUniform(0, 1, new Shape(8, 3, 16, 16));
            NDArray labels = manager.create(new long[] {0, 1, 2, 0, 1, 2, 0, 1});
            List<Float> first = train(images, labels);
            for (int run = 0; run < 1; run++) {
                assertEquals(first, train(images, labels));
            }
        } finally {
            collector.interrupt();
            collector.join();
        }
    }
}
