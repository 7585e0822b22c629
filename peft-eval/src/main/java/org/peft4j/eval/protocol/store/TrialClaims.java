package org.peft4j.eval.protocol.store;

import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.peft4j.eval.protocol.Json;

/**
 * Makes sure two processes never run the same trial. A claim is a file
 * {@code trials/<id>/claim-<generation>.json} created with {@code CREATE_NEW} (so exactly one
 * process gets each generation) holding host, pid and a heartbeat refreshed while the trial runs.
 * The highest generation is the current claim. A claim whose process is gone (same host, pid not
 * alive or reused) or whose heartbeat is older than {@code staleAfter} is taken over by creating
 * the next generation; its old owner notices at its next heartbeat and stops.
 */
public final class TrialClaims implements AutoCloseable {

    /** Default heartbeat age after which a claim is taken over. */
    public static final Duration DEFAULT_STALE_AFTER = Duration.ofMinutes(10);

    private static final Logger LOG = LogManager.getLogger(TrialClaims.class);
    private static final Pattern FILE = Pattern.compile("claim-(\\d+)\\.json");

    private final Duration staleAfter;
    private final ScheduledExecutorService heartbeats;

    /**
     * Creates the claim manager of this process.
     *
     * @param staleAfter heartbeat age after which another process's claim is taken over
     */
    public TrialClaims(Duration staleAfter) {
        if (staleAfter.toMillis() < 100) {
            throw new IllegalArgumentException("the stale-claim timeout must be at least 100 ms, got " + staleAfter);
        }
        this.staleAfter = staleAfter;
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "peft4j-claim-heartbeat");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The heartbeat age after which a claim is taken over.
     *
     * @return the timeout
     */
    public Duration staleAfter() {
        return staleAfter;
    }

    /**
     * Claims a trial unless a live process holds it.
     *
     * @param trialDir the trial's folder (created if needed)
     * @return the claim, or empty when another live process holds the trial or won the race
     */
    public Optional<Claim> tryClaim(Path trialDir) {
        return claim(trialDir, false);
    }

    /**
     * Claims a trial even when its current claim looks alive: for a scheduler that knows the
     * previous holder's job has ended (its process may be on another host, where its death cannot
     * be seen). Should the holder still run, it stops at its next heartbeat.
     *
     * @param trialDir the trial's folder (created if needed)
     * @return the claim, or empty when another process won the race for the next claim
     */
    public Optional<Claim> takeOver(Path trialDir) {
        return claim(trialDir, true);
    }

    private Optional<Claim> claim(Path trialDir, boolean force) {
        String id = trialDir.getFileName().toString();
        int generation = currentGeneration(trialDir);
        if (generation > 0) {
            Path current = file(trialDir, generation);
            Optional<String> why = whyTakeOver(current)
                    .or(() -> force ? Optional.of("asked to take over: its job has ended") : Optional.empty());
            if (why.isEmpty()) {
                return Optional.empty();
            }
            LOG.warn("trial {}: taking over the claim {} ({})", id, current.getFileName(), why.get());
        }
        Path next = file(trialDir, generation + 1);
        long now = System.currentTimeMillis();
        try {
            Files.createDirectories(trialDir);
            Files.write(next, info(now, now).getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the claim file " + next + ": " + e.getMessage(), e);
        }
        for (int g = 1; g <= generation; g++) {
            deleteQuietly(file(trialDir, g));
        }
        Claim claim = new Claim(id, next, generation + 1);
        long period = Math.max(50, staleAfter.toMillis() / 10);
        claim.heartbeat(heartbeats.scheduleAtFixedRate(() -> beat(claim, trialDir, generation + 1, now), period,
                period, TimeUnit.MILLISECONDS));
        return Optional.of(claim);
    }

    /**
     * Whether a trial is held by a live claim of any process.
     *
     * @param trialDir the trial's folder
     * @return true when a claim exists and is neither dead nor stale
     */
    public boolean isHeld(Path trialDir) {
        int generation = currentGeneration(trialDir);
        return generation > 0 && whyTakeOver(file(trialDir, generation)).isEmpty();
    }

    private void beat(Claim claim, Path trialDir, int generation, long claimedAt) {
        try {
            if (currentGeneration(trialDir) > generation) {
                claim.markLost("a newer claim exists");
                return;
            }
            claim.refresh(info(System.currentTimeMillis(), claimedAt));
        } catch (RuntimeException e) {
            LOG.warn("trial {}: cannot refresh the claim heartbeat: {}", claim.trialId(), e.getMessage());
        }
    }

    /** Why a claim may be taken over, or empty when its owner is alive and beating. */
    private Optional<String> whyTakeOver(Path claimFile) {
        long heartbeat;
        ClaimInfo info = read(claimFile);
        try {
            heartbeat = info != null ? info.heartbeat() : Files.getLastModifiedTime(claimFile).toMillis();
        } catch (NoSuchFileException e) {
            return Optional.of("it was just released");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the claim file " + claimFile + ": " + e.getMessage(), e);
        }
        if (info != null && info.owner().isDeadOnThisHost()) {
            return Optional.of("process " + info.owner() + " is no longer running");
        }
        long age = System.currentTimeMillis() - heartbeat;
        if (age > staleAfter.toMillis()) {
            return Optional.of("no heartbeat for " + age / 1000 + " s, more than " + staleAfter.toSeconds() + " s");
        }
        return Optional.empty();
    }

    private static ClaimInfo read(Path claimFile) {
        try {
            return Json.GSON.fromJson(Files.readString(claimFile), ClaimInfo.class);
        } catch (IOException | JsonParseException | IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }

    private static String info(long heartbeat, long claimedAt) {
        ProcessIdentity me = ProcessIdentity.current();
        return Json.GSON.toJson(new ClaimInfo(me.host(), me.pid(), me.startMillis(), heartbeat, claimedAt, me.bootId()));
    }

    static int currentGeneration(Path trialDir) {
        if (!Files.isDirectory(trialDir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(trialDir)) {
            return files.map(p -> FILE.matcher(p.getFileName().toString())).filter(Matcher::matches)
                    .mapToInt(m -> Integer.parseInt(m.group(1))).max().orElse(0);
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + trialDir + ": " + e.getMessage(), e);
        }
    }

    private static Path file(Path trialDir, int generation) {
        return trialDir.resolve("claim-" + generation + ".json");
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debug("cannot delete {}: {}", file, e.getMessage());
        }
    }

    /** Stops the heartbeat thread. */
    @Override
    public void close() {
        heartbeats.shutdownNow();
    }
}
