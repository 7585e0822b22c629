package org.peft4j.blocks;

import java.util.List;
import org.peft4j.api.BackboneShape;
import org.peft4j.api.BackboneLayout;
import org.peft4j.api.ClosedFormCount;
import org.peft4j.api.MergeTarget;
import org.peft4j.api.Mergeable;
import org.peft4j.api.ParameterSelector;
import org.peft4j.api.PeftHost;
import org.peft4j.api.PeftMethod;

/**
 * A method that trains groups of existing backbone parameters (besides the head). It adds no
 * tensors, so merging has nothing to fold: the trained backbone already is the merged model.
 */
public class BaseWeightTuning implements PeftMethod, Mergeable, ClosedFormCount {

    private final List<BaseParameterGroup> groups;

    /**
     * Creates the method.
     *
     * @param groups the disjoint parameter groups to train; none for linear probing
     */
    public BaseWeightTuning(BaseParameterGroup... groups) {
        this.groups = List.of(groups);
    }

    /** Makes the groups' parameters trainable; adds nothing. */
    @Override
    public void attach(PeftHost host) {
        if (!groups.isEmpty()) {
            host.train(ParameterSelector.globs(
                    groups.stream().flatMap(g -> g.globs().stream()).toArray(String[]::new)));
        }
    }

    /** Nothing to fold: only base weights were trained. */
    @Override
    public void merge(MergeTarget target) {
        // the trained base weights are the merged model
    }

    /** The groups' sizes on timm's supervised ViT, summed. */
    @Override
    public long insertedParameters(BackboneShape shape) {
        return insertedParameters(shape, BackboneLayout.standard(shape));
    }

    /** The groups' sizes, summed. */
    @Override
    public long insertedParameters(BackboneShape shape, BackboneLayout layout) {
        return groups.stream().mapToLong(g -> g.count(shape, layout)).sum();
    }
}
