package org.peft4j.eval.protocol.store;

/**
 * The content of a claim file.
 *
 * @param host host of the claiming process
 * @param pid its process id
 * @param processStart its start, epoch milliseconds (-1 unknown)
 * @param heartbeat last refresh, epoch milliseconds
 * @param claimedAt when the claim was made, epoch milliseconds
 */
public record ClaimInfo(String host, long pid, long processStart, long heartbeat, long claimedAt) {

    /**
     * The claiming process.
     *
     * @return its identity
     */
    public ProcessIdentity owner() {
        return new ProcessIdentity(host, pid, processStart);
    }
}
