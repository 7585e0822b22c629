package org.peft4j.blocks;

import ai.djl.ndarray.NDArray;
import org.peft4j.api.SiteContext;
import org.peft4j.api.SiteModule;

/**
 * Wires a module into a block's attention or MLP branch ({@code Site.ATTN_BRANCH} /
 * {@code Site.MLP_BRANCH}), with drop path composed as intended or as the reference does it
 * ({@code docs/methods.md#common-framework}, {@code docs/methods.md#reference-defects}).
 *
 * <ul>
 *   <li>parallel: intended {@code DP(main + M(in))}, one mask for both; reference
 *       {@code DP(main) + DP(M(in))}, two independent masks.
 *   <li>sequential_after: intended {@code DP(M(u) + u)} with {@code u} the undropped branch, one
 *       mask; reference {@code DP(M(x) + x)} with {@code x = DP(main)}, drop path applied twice.
 * </ul>
 */
public final class BranchComposition {

    private BranchComposition() {}

    /** A module's contribution computed from its input: {@code M(in)}. */
    @FunctionalInterface
    public interface BranchModule {

        /**
         * Computes the module's output.
         *
         * @param in the module's input (B, N, D)
         * @param context the site's context
         * @return the module's output (B, N, D), without residual
         */
        NDArray forward(NDArray in, SiteContext context);
    }

    /** What a parallel module reads. */
    public enum Input {
        /** The un-normalised residual stream entering the half-block ({@code ft_*_ln = before}). */
        RESIDUAL_STREAM,
        /** The LayerNorm output that the branch itself reads ({@code ft_*_ln = after}). */
        NORMALISED;

        NDArray of(SiteContext context) {
            return this == RESIDUAL_STREAM ? context.input() : context.normed();
        }
    }

    /**
     * A module added in parallel to the branch.
     *
     * @param module the module
     * @param input what it reads
     * @param referenceCompat whether to use the reference's independent drop path masks, normally
     *     {@code ReferenceCompat.requestedBy(host)}
     * @return the site module for the branch site
     */
    public static SiteModule parallel(BranchModule module, Input input, boolean referenceCompat) {
        if (referenceCompat) {
            return (x, context) -> x.add(context.dropPath(module.forward(input.of(context), context)));
        }
        return (x, context) -> context.dropPath(context.undropped().add(module.forward(input.of(context), context)));
    }

    /**
     * A module applied to the branch output, with its own residual: {@code M(b) + b}.
     *
     * @param module the module
     * @param referenceCompat whether to apply it to the already-dropped branch and drop again, normally
     *     {@code ReferenceCompat.requestedBy(host)}
     * @return the site module for the branch site
     */
    public static SiteModule sequentialAfter(BranchModule module, boolean referenceCompat) {
        return (x, context) -> {
            NDArray branch = referenceCompat ? x : context.undropped();
            return context.dropPath(module.forward(branch, context).add(branch));
        };
    }
}
