package org.peft4j.methods.selective;

import java.util.function.ToLongFunction;
import org.peft4j.api.BackboneShape;

/**
 * The sub-module of a block that selective tuning trains ({@code docs/methods.md#selective}), with
 * its globs relative to {@code blocks.{i}.} and its size per block. The {@code part}
 * hyperparameter spells it in lower case, e.g. {@code attn_qkv}.
 */
enum SelectivePart {
    /** The fused qkv Linear: 3·D² + 3·D. */
    ATTN_QKV(s -> 3L * s.dim() * s.dim() + 3L * s.dim(), "attn.qkv.*"),
    /** The attention output projection: D² + D. */
    ATTN_PROJ(s -> (long) s.dim() * s.dim() + s.dim(), "attn.proj.*"),
    /** The whole attention (qkv and proj): 4·D² + 4·D. */
    ATTN(s -> 4L * s.dim() * s.dim() + 4L * s.dim(), "attn.**"),
    /** The first MLP Linear: H·D + H. */
    MLP_FC1(s -> (long) s.mlpHidden() * s.dim() + s.mlpHidden(), "mlp.fc1.*"),
    /** The second MLP Linear: D·H + D. */
    MLP_FC2(s -> (long) s.dim() * s.mlpHidden() + s.dim(), "mlp.fc2.*"),
    /** The whole MLP: 2·D·H + H + D. */
    MLP(s -> 2L * s.dim() * s.mlpHidden() + s.mlpHidden() + s.dim(), "mlp.**"),
    /** The whole block, both LayerNorms included: 4·D + 4·D² + 4·D + 2·D·H + H + D. */
    BLOCK(s -> 4L * s.dim() + ATTN.perBlock(s) + MLP.perBlock(s), "**");

    private final ToLongFunction<BackboneShape> perBlock;
    private final String glob;

    SelectivePart(ToLongFunction<BackboneShape> perBlock, String glob) {
        this.perBlock = perBlock;
        this.glob = glob;
    }

    /** The glob selecting this part of block {@code block}. */
    String glob(int block) {
        return "blocks." + block + "." + glob;
    }

    /** Scalars of this part in one block. */
    long perBlock(BackboneShape shape) {
        return perBlock.applyAsLong(shape);
    }
}
