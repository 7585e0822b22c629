package org.peft4j.slurm;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.peft4j.eval.protocol.run.WorkerCommand;

/**
 * The batch script of a job array: task {@code i} runs {@code peft trial --store DIR --id IDS[i]
 * --take-over}. Everything is written with absolute paths; before starting Java the task checks
 * that the store, the other shared paths and every class path entry are visible on its node, and
 * otherwise exits with a message in its Slurm log.
 *
 * @param command how to start {@code peft trial}, with absolute paths
 * @param threads intra-op threads of a trial, 0 for {@code SLURM_CPUS_PER_TASK} (else every core)
 * @param sharedPaths further paths the trial reads (data, checkpoint, plugins)
 * @param options the sbatch options
 */
public record SbatchScript(WorkerCommand command, int threads, List<Path> sharedPaths, SlurmOptions options) {

    /** Environment variables passed on to the trial when set here (reproducibility, CUDA libtorch). */
    public static final List<String> PASSED_ENVIRONMENT = List.of("MKL_CBWR", "PYTORCH_FLAVOR", "PYTORCH_VERSION",
            "PYTORCH_LIBRARY_PATH", "DJL_CACHE_DIR");

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./:=,+@%-]+");
    /** Comparison names that may appear in a script: no quotes, {@code $}, backticks or control characters. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._+=,@-]{0,127}");

    /** Copies the list. */
    public SbatchScript {
        sharedPaths = List.copyOf(sharedPaths);
    }

    /**
     * The Slurm log of an array task.
     *
     * @param store the store folder
     * @param jobId {@code ARRAYJOB_INDEX}
     * @return {@code logs/slurm-<jobId>.log} in the store
     */
    public static Path log(Path store, String jobId) {
        return store.resolve("logs").resolve("slurm-" + jobId + ".log");
    }

    /**
     * The script of one array.
     *
     * @param store the store folder, absolute
     * @param name the comparison's name, for the job name
     * @param trialIds one trial per array task
     * @param environment variables to export (see {@link #PASSED_ENVIRONMENT})
     * @return the script text
     */
    public String text(Path store, String name, List<String> trialIds, Map<String, String> environment) {
        requireSafe(store, name);
        StringBuilder s = new StringBuilder();
        s.append("#!/bin/bash\n");
        s.append("# peft4j: one array task per trial of the comparison '").append(name).append("' in ").append(store)
                .append(",\n# written by 'peft compare --executor slurm'. Task i runs trial IDS[i]; resubmit it with\n")
                .append("#   sbatch --array=i <this file>\n");
        s.append("#SBATCH --job-name=").append(jobName(name)).append('\n');
        s.append("#SBATCH --array=0-").append(trialIds.size() - 1).append('\n');
        s.append("#SBATCH --output=").append(sbatchQuote(log(store, "%A_%a").toString())).append('\n');
        s.append("#SBATCH --open-mode=append\n");
        options.sbatchOptions().forEach(o -> s.append("#SBATCH ").append(sbatchQuote(o)).append('\n'));
        s.append("set -u\n");
        s.append("IDS=(").append(String.join(" ", trialIds.stream().map(SbatchScript::quote).toList())).append(")\n");
        s.append("ID=${IDS[$SLURM_ARRAY_TASK_ID]}\n");
        s.append("echo \"peft4j: trial $ID, job ${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID} on $(hostname), "
                + "$(date -u +%FT%TZ)\"\n");
        s.append("missing() {\n  echo \"peft4j: $1 $2 is not visible on $(hostname): the store, data, checkpoint, "
                + "plugins, java and class path must be on a file system shared with the submitting host, "
                + "under the same absolute paths\" >&2\n  exit 2\n}\n");
        List<String> paths = new ArrayList<>(List.of(store.toString(), command.java()));
        sharedPaths.forEach(p -> paths.add(p.toString()));
        s.append("for p in");
        paths.forEach(p -> s.append(' ').append(quote(p)));
        s.append("; do [ -e \"$p\" ] || missing path \"$p\"; done\n");
        s.append("CP=").append(quote(command.classPath())).append('\n');
        s.append("IFS=").append(quote(File.pathSeparator)).append(" read -ra CP_ENTRIES <<< \"$CP\"\n");
        s.append("for p in \"${CP_ENTRIES[@]}\"; do [ -e \"$p\" ] || missing \"class path entry\" \"$p\"; done\n");
        s.append("export OMP_NUM_THREADS=").append(threads > 0 ? String.valueOf(threads)
                : "\"${SLURM_CPUS_PER_TASK:-$(nproc)}\"").append('\n');
        environment.forEach((k, v) -> s.append("export ").append(k).append('=').append(quote(v)).append('\n'));
        s.append("exec");
        for (String arg : command.trialCommand(store, List.of())) {
            s.append(' ').append(arg.equals(command.classPath()) ? "\"$CP\"" : quote(arg));
        }
        s.append(" --id \"$ID\" --take-over\n");
        return s.toString();
    }

    /**
     * Refuses a comparison name outside {@link #NAME} and a store path that cannot be written in an
     * {@code #SBATCH} line (a control character, or {@code %}, which sbatch expands).
     */
    private static void requireSafe(Path store, String name) {
        if (!NAME.matcher(name).matches()) {
            throw new SlurmException("the comparison name '" + printable(name) + "' cannot go into a Slurm script: "
                    + "expected 1 to 128 letters, digits, blanks and . _ + = , @ - (starting with a letter or digit); "
                    + "rename the comparison with --name");
        }
        String path = store.toString();
        if (path.chars().anyMatch(c -> Character.isISOControl(c) || c == '%')) {
            throw new SlurmException("the store path '" + printable(path) + "' cannot go into a Slurm script: it "
                    + "holds a control character or '%'; choose a results folder without them");
        }
    }

    /** The text with control characters shown as backslash-u escapes, for messages. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> out.append(Character.isISOControl(c) ? String.format("\\u%04X", c)
                : new String(Character.toChars(c))));
        return out.toString();
    }

    /**
     * An {@code #SBATCH} argument: unchanged when safe, else in double quotes with {@code \} and
     * {@code "} escaped, as sbatch reads them (an unquoted {@code #} would start a comment).
     */
    static String sbatchQuote(String arg) {
        return SAFE.matcher(arg).matches() ? arg : "\"" + arg.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** {@code peft4j-<name>}, with characters other than letters, digits, '.', '_' and '-' replaced. */
    static String jobName(String name) {
        return "peft4j-" + name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** The argument for bash: unchanged when safe, else in single quotes. */
    static String quote(String arg) {
        return SAFE.matcher(arg).matches() ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }
}
