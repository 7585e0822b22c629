package org.peft4j.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import org.peft4j.slurm.JobsFile;
import org.peft4j.slurm.LiveJobs;
import org.peft4j.slurm.SlurmClient;
import org.peft4j.slurm.SlurmException;
import org.peft4j.eval.protocol.store.ComparisonState;
import org.peft4j.eval.protocol.store.ResultStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code peft status}: where a stored comparison stands, and its live Slurm jobs. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the progress of a stored comparison: trials with a record (ok, failed, diverged) and "
                + "pending per method and task; for a comparison submitted with --executor slurm, its live jobs.",
        footer = {"", "Examples:", "  peft status --store runs/embedded-quick"})
final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec commandSpec;

    @Mixin
    StoreOption store;

    @Override
    public Integer call() {
        ResultStore results = ResultStore.open(store.dir);
        JobsFile jobs = new JobsFile(results.root());
        var out = commandSpec.commandLine().getOut();
        out.printf("comparison %s (%s protocol) in %s%n", results.spec().name(), results.spec().protocol().label(),
                results.root());
        Optional<LiveJobs> live = Optional.empty();
        String unreachable = null;
        if (jobs.exists()) {
            try {
                live = Optional.of(LiveJobs.of(jobs.read(), SlurmClient.commandLine().liveJobs()));
            } catch (SlurmException e) {
                unreachable = e.getMessage();
            }
        }
        out.print(StatusReport.text(new ComparisonState(results).refresh(), results.spec().seeds(), live));
        out.print(StatusReport.troubles(results));
        if (unreachable != null) {
            out.println("slurm: the queue cannot be read here (" + unreachable + ")");
        }
        out.flush();
        return 0;
    }
}
