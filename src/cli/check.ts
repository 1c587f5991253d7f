/** `qunguan check [DIR]`: every problem as `file:line:col message`, exit 1; else a summary and exit 0. */
import { formatProblem, loadRules } from "../rules/mod.js";

export function runCheck(dir: string, out: (line: string) => void = console.log): number {
  const result = loadRules(dir);
  if (!result.ok) {
    for (const p of result.problems) out(formatProblem(p));
    out(`${result.problems.length} problem${result.problems.length === 1 ? "" : "s"} in ${dir}`);
    return 1;
  }
  const pack = result.pack;
  out(
    `${dir}: OK — ${Object.keys(pack.categories).length} categories, ${pack.bindings.length} bindings, ` +
      `${pack.moderation.length} moderation rules, ${pack.faq.entries.length} FAQs, ` +
      `${pack.escalation.ladder.length}-step ladder, ${pack.promos.length} promos` +
      (pack.bookings ? `, bookings in ${pack.bookings.categories.join(", ")}` : ", no bookings"),
  );
  return 0;
}
