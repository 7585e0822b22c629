#!/usr/bin/env bash
# Starts a single-node Slurm cluster on this machine for tests, runs a command against it, stops it.
#
#   peft-slurm/src/test/sh/slurm-local.sh [COMMAND [ARGS...]]
#
# Installs Debian's slurm-wlm and munge if they are missing (root only, and only in CI (CI=true) or
# when asked with PEFT_SLURM_INSTALL=1: nothing is installed on a user's machine by default), writes a slurm.conf for
# localhost into a temporary folder, starts munged, slurmctld and slurmd there, waits until sinfo
# shows the node idle, then runs COMMAND with SLURM_CONF set (default: sinfo). The daemons are
# stopped and the folder deleted when the script exits, also on failure or interruption.
#
# Exit codes: COMMAND's status; 3 when Slurm cannot be provided here (not root and not installed,
# apt-get failed, a daemon did not start), with the reason on stderr.
set -euo pipefail

unavailable() { echo "slurm-local: $*" >&2; exit 3; }

if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v munged >/dev/null \
        || ! command -v sbatch >/dev/null; then
    [ "$(id -u)" = 0 ] || unavailable "slurm-wlm and munge are not installed and this user is not root (cannot apt-get install them)"
    [ "${CI:-}" = true ] || [ "${PEFT_SLURM_INSTALL:-}" = 1 ] \
        || unavailable "slurm-wlm and munge are not installed; this script installs them only in CI (CI=true) or with PEFT_SLURM_INSTALL=1"
    export DEBIAN_FRONTEND=noninteractive
    { apt-get update -q && apt-get install -y -q --no-install-recommends slurm-wlm munge; } >&2 \
        || unavailable "apt-get install slurm-wlm munge failed (see above)"
fi
[ "$(id -u)" = 0 ] || unavailable "the Slurm daemons are started as root (SlurmUser=root); run as root"

DIR=$(mktemp -d "${TMPDIR:-/tmp}/slurm-local.XXXXXX")
PIDS=()
cleanup() {
    local status=$?
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
    done
    if [ "$status" != 0 ] && [ -z "${SLURM_LOCAL_KEEP:-}" ]; then
        for log in "$DIR"/*.log; do [ -f "$log" ] && { echo "--- $log" >&2; tail -n 20 "$log" >&2; }; done
    fi
    [ -n "${SLURM_LOCAL_KEEP:-}" ] || rm -rf "$DIR"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$DIR"/{state,spool,munge,run}
chmod 700 "$DIR/munge"
dd if=/dev/urandom bs=1 count=1024 of="$DIR/munge/munge.key" status=none
chmod 400 "$DIR/munge/munge.key"
MUNGE_SOCKET="$DIR/munge/munge.socket"

CPUS=$(nproc)
MEM=$(( $(free -m | awk '/^Mem:/ {print $2}') - 1024 ))
[ "$MEM" -gt 512 ] || MEM=512
PORT_BASE=$(( 16817 + RANDOM % 2000 * 2 ))
cat > "$DIR/slurm.conf" <<CONF
ClusterName=peft4j-local
SlurmctldHost=localhost
SlurmUser=root
SlurmdUser=root
SlurmctldPort=$PORT_BASE
SlurmdPort=$((PORT_BASE + 1))
AuthType=auth/munge
AuthInfo=socket=$MUNGE_SOCKET
CryptoType=crypto/munge
StateSaveLocation=$DIR/state
SlurmdSpoolDir=$DIR/spool
SlurmctldPidFile=$DIR/run/slurmctld.pid
SlurmdPidFile=$DIR/run/slurmd.pid
SlurmctldLogFile=$DIR/slurmctld.log
SlurmdLogFile=$DIR/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
ReturnToService=2
MpiDefault=none
SwitchType=switch/none
LaunchParameters=use_interactive_step
SlurmctldTimeout=30
SlurmdTimeout=30
InactiveLimit=0
MinJobAge=300
KillWait=5
Waittime=0
SchedulerParameters=sched_interval=2
NodeName=localhost NodeHostname=$(hostname) CPUs=$CPUS RealMemory=$MEM State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$DIR/slurm.conf"

munged --key-file="$DIR/munge/munge.key" --socket="$MUNGE_SOCKET" --pid-file="$DIR/run/munged.pid" \
    --log-file="$DIR/munged.log" --seed-file="$DIR/munge/munge.seed" --force --foreground >"$DIR/munged.out" 2>&1 &
PIDS+=($!)
for _ in $(seq 50); do [ -S "$MUNGE_SOCKET" ] && break; sleep 0.1; done
[ -S "$MUNGE_SOCKET" ] || unavailable "munged did not start (see $DIR/munged.log)"

slurmctld -D -i -f "$SLURM_CONF" > "$DIR/slurmctld.out" 2>&1 &
PIDS+=($!)
slurmd -D -f "$SLURM_CONF" -N localhost > "$DIR/slurmd.out" 2>&1 &
PIDS+=($!)

state=""
for _ in $(seq 60); do
    state=$(sinfo -h -n localhost -o %T 2>/dev/null || true)
    [ "$state" = idle ] && break
    sleep 0.5
done
[ "$state" = idle ] || unavailable "the Slurm node did not become idle within 30 s (state '${state:-none}'; logs in $DIR)"
echo "slurm-local: Slurm $(sinfo -V | awk '{print $2}') running, SLURM_CONF=$SLURM_CONF" >&2

if [ $# -eq 0 ]; then set -- sinfo; fi
"$@"
