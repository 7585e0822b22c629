package org.peft4j.methods.ssf;

import java.util.ArrayList;
import java.util.List;
import org.peft4j.api.BackboneLayout;
import org.peft4j.api.BackboneShape;
import org.peft4j.api.ClosedFormCount;
import org.peft4j.api.MergeTarget;
import org.peft4j.api.Mergeable;
import org.peft4j.api.PeftHost;
import org.peft4j.api.PeftMethod;
import org.peft4j.blocks.ScaleShift;

/**
 * SSF ({@code docs/methods.md#ssf}): a learnable scale and shift {@code y = x ⊙ s + t} after the patch
 * embedding, after LN1, qkv, proj, LN2, fc1 and fc2 in every block, and after the final norm:
 * 2·(L·(7·D + H) + 2·D) parameters (205,824 for ViT-B/16). Every site follows an affine layer, so
 * merging folds it into that layer ({@code W ← diag(s)·W}, {@code b ← s ⊙ b + t}; for LayerNorm
 * γ and β; for the patch conv each output channel's kernel).
 */
public final class Ssf implements PeftMethod, Mergeable, ClosedFormCount {

    private final List<Placed> placed = new ArrayList<>();

    @Override
    public void attach(PeftHost host) {
        BackboneShape shape = host.shape();
        for (SsfSite s : SsfSite.values()) {
            for (int i = 0; i < s.occurrences(shape); i++) {
                ScaleShift module = ScaleShift.create(host, s.owner(i), s.suffix(), s.width(shape));
                if (s.site().perBlock()) {
                    host.insert(s.site(), i, module);
                } else {
                    host.insert(s.site(), module);
                }
                placed.add(new Placed(module, s.foldTarget(i)));
            }
        }
    }

    @Override
    public void merge(MergeTarget target) {
        BackboneLayout layout = BackboneLayout.of(target, target.shape());
        if (!layout.patchBias() || !layout.classTokenPooled()) {
            throw new IllegalArgumentException("ssf cannot be merged into this backbone: its scale and shift fold into "
                    + (layout.patchBias() ? "the final norm, which a backbone that pools through fc_norm (MAE) lacks"
                            : "the patch projection's bias, which this backbone (CLIP) lacks")
                    + "; use the unmerged adapter");
        }
        for (Placed p : placed) {
            p.module.foldInto(target, p.layer);
        }
    }

    @Override
    public long insertedParameters(BackboneShape shape) {
        long n = 0;
        for (SsfSite s : SsfSite.values()) {
            n += 2L * s.occurrences(shape) * s.width(shape);
        }
        return n;
    }

    /** An inserted site and the layer it folds into. */
    private record Placed(ScaleShift module, String layer) {}
}
