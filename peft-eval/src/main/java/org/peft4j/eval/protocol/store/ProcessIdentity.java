package org.peft4j.eval.protocol.store;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Who runs a trial: host name, process id, process start time (to tell a reused pid apart) and
 * the host's boot id (to tell a process of an earlier boot, whose pid may be alive again, apart).
 *
 * @param host host name
 * @param pid process id
 * @param startMillis process start, epoch milliseconds, or -1 where unknown
 * @param bootId the kernel's boot id ({@code /proc/sys/kernel/random/boot_id}), or null where unknown
 */
public record ProcessIdentity(String host, long pid, long startMillis, String bootId) {

    private static final String BOOT_ID = bootId(Path.of("/proc/sys/kernel/random/boot_id"));
    private static final ProcessIdentity CURRENT = of(ProcessHandle.current());

    /**
     * An identity without a boot id (as recorded by older versions).
     *
     * @param host host name
     * @param pid process id
     * @param startMillis process start, epoch milliseconds, or -1 where unknown
     */
    public ProcessIdentity(String host, long pid, long startMillis) {
        this(host, pid, startMillis, null);
    }

    /**
     * This process.
     *
     * @return its identity
     */
    public static ProcessIdentity current() {
        return CURRENT;
    }

    private static ProcessIdentity of(ProcessHandle handle) {
        return new ProcessIdentity(hostName(), handle.pid(), startMillis(handle), BOOT_ID);
    }

    /**
     * The boot id in a file such as {@code /proc/sys/kernel/random/boot_id}.
     *
     * @param file the file
     * @return its trimmed content, or null when it cannot be read
     */
    static String bootId(Path file) {
        try {
            String id = Files.readString(file).trim();
            return id.isEmpty() ? null : id;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static long startMillis(ProcessHandle handle) {
        return handle.info().startInstant().map(Instant::toEpochMilli).orElse(-1L);
    }

    /**
     * Whether the process is known to be gone: it ran on this host and either the host has been
     * rebooted since (another boot id) or no process with its pid and start time is alive. A
     * process of another host is never known to be gone.
     *
     * @return true when it is certainly dead
     */
    public boolean isDeadOnThisHost() {
        if (!host.equals(CURRENT.host)) {
            return false;
        }
        if (bootId != null && CURRENT.bootId != null && !bootId.equals(CURRENT.bootId)) {
            return true;
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return true;
        }
        long start = startMillis(handle.get());
        return startMillis > 0 && start > 0 && Math.abs(start - startMillis) > 1000;
    }

    private static String hostName() {
        try {
            String kernel = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
            if (!kernel.isEmpty()) {
                return kernel;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            String env = System.getenv("HOSTNAME");
            return env == null || env.isBlank() ? "unknown-host" : env.trim();
        }
    }

    @Override
    public String toString() {
        return host + ":" + pid;
    }
}
