import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The physical limit of a peft4j step: fp32 GEMM throughput of the libtorch that DJL loads, with
 * the threads the launcher gives `peft bench`. Times C = A·B for square sizes and for the shapes
 * of the vit-s16 (batch 8) and vit-tiny (batch 32) linear layers, and prints one JSON line per
 * shape and a last line with the peak (the best median over the shapes).
 *
 * <p>Run through {@code bench/gemm-peak.sh}, which sets the launcher's environment and classpath.
 */
public final class GemmPeak {

    private GemmPeak() {}

    public static void main(String[] args) {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        long[][] shapes = {
            {1024, 1024, 1024}, {2048, 2048, 2048},
            {8 * 197, 384, 1152}, {8 * 197, 384, 1536}, {8 * 197, 1536, 384},
            {32 * 65, 192, 576}, {32 * 65, 192, 768}, {32 * 65, 768, 192},
        };
        double peak = 0;
        String version = Engine.getEngine("PyTorch").getVersion();
        try (NDManager manager = NDManager.newBaseManager()) {
            for (long[] s : shapes) {
                NDArray a = manager.randomNormal(new Shape(s[0], s[1]));
                NDArray b = manager.randomNormal(new Shape(s[1], s[2]));
                List<Double> gflops = new ArrayList<>();
                for (int i = 0; i < repeats + 3; i++) {
                    try (NDManager step = manager.newSubManager()) {
                        long t0 = System.nanoTime();
                        NDArray c = a.matMul(b);
                        c.attach(step);
                        double seconds = (System.nanoTime() - t0) / 1e9;
                        if (i >= 3) {
                            gflops.add(2.0 * s[0] * s[1] * s[2] / seconds / 1e9);
                        }
                    }
                }
                Collections.sort(gflops);
                double median = gflops.get(gflops.size() / 2);
                peak = Math.max(peak, median);
                System.out.printf(Locale.ROOT, "{\"impl\": \"peft4j\", \"torch_version\": \"%s\", \"gemm\": \"%dx%dx%d\", "
                        + "\"gflops_median\": %.1f, \"gflops_max\": %.1f}%n",
                        version, s[0], s[1], s[2], median, gflops.get(gflops.size() - 1));
            }
        }
        System.out.printf(Locale.ROOT, "{\"impl\": \"peft4j\", \"torch_version\": \"%s\", \"gemm\": \"peak\", "
                + "\"gflops_median\": %.1f}%n", version, peak);
    }
}
