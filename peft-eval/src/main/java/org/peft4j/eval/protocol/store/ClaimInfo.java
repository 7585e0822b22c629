package org.peft4j.eval.protocol.store;

/**
 * The content of a claim file.
 *
 * @param host host of the claiming process
 * @param pid its process id
 * @param processStart its start, epoch milliseconds (-1 unknown)
 * @param heartbeat last refresh, epoch milliseconds
 * @param claimedAt when the claim was made, epoch milliseconds
 * @param bootId the claiming host's boot id, or null where unknown (and in claims of older versions)
 */
public record ClaimInfo(String host, long pid, long processStart, long heartbeat, long claimedAt, String bootId) {

    /**
     * A claim without a boot id.
     *
     * @param host host of the claiming process
     * @param pid its process id
     * @param processStart its start, epoch milliseconds (-1 unknown)
     * @param heartbeat last refresh, epoch milliseconds
     * @param claimedAt when the claim was made, epoch milliseconds
     */
    public ClaimInfo(String host, long pid, long processStart, long heartbeat, long claimedAt) {
        this(host, pid, processStart, heartbeat, claimedAt, null);
    }

    /**
     * The claiming process.
     *
     * @return its identity
     */
    public ProcessIdentity owner() {
        return new ProcessIdentity(host, pid, processStart, bootId);
    }
}
