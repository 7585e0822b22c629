package org.peft4j.eval.protocol.run;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How to start a worker JVM: this JVM's java executable, class path and heap and system-property
 * options, then {@code <main> trial --store DIR --worker <options>}.
 *
 * @param java the java executable
 * @param classPath the class path
 * @param jvmOptions options before the main class
 * @param mainClass the command-line main class
 * @param workerOptions options after {@code trial --store DIR --worker}
 * @param environment variables added to the inherited environment
 */
public record WorkerCommand(String java, String classPath, List<String> jvmOptions, String mainClass,
        List<String> workerOptions, Map<String, String> environment) {

    /** Copies the collections. */
    public WorkerCommand {
        jvmOptions = List.copyOf(jvmOptions);
        workerOptions = List.copyOf(workerOptions);
        environment = Map.copyOf(environment);
    }

    /**
     * The command of a worker like this JVM: same java, class path, {@code -X}, {@code -XX:} and {@code -D} options
     * (except the intra-op thread count), and OpenMP limited to the worker's threads.
     *
     * @param mainClass the command-line main class
     * @param workerOptions options for {@code peft trial}
     * @param threads the worker's intra-op threads
     * @return the command
     */
    public static WorkerCommand likeThisJvm(String mainClass, List<String> workerOptions, int threads) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> options = new ArrayList<>();
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("-Xmx") || arg.startsWith("-Xms") || arg.startsWith("-Xmn") || arg.startsWith("-Xss")
                    || arg.startsWith("-XX:") || arg.startsWith("-D") && !arg.startsWith("-Dai.djl.pytorch.num_threads=")) {
                options.add(arg);
            }
        }
        return new WorkerCommand(java, System.getProperty("java.class.path"), options, mainClass, workerOptions,
                Map.of("OMP_NUM_THREADS", String.valueOf(threads)));
    }

    /**
     * This command with an absolute java executable and absolute class path entries, for hosts
     * that start it in another working directory.
     *
     * @return the command
     */
    public WorkerCommand withAbsolutePaths() {
        String path = Arrays.stream(classPath.split(File.pathSeparator)).filter(e -> !e.isEmpty())
                .map(e -> Path.of(e).toAbsolutePath().normalize().toString()).collect(Collectors.joining(File.pathSeparator));
        return new WorkerCommand(Path.of(java).toAbsolutePath().toString(), path, jvmOptions, mainClass, workerOptions,
                environment);
    }

    /**
     * The full command line of a worker for a store.
     *
     * @param store the store folder
     * @return program and arguments
     */
    public List<String> command(Path store) {
        return trialCommand(store, List.of("--worker"));
    }

    /**
     * The command line of {@code peft trial} for a store with the given target options.
     *
     * @param store the store folder
     * @param target what to run, e.g. {@code --worker} or {@code --id ID}
     * @return program and arguments
     */
    public List<String> trialCommand(Path store, List<String> target) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(mainClass);
        cmd.add("trial");
        cmd.add("--store");
        cmd.add(store.toString());
        cmd.addAll(target);
        cmd.addAll(workerOptions);
        return cmd;
    }
}
