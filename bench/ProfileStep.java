import ai.djl.pytorch.jni.JniUtils;
import java.util.Map;
import java.util.Set;
import org.peft4j.eval.bench.StepBenchmark;
import org.peft4j.runtime.pipeline.MethodSetup;
import org.peft4j.runtime.plugins.MethodRegistry;

/**
 * Records libtorch's autograd profiler (through DJL's JNI) over training steps of `peft bench`
 * and writes a Chrome trace; bench/trace_top.py sums it per operation.
 *
 * <p>Arguments: MODEL METHOD BATCH STEPS TRACE.json. Run through bench/profile-step.sh.
 */
public final class ProfileStep {

    private ProfileStep() {}

    public static void main(String[] args) {
        String model = args[0];
        String method = args[1];
        int batch = Integer.parseInt(args[2]);
        int steps = Integer.parseInt(args[3]);
        Map<String, String> hp = switch (method) {
            case "lora" -> Map.of("rank", "8");
            case "adapter" -> Map.of("bottleneck", "8", "scale", "0.1");
            default -> Map.of();
        };
        String name = method.equals("adapter") ? "adaptformer" : method;
        int threads = Integer.parseInt(System.getProperty("ai.djl.pytorch.num_threads", "2"));
        try (MethodRegistry registry = MethodRegistry.discover()) {
            var instance = MethodSetup.create(registry, name, hp);
            // warm the engine with an unprofiled run, then profile a fresh one
            StepBenchmark.run(new StepBenchmark.Settings(model, method, batch, 1, 1, threads, 10, false, false, 0,
                    0f, Set.of()), instance.method());
            JniUtils.startProfile(false, true, false);
            System.out.println(StepBenchmark.run(new StepBenchmark.Settings(model, method, batch, steps, 0, threads,
                    10, false, false, 0, 0f, Set.of()), MethodSetup.create(registry, name, hp).method()).toJson());
            JniUtils.stopProfile(args[4]);
        }
    }
}
