/** The conditions nested in a condition, with their paths: one walk for every check that needs the whole tree. */
import type { Condition } from "./schema.js";

export function childConditions(c: Condition): { path: (string | number)[]; condition: Condition }[] {
  const out: { path: (string | number)[]; condition: Condition }[] = [];
  c.any?.forEach((condition, i) => out.push({ path: ["any", i], condition }));
  c.all?.forEach((condition, i) => out.push({ path: ["all", i], condition }));
  if (c.not) out.push({ path: ["not"], condition: c.not });
  c.evidence?.signals.forEach((s, i) =>
    out.push({ path: ["evidence", "signals", i, "when"], condition: s.when }),
  );
  return out;
}
