package org.peft4j.runtime.vit;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.norm.Dropout;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.peft4j.api.ForwardState;
import org.peft4j.api.SiteContext;

/** The state of one forward pass: mode, drop path rates and what the sites share. */
final class ForwardPass implements ForwardState {

    private final VitConfig config;
    private final boolean training;
    private final Map<String, List<NDArray>> lists = new HashMap<>();
    private int hiddenFromKeys;

    ForwardPass(VitConfig config, boolean training) {
        this.config = config;
        this.training = training;
    }

    boolean training() {
        return training;
    }

    NDArray dropPath(NDArray x, int block) {
        float rate = block < 0 ? 0f : config.dropPath(block);
        return training && rate > 0f ? Layers.dropPath(x, rate) : x;
    }

    /** Returns and resets the number of leading tokens hidden from keys in the current block. */
    int takeHiddenFromKeys() {
        int n = hiddenFromKeys;
        hiddenFromKeys = 0;
        return n;
    }

    @Override
    public void append(String key, NDArray value) {
        lists.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }

    @Override
    public List<NDArray> list(String key) {
        return lists.getOrDefault(key, List.of());
    }

    /** @return every tensor that sites appended so far, over all keys */
    List<NDArray> shared() {
        return lists.values().stream().flatMap(List::stream).toList();
    }

    @Override
    public void hideLeadingTokensFromKeys(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("cannot hide " + n + " tokens");
        }
        hiddenFromKeys = n;
    }

    /** A site's view of the pass. */
    Context at(int block, NDArray input, NDArray normed, NDArray undropped) {
        return new Context(block, input, normed, undropped);
    }

    /** {@link SiteContext} of one site call. */
    final class Context implements SiteContext {

        private final int block;
        private final NDArray input;
        private final NDArray normed;
        private final NDArray undropped;

        private Context(int block, NDArray input, NDArray normed, NDArray undropped) {
            this.block = block;
            this.input = input;
            this.normed = normed;
            this.undropped = undropped;
        }

        @Override
        public int block() {
            return block;
        }

        @Override
        public NDArray input() {
            return input;
        }

        @Override
        public NDArray normed() {
            return normed;
        }

        @Override
        public NDArray undropped() {
            return undropped;
        }

        @Override
        public boolean training() {
            return training;
        }

        @Override
        public NDArray dropout(NDArray x, float rate) {
            return training && rate > 0f ? Dropout.dropout(x, rate, true).singletonOrThrow() : x;
        }

        @Override
        public NDArray dropPath(NDArray x) {
            return ForwardPass.this.dropPath(x, block);
        }

        @Override
        public ForwardState state() {
            return ForwardPass.this;
        }
    }
}
