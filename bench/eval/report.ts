/** The eval's figures as text for a person: headline figures, the cuts, then every miss. */
import { LANGS } from "./corpus.js";
import type { Figures, Miss, Ratio, Score } from "./score.js";

export function formatRatio(r: Ratio): string {
  const pct = r.pct === null ? "    –" : `${r.pct.toFixed(1).padStart(5)}%`;
  return `${pct} (${r.n}/${r.of})`;
}

const HEADLINES: [keyof Omit<Figures, "lines">, string, string][] = [
  ["caught", "violations caught", "target ≥ 95%"],
  ["ordinarySanctioned", "ordinary sanctioned", "target ≤ 1%"],
  ["trapsSanctioned", "  among traps", ""],
  ["faqRight", "FAQ right", "target ≥ 90%"],
  ["nonQuestionsAnswered", "non-questions answered", "target ≤ 2%"],
];

function missLine(m: Miss): string {
  switch (m.type) {
    case "missed":
      return `missed ${m.concern} [${m.lang}]: ${m.text}`;
    case "sanctioned":
      return `sanctioned ${m.label} by ${m.rules.join(",")} [${m.lang}]: ${m.text}`;
    case "wrong-answer":
      return `faq ${m.faq} got ${m.got ?? "nothing"} [${m.lang}]: ${m.text}`;
    case "answered":
      return `answered ${m.label} with ${m.got} [${m.lang}]: ${m.text}`;
  }
}

function table(title: string, rows: Record<string, Ratio>): string[] {
  const entries = Object.entries(rows);
  if (entries.length === 0) return [];
  const width = Math.max(...entries.map(([k]) => k.length));
  return [`  ${title}`, ...entries.map(([k, r]) => `    ${k.padEnd(width)}  ${formatRatio(r)}`)];
}

export function formatScore(name: string, path: string, s: Score, options: { misses: boolean }): string {
  const out = [`${name}: ${s.overall.lines} lines (${path})`];
  for (const [key, label, target] of HEADLINES) {
    out.push(`  ${label.padEnd(24)}${formatRatio(s.overall[key]).padEnd(20)}${target}`.trimEnd());
  }
  out.push(...table("caught per kind", s.caughtByConcern));
  out.push(...table("ordinary sanctioned per label", s.ordinarySanctionedByLabel));
  out.push(
    ...table("caught among evasions and private data", { evasions: s.caughtEvasions, ...s.caughtByPii }),
  );
  out.push(...table("FAQ right per FAQ", s.faqRightById));
  const rules = Object.entries(s.ordinarySanctionedByRule);
  if (rules.length > 0) {
    out.push(`  ordinary lines sanctioned per rule: ${rules.map(([r, n]) => `${r} ${n}`).join(", ")}`);
  }
  out.push("  per language");
  for (const lang of LANGS) {
    const f = s.byLang[lang];
    out.push(
      `    ${lang.padEnd(8)} ${String(f.lines).padStart(5)} lines  caught ${formatRatio(f.caught)}  ` +
        `ordinary sanctioned ${formatRatio(f.ordinarySanctioned)}  FAQ right ${formatRatio(f.faqRight)}  ` +
        `non-questions answered ${formatRatio(f.nonQuestionsAnswered)}`,
    );
  }
  if (options.misses) {
    out.push(`  misses (${s.misses.length})`);
    out.push(...s.misses.map((m) => `    ${missLine(m)}`));
  }
  return out.join("\n");
}
