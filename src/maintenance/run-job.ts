/**
 * A scheduled maintenance tick, start to finish: the report and the clean-up for the group
 * (processMaintenanceJob), the removals carried out (carryOutRemovals), then the report sent
 * (sendMaintenanceReport), with a line about removals that did not go through. Removals come first
 * so the report can say so; if sending then fails and the job is retried, the members removed are
 * gone from the next computation (an audited removal after their last sighting), so nobody is
 * removed twice.
 */
import type { Job } from "bullmq";
import { carryOutRemovals, type RemovalCounts, type RemovalDeps } from "./carry-out.js";
import { type ReportDelivery, sendMaintenanceReport } from "./deliver.js";
import { removalTrouble } from "./render.js";
import { type MaintenanceJobDeps, type MaintenanceTick, processMaintenanceJob } from "./schedule.js";

export type RunJobDeps = MaintenanceJobDeps & RemovalDeps;

export interface RunJobResult {
  removals: RemovalCounts;
  delivery: ReportDelivery;
}

/** The worker's processor for the "maintenance" queue; undefined when the group has no maintenance now. */
export async function runMaintenanceJob(
  job: Job<MaintenanceTick>,
  deps: RunJobDeps,
): Promise<RunJobResult | undefined> {
  const run = processMaintenanceJob(job, deps);
  if (!run) return undefined;
  const removals = await carryOutRemovals(run, deps);
  const trouble = removals.refused + removals.failed;
  const text = trouble > 0 ? `${run.text}\n\n${removalTrouble(run.locale, trouble)}` : run.text;
  const delivery = await sendMaintenanceReport({ ...run, text }, deps.adapters, deps.logger);
  return { removals, delivery };
}
