/**
 * The four figures of issue 15, overall and cut by language, kind of violation, FAQ and kind of
 * line, with every miss named. Pure arithmetic over verdicts, so a test can check it by hand.
 */
import { LANGS, type Lang } from "./corpus.js";
import type { Verdict } from "./judge.js";

/** n out of `of`; pct is null when there is nothing to count (0 of 0 is no evidence, not 0%). */
export interface Ratio {
  n: number;
  of: number;
  pct: number | null;
}

export interface Figures {
  lines: number;
  /** Violations sanctioned. */
  caught: Ratio;
  /** Lines that are not violations (ok, mention, faq) sanctioned. */
  ordinarySanctioned: Ratio;
  /** Of those, the traps: ordinary wording that looks like spam. */
  trapsSanctioned: Ratio;
  /** Questions answered with the right FAQ. */
  faqRight: Ratio;
  /** Lines that are neither questions nor violations (ok, mention) given an FAQ answer. */
  nonQuestionsAnswered: Ratio;
}

export type Miss =
  | { type: "missed"; concern: string; lang: Lang; text: string }
  | { type: "sanctioned"; label: string; rules: string[]; lang: Lang; text: string }
  | { type: "wrong-answer"; faq: string; got: string | null; lang: Lang; text: string }
  | { type: "answered"; label: string; got: string; lang: Lang; text: string };

export interface Score {
  overall: Figures;
  byLang: Record<Lang, Figures>;
  caughtByConcern: Record<string, Ratio>;
  /** Ordinary lines sanctioned, per label (ok, mention, faq). */
  ordinarySanctionedByLabel: Record<string, Ratio>;
  caughtEvasions: Ratio;
  caughtByPii: Record<string, Ratio>;
  faqRightById: Record<string, Ratio>;
  /** How many ordinary lines each rule sanctioned: where the false positives come from. */
  ordinarySanctionedByRule: Record<string, number>;
  misses: Miss[];
}

class Counter {
  n = 0;
  of = 0;
  add(hit: boolean): void {
    this.of++;
    if (hit) this.n++;
  }
  ratio(): Ratio {
    return { n: this.n, of: this.of, pct: this.of === 0 ? null : (100 * this.n) / this.of };
  }
}

class FiguresCounter {
  lines = 0;
  caught = new Counter();
  ordinarySanctioned = new Counter();
  trapsSanctioned = new Counter();
  faqRight = new Counter();
  nonQuestionsAnswered = new Counter();

  add(v: Verdict): void {
    const { line } = v;
    this.lines++;
    if (line.label === "violation") {
      this.caught.add(v.sanctioned);
      return;
    }
    this.ordinarySanctioned.add(v.sanctioned);
    if (line.trap) this.trapsSanctioned.add(v.sanctioned);
    if (line.label === "faq") this.faqRight.add(v.answer === line.faq);
    else this.nonQuestionsAnswered.add(v.answer !== undefined);
  }

  figures(): Figures {
    return {
      lines: this.lines,
      caught: this.caught.ratio(),
      ordinarySanctioned: this.ordinarySanctioned.ratio(),
      trapsSanctioned: this.trapsSanctioned.ratio(),
      faqRight: this.faqRight.ratio(),
      nonQuestionsAnswered: this.nonQuestionsAnswered.ratio(),
    };
  }
}

function ratios(counters: Map<string, Counter>): Record<string, Ratio> {
  const sorted = [...counters.entries()].sort(([a], [b]) => a.localeCompare(b));
  return Object.fromEntries(sorted.map(([key, c]) => [key, c.ratio()]));
}

function counterIn(map: Map<string, Counter>, key: string): Counter {
  const found = map.get(key);
  if (found) return found;
  const c = new Counter();
  map.set(key, c);
  return c;
}

export function score(verdicts: readonly Verdict[]): Score {
  const overall = new FiguresCounter();
  const byLang = new Map<Lang, FiguresCounter>(LANGS.map((l) => [l, new FiguresCounter()]));
  const byConcern = new Map<string, Counter>();
  const byLabel = new Map<string, Counter>();
  const byPii = new Map<string, Counter>();
  const byFaq = new Map<string, Counter>();
  const evasions = new Counter();
  const byRule = new Map<string, number>();
  const misses: Miss[] = [];

  for (const v of verdicts) {
    const { line } = v;
    const { text, lang } = line;
    overall.add(v);
    byLang.get(lang)!.add(v);
    if (line.label === "violation") {
      const concern = line.concern!;
      counterIn(byConcern, concern).add(v.sanctioned);
      if (line.pii) counterIn(byPii, line.pii).add(v.sanctioned);
      if (line.evasion) evasions.add(v.sanctioned);
      if (!v.sanctioned) misses.push({ type: "missed", concern, lang, text });
      continue;
    }
    counterIn(byLabel, line.label).add(v.sanctioned);
    if (v.sanctioned) {
      for (const rule of v.sanctionRules) byRule.set(rule, (byRule.get(rule) ?? 0) + 1);
      misses.push({ type: "sanctioned", label: line.label, rules: v.sanctionRules, lang, text });
    }
    if (line.label === "faq") {
      const faq = line.faq!;
      counterIn(byFaq, faq).add(v.answer === faq);
      if (v.answer !== faq) misses.push({ type: "wrong-answer", faq, got: v.answer ?? null, lang, text });
    } else if (v.answer !== undefined) {
      misses.push({ type: "answered", label: line.label, got: v.answer, lang, text });
    }
  }

  return {
    overall: overall.figures(),
    byLang: Object.fromEntries(LANGS.map((l) => [l, byLang.get(l)!.figures()])) as Record<Lang, Figures>,
    caughtByConcern: ratios(byConcern),
    ordinarySanctionedByLabel: ratios(byLabel),
    caughtEvasions: evasions.ratio(),
    caughtByPii: ratios(byPii),
    faqRightById: ratios(byFaq),
    ordinarySanctionedByRule: Object.fromEntries([...byRule.entries()].sort(([, a], [, b]) => b - a)),
    misses,
  };
}
