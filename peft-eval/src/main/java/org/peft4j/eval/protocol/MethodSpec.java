package org.peft4j.eval.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One method of a comparison with its resolved tuning grid.
 *
 * @param name the registered method name
 * @param version the method implementation's version
 * @param spiVersion the SPI version its plugin was built against
 * @param grid the method-specific grid points in grid order, each a complete set of
 *     hyperparameters written as text (defaults filled in); one point when nothing is tuned
 */
public record MethodSpec(String name, String version, String spiVersion, List<Map<String, String>> grid) {

    /** Checks and copies the values. */
    public MethodSpec {
        Objects.requireNonNull(name, "name");
        if (grid.isEmpty()) {
            throw new IllegalArgumentException("method '" + name + "' needs at least one grid point");
        }
        grid = grid.stream().map(p -> Collections.unmodifiableMap(new LinkedHashMap<>(p))).toList();
    }
}
