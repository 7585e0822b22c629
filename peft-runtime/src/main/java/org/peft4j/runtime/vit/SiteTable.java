package org.peft4j.runtime.vit;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.peft4j.api.Site;
import org.peft4j.api.SiteModule;

/** The modules inserted at each site of one model, applied in insertion order. */
final class SiteTable {

    private final int depth;
    private final Map<Site, List<List<SiteModule>>> modules = new EnumMap<>(Site.class);

    SiteTable(int depth) {
        this.depth = depth;
    }

    void insert(Site site, int block, SiteModule module) {
        if (site.perBlock() && (block < 0 || block >= depth)) {
            throw new IllegalArgumentException("block " + block + " is outside [0, " + depth + ") for site " + site);
        }
        if (!site.perBlock() && block != -1) {
            throw new IllegalArgumentException("site " + site + " is not per block");
        }
        List<List<SiteModule>> perBlock = modules.computeIfAbsent(site, s -> {
            List<List<SiteModule>> lists = new ArrayList<>();
            for (int i = 0; i < (s.perBlock() ? depth : 1); i++) {
                lists.add(new ArrayList<>());
            }
            return lists;
        });
        perBlock.get(Math.max(block, 0)).add(module);
    }

    boolean has(Site site, int block) {
        List<List<SiteModule>> perBlock = modules.get(site);
        return perBlock != null && !perBlock.get(Math.max(block, 0)).isEmpty();
    }

    NDArray apply(Site site, int block, NDArray x, ForwardPass.Context context) {
        List<List<SiteModule>> perBlock = modules.get(site);
        if (perBlock == null) {
            return x;
        }
        NDArray out = x;
        for (SiteModule m : perBlock.get(Math.max(block, 0))) {
            out = m.forward(out, context);
        }
        return out;
    }

    void clear() {
        modules.clear();
    }

    boolean isEmpty() {
        return modules.isEmpty();
    }
}
