import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Map;
import org.peft4j.runtime.pipeline.MethodSetup;
import org.peft4j.runtime.plugins.MethodRegistry;
import org.peft4j.runtime.train.AdamW;
import org.peft4j.runtime.train.TrainStep;
import org.peft4j.runtime.vit.ModelParameter;
import org.peft4j.runtime.vit.PeftModel;
import org.peft4j.runtime.vit.VisionTransformer;
import org.peft4j.runtime.vit.VitConfig;

/**
 * Records libtorch's autograd profiler (through DJL's JNI) over training steps as `peft bench`
 * runs them (forward, cross-entropy, backward, AdamW, one NDScope per step), after two unprofiled
 * steps, and writes a Chrome trace; bench/trace_top.py sums it per operation.
 *
 * <p>Arguments: MODEL METHOD BATCH STEPS TRACE.json. Run through bench/profile-step.sh.
 */
public final class ProfileStep {

    private ProfileStep() {}

    public static void main(String[] args) {
        String method = args[1];
        int batch = Integer.parseInt(args[2]);
        int steps = Integer.parseInt(args[3]);
        Map<String, String> hp = switch (method) {
            case "lora" -> Map.of("rank", "8");
            case "adapter" -> Map.of("bottleneck", "8", "scale", "0.1");
            default -> Map.of();
        };
        VitConfig config = VitConfig.preset(args[0], 10);
        try (MethodRegistry registry = MethodRegistry.discover();
                VisionTransformer vit = VisionTransformer.create(config, Device.cpu());
                NDManager data = NDManager.newBaseManager()) {
            PeftModel.attach(vit, MethodSetup.create(registry, method.equals("adapter") ? "adaptformer" : method, hp)
                    .method(), false);
            NDArray x = data.randomNormal(new Shape(batch, 3, config.imageSize(), config.imageSize()));
            NDArray y = data.randomInteger(0, 10, new Shape(batch), DataType.INT64);
            AdamW adamw = AdamW.standard(vit.parameters().where(ModelParameter::isTrainable));
            for (int i = 0; i < steps + 2; i++) {
                if (i == 2) {
                    JniUtils.startProfile(false, false, false);
                }
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    TrainStep.forwardBackward(vit, x, y, 1f);
                    adamw.step(1e-3f, 1e-4f);
                }
            }
            JniUtils.stopProfile(args[4]);
        }
    }
}
