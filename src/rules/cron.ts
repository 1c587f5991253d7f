/**
 * Cron expressions as BullMQ reads them. The rule files are checked with the same parser BullMQ
 * schedules with (cron-parser, pinned to BullMQ's version), so a cron `qunguan check` accepts is one
 * the scheduler can run, and a typo is a `file:line:col` problem instead of an exception inside the
 * scheduler that would stop the promos after it.
 */
import { CronExpressionParser } from "cron-parser";
import { z } from "zod";

/** Why `expression` is not a cron BullMQ can schedule, or undefined when it is one. */
export function cronProblem(
  expression: string,
  timeZone = "UTC",
  example = '"0 11 * * 1-5" for 11:00 on weekdays',
): string | undefined {
  const fields = expression.trim().split(/\s+/).length;
  // cron-parser also takes a seventh (year) field and @-macros; BullMQ's scheduler gets five or six.
  if (!expression.trim().startsWith("@") && (fields < 5 || fields > 6)) {
    return `"${expression}" is not a cron expression: it needs 5 fields (minute hour day month weekday) or 6 with seconds first, e.g. ${example}`;
  }
  try {
    CronExpressionParser.parse(expression, { tz: timeZone, currentDate: 0 }).next();
    return undefined;
  } catch (error) {
    return `"${expression}" is not a cron expression (${(error as Error).message}); e.g. ${example}`;
  }
}

/** The instants (epoch ms) at which `expression` fires in `timeZone`, from `from` (exclusive) to `to` (inclusive). */
export function cronRuns(
  expression: string,
  timeZone: string,
  from: number,
  to: number,
  limit = 10_000,
): number[] {
  const runs: number[] = [];
  const it = CronExpressionParser.parse(expression, { tz: timeZone, currentDate: from, endDate: to });
  while (runs.length < limit && it.hasNext()) runs.push(it.next().getTime());
  return runs;
}

/** A cron field of the rule files: the message says what is wrong and shows a working example. */
export function cronField(example: string) {
  return z
    .string()
    .min(1)
    .superRefine((expression, ctx) => {
      const problem = cronProblem(expression, "UTC", example);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    })
    .describe(`Cron expression (minute hour day month weekday, or seconds first), e.g. ${example}`);
}
