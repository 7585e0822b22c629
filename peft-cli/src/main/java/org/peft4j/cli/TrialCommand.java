package org.peft4j.cli;

import java.util.concurrent.Callable;
import org.peft4j.eval.protocol.run.TrialRunner;
import org.peft4j.eval.protocol.run.Worker;
import org.peft4j.eval.protocol.store.ResultStore;
import org.peft4j.eval.protocol.store.TrialClaims;
import org.peft4j.runtime.config.PeftConfig;
import org.peft4j.runtime.config.Settings;
import org.peft4j.runtime.data.ImageCache;
import org.peft4j.runtime.plugins.MethodRegistry;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code peft trial}: runs one trial of a stored comparison, or claims trials until none is left. */
@Command(name = "trial", mixinStandardHelpOptions = true,
        description = "Run trials of a comparison stored by 'peft compare': one by id, or (--worker) claim and run "
                + "trials until none is left. Any number of workers may share a store; none runs a trial twice.",
        footer = {"", "Examples:",
                "  peft trial --store runs/vtab-1k-study --id 3f2a9c0d1e4b5a6c7d8e",
                "  peft trial --store runs/vtab-1k-study --worker --threads 4",
                "  peft trial --store runs/vtab-1k-study --id 3f2a9c0d1e4b5a6c7d8e --take-over"})
final class TrialCommand implements Callable<Integer> {

    @Mixin
    StoreOption store;

    @Mixin
    ConfigOptions settings;

    @Mixin
    DeviceOptions device;

    @Mixin
    ClaimOptions claiming;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    /** Which trials to run. */
    static final class Target {
        @Option(names = "--id", description = "Run this trial (its folder name under trials/)")
        String id;

        @Option(names = "--worker", description = "Claim and run trials until none is left")
        boolean worker;
    }

    @Option(names = "--take-over", description = "With --id: take over the trial's claim even if it looks alive, "
            + "for schedulers that know its previous job has ended (its old process stops at its next heartbeat)")
    boolean takeOver;

    @Override
    public Integer call() throws InterruptedException {
        if (takeOver && target.worker) {
            throw new CommandException("--take-over goes with --id: a worker takes over dead claims only");
        }
        PeftConfig config = settings.load(device.addTo(new ConfigOptions.Overrides()));
        ResultStore results = ResultStore.open(store.dir);
        try (MethodRegistry registry = MethodRegistry.discover(config.get(Settings.PLUGINS_DIR));
                TrialClaims claims = claiming.claims()) {
            TrialRunner runner = new TrialRunner(results, registry, EngineSetup.start(config),
                    ImageCache.Options.defaults());
            Worker worker = new Worker(results, runner, claims, claiming.poll(), Worker.Retries.DEFAULT,
                    claiming.allowMixedBuilds);
            if (target.worker) {
                worker.runAll();
            } else {
                worker.runOne(target.id, takeOver);
            }
        }
        return 0;
    }
}
