package org.peft4j.blocks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peft4j.api.ForwardState;
import org.peft4j.api.SiteContext;
import org.peft4j.api.SiteModule;

/**
 * The drop-path formulas of {@link BranchComposition}, made observable by a site context whose
 * drop path multiplies each call by a known per-sample mask: (0, 2), then (2, 0), and so on.
 */
class BranchCompositionTest {

    private NDManager manager;
    private Context context;
    private NDArray dropped;

    /** A branch site with fixed tensors (2 samples, 1 token, 1 feature) and scripted masks. */
    private final class Context implements SiteContext {

        int dropPathCalls;

        @Override
        public int block() {
            return 1;
        }

        @Override
        public NDArray input() {
            return manager.create(new float[] {1f, 2f}, new Shape(2, 1, 1));
        }

        @Override
        public NDArray normed() {
            return manager.create(new float[] {3f, 4f}, new Shape(2, 1, 1));
        }

        @Override
        public NDArray undropped() {
            return manager.create(new float[] {5f, 6f}, new Shape(2, 1, 1));
        }

        @Override
        public boolean training() {
            return true;
        }

        @Override
        public NDArray dropout(NDArray x, float rate) {
            return x;
        }

        @Override
        public NDArray dropPath(NDArray x) {
            float[] mask = dropPathCalls++ % 2 == 0 ? new float[] {0f, 2f} : new float[] {2f, 0f};
            return x.mul(manager.create(mask, new Shape(2, 1, 1)));
        }

        @Override
        public ForwardState state() {
            throw new UnsupportedOperationException("not used by branch modules");
        }
    }

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
        context = new Context();
        dropped = manager.create(new float[] {7f, 8f}, new Shape(2, 1, 1));
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    /** M(in) = 10·in. */
    private static NDArray tenTimes(NDArray in, SiteContext c) {
        return in.mul(10f);
    }

    private float[] run(SiteModule module) {
        return module.forward(dropped, context).toFloatArray();
    }

    @Test
    void intendedParallelSharesOneMaskWithTheMainBranch() {
        // DP(undropped + M(residual)) = (0, 2) ⊙ (5 + 10, 6 + 20)
        assertArrayEquals(new float[] {0f, 52f},
                run(BranchComposition.parallel(BranchCompositionTest::tenTimes, BranchComposition.Input.RESIDUAL_STREAM, false)));
        assertEquals(1, context.dropPathCalls);
    }

    @Test
    void referenceParallelDropsTheModuleIndependently() {
        // x + DP(M(normed)) = (7, 8) + (0, 2) ⊙ (30, 40)
        assertArrayEquals(new float[] {7f, 88f},
                run(BranchComposition.parallel(BranchCompositionTest::tenTimes, BranchComposition.Input.NORMALISED, true)));
        assertEquals(1, context.dropPathCalls);
    }

    @Test
    void intendedSequentialAfterReadsTheUndroppedBranchAndDropsOnce() {
        // DP(M(u) + u), u = (5, 6): (0, 2) ⊙ (55, 66)
        assertArrayEquals(new float[] {0f, 132f},
                run(BranchComposition.sequentialAfter(BranchCompositionTest::tenTimes, false)));
        assertEquals(1, context.dropPathCalls);
    }

    @Test
    void referenceSequentialAfterDropsTheDroppedBranchAgain() {
        // DP(M(x) + x), x = (7, 8) already dropped: (0, 2) ⊙ (77, 88)
        assertArrayEquals(new float[] {0f, 176f},
                run(BranchComposition.sequentialAfter(BranchCompositionTest::tenTimes, true)));
        assertEquals(1, context.dropPathCalls);
    }
}
