package org.peft4j.methods.common;

import org.peft4j.api.Site;

/** The attention or MLP half of a block, with its sites and the reference's module names. */
public enum BlockSide {
    /** The attention half. */
    ATTENTION(Site.ATTN_NORM, Site.ATTN_BRANCH, "ft_attn_module", "attn.qkv"),
    /** The MLP half. */
    MLP(Site.MLP_NORM, Site.MLP_BRANCH, "ft_mlp_module", "mlp.fc1");

    private final Site normSite;
    private final Site branchSite;
    private final String moduleName;
    private final String firstLinear;

    BlockSide(Site normSite, Site branchSite, String moduleName, String firstLinear) {
        this.normSite = normSite;
        this.branchSite = branchSite;
        this.moduleName = moduleName;
        this.firstLinear = firstLinear;
    }

    /**
     * The site of the half's LayerNorm output.
     *
     * @return {@code ATTN_NORM} or {@code MLP_NORM}
     */
    public Site normSite() {
        return normSite;
    }

    /**
     * The site of the half's branch output.
     *
     * @return {@code ATTN_BRANCH} or {@code MLP_BRANCH}
     */
    public Site branchSite() {
        return branchSite;
    }

    /**
     * Dotted prefix of a module inserted on this side of block i, as the reference names it.
     *
     * @param block block index
     * @return e.g. {@code blocks.3.ft_mlp_module.}
     */
    public String modulePrefix(int block) {
        return "blocks." + block + "." + moduleName + ".";
    }

    /**
     * Dotted name of the first linear layer of the half (qkv or fc1), which reads the norm output.
     *
     * @param block block index
     * @return e.g. {@code blocks.3.attn.qkv}
     */
    public String firstLinear(int block) {
        return "blocks." + block + "." + firstLinear;
    }
}
