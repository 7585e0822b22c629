/**
 * Runs the trials of a comparison as Slurm jobs: pending trials go out as job arrays of
 * {@code peft trial --store DIR --id ID}, the coordinator follows them with {@code squeue} and
 * resubmits those whose job ended without a record. The Slurm commands are run through
 * {@link org.peft4j.slurm.SlurmClient}; the decisions are pure functions of the
 * records, {@code slurm/jobs.tsv} and the queue.
 */
package org.peft4j.slurm;
