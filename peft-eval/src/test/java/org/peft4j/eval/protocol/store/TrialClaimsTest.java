package org.peft4j.eval.protocol.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peft4j.eval.protocol.Json;

class TrialClaimsTest {

    private static void writeClaim(Path trial, int generation, String host, long pid, long heartbeat) throws Exception {
        Files.createDirectories(trial);
        Files.writeString(trial.resolve("claim-" + generation + ".json"),
                Json.GSON.toJson(new ClaimInfo(host, pid, -1, heartbeat, heartbeat)));
    }

    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    @Test
    void aLiveClaimIsRespectedAndReleasedOnClose(@TempDir Path dir) {
        Path trial = dir.resolve("0123456789abcdef0123");
        try (TrialClaims mine = new TrialClaims(Duration.ofMinutes(1)); TrialClaims other = new TrialClaims(Duration.ofMinutes(1))) {
            Optional<Claim> claim = mine.tryClaim(trial);
            assertTrue(claim.isPresent());
            assertTrue(Files.exists(trial.resolve("claim-1.json")));
            assertTrue(other.tryClaim(trial).isEmpty(), "the holder is alive and beating");
            assertTrue(other.isHeld(trial));
            claim.get().close();
            assertFalse(Files.exists(trial.resolve("claim-1.json")));
            assertFalse(other.isHeld(trial));
            other.tryClaim(trial).orElseThrow().close();
        }
    }

    @Test
    void aClaimOfADeadProcessOrWithAStaleHeartbeatIsTakenOver(@TempDir Path dir) throws Exception {
        String host = ProcessIdentity.current().host();
        long now = System.currentTimeMillis();
        try (TrialClaims claims = new TrialClaims(Duration.ofSeconds(30))) {
            Path dead = dir.resolve("a");
            writeClaim(dead, 1, host, deadPid(), now);
            Claim taken = claims.tryClaim(dead).orElseThrow();
            assertEquals("claim-2.json", taken.file().getFileName().toString());
            assertFalse(Files.exists(dead.resolve("claim-1.json")), "the dead claim is cleaned up");
            taken.close();

            Path elsewhereFresh = dir.resolve("b");
            writeClaim(elsewhereFresh, 3, "another-host", 1, now);
            assertTrue(claims.tryClaim(elsewhereFresh).isEmpty(), "another host's fresh heartbeat is respected");

            Path elsewhereStale = dir.resolve("c");
            writeClaim(elsewhereStale, 3, "another-host", 1, now - 60_000);
            claims.tryClaim(elsewhereStale).orElseThrow().close();

            Path hung = dir.resolve("d");
            writeClaim(hung, 1, host, ProcessHandle.current().pid(), now - 60_000);
            assertTrue(claims.tryClaim(hung).isPresent(), "a live process without heartbeat is taken over too");
        }
    }

    @Test
    void theOldOwnerNoticesATakeOverAtItsNextHeartbeat(@TempDir Path dir) throws Exception {
        Path trial = dir.resolve("e");
        try (TrialClaims claims = new TrialClaims(Duration.ofMillis(500))) {
            Claim claim = claims.tryClaim(trial).orElseThrow();
            writeClaim(trial, 2, "another-host", 1, System.currentTimeMillis());
            long deadline = System.currentTimeMillis() + 5000;
            while (!claim.lost() && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(claim.lost());
            claim.close();
            assertTrue(Files.exists(trial.resolve("claim-2.json")), "closing a lost claim leaves the new one alone");
        }
    }
}
