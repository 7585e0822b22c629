package org.peft4j.eval.manyshot;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.peft4j.runtime.data.Sample;

/**
 * Seeded, stratified sampling of a training split, for the many-shot protocol: a training subset
 * of a given size per class, and a validation split carved out of that subset (never out of the
 * test split). Within each class the examples are shuffled with one {@link Random} seeded once and
 * visited class by class in label order, so the same seed always gives the same split; every
 * part keeps the order of the source list.
 */
public final class StratifiedSplit {

    /**
     * The splits of a many-shot task, named after the roles they play in the protocol.
     *
     * @param trainval the training subset: final runs train on it (the role of train800val200)
     * @param train the part of it that tuning trials train on (the role of train800)
     * @param val the rest, on which tuning trials are scored (the role of val200)
     */
    public record ManyShot(List<Sample> trainval, List<Sample> train, List<Sample> val) {

        /** Copies the lists. */
        public ManyShot {
            trainval = List.copyOf(trainval);
            train = List.copyOf(train);
            val = List.copyOf(val);
        }
    }

    /**
     * Two disjoint parts of a list.
     *
     * @param chosen the sampled examples, in source order
     * @param rest the others, in source order
     */
    public record Parts(List<Sample> chosen, List<Sample> rest) {}

    private StratifiedSplit() {}

    /**
     * Samples the given amount from every class.
     *
     * @param samples the source examples
     * @param amount how many per class
     * @param seed the seed
     * @param keepOne whether every class must keep at least one example outside the sample
     * @return the sample and the rest
     * @throws IllegalArgumentException naming the class when it has too few examples
     */
    public static Parts take(List<Sample> samples, PerClass amount, long seed, boolean keepOne) {
        TreeMap<Integer, List<Integer>> byClass = new TreeMap<>();
        for (int i = 0; i < samples.size(); i++) {
            byClass.computeIfAbsent(samples.get(i).label(), k -> new ArrayList<>()).add(i);
        }
        Random random = new Random(seed);
        boolean[] chosen = new boolean[samples.size()];
        for (var e : byClass.entrySet()) {
            List<Integer> indices = new ArrayList<>(e.getValue());
            int n = indices.size();
            int want = amount.of(n);
            if (keepOne && amount.count() == 0) {
                want = Math.min(want, n - 1);
            }
            int limit = keepOne ? n - 1 : n;
            if (want > limit) {
                throw new IllegalArgumentException("class " + e.getKey() + " has " + n + " examples, too few to take "
                        + want + (keepOne ? " and keep one for training" : "") + "; ask for fewer per class");
            }
            Collections.shuffle(indices, random);
            for (int k = 0; k < want; k++) {
                chosen[indices.get(k)] = true;
            }
        }
        List<Sample> in = new ArrayList<>();
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            (chosen[i] ? in : out).add(samples.get(i));
        }
        return new Parts(in, out);
    }

    /**
     * The many-shot splits: first {@code trainAmount} per class of the training examples (all of
     * them for {@code null}), then {@code valAmount} per class of that subset as validation.
     *
     * @param training the data set's training examples
     * @param trainAmount examples per class to train on, or null for all
     * @param valAmount examples per class of the subset to validate on
     * @param seed the seed of both draws
     * @return the splits
     */
    public static ManyShot manyShot(List<Sample> training, PerClass trainAmount, PerClass valAmount, long seed) {
        List<Sample> trainval = trainAmount == null ? training : take(training, trainAmount, seed, false).chosen();
        Parts carved = take(trainval, valAmount, seed + 1, true);
        return new ManyShot(trainval, carved.rest(), carved.chosen());
    }
}
