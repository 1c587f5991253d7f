/**
 * The baseline the engine is measured against: what a first version of a
 * moderation bot does. Lower-case the text, then for each rule, for each
 * keyword `includes`, for each regex `test`; for each FAQ, for each keyword
 * `includes`. Regexes are compiled once and keywords lower-cased once, so the
 * comparison is about matching, not about setup. It does not fold evasions,
 * so it catches less: the point is its speed, not its verdicts.
 *
 * It reads every kind of condition the rule files have, weighted `evidence`
 * included (every signal tested, weights added up): a condition it skipped
 * would hold for every message, and the rule holding it would end each
 * evaluation there (before `evidence` was read, the poaching rule matched
 * everything and the baseline ran six times faster than it should). A rule
 * file with a condition it does not know is refused rather than misread.
 * A first version has no spam classifier and no admins' samples: `classifier`
 * and `learned` never hold, as in the engine without a judge (the figure it is
 * compared with).
 */
import { inWindow, minuteOfDay, parseClock } from "../src/core/clock.js";
import { DEFAULT_TIME_ZONE } from "../src/engine/compile.js";
import { parseDuration } from "../src/rules/duration.js";
import type { RulePack } from "../src/rules/rule-pack.js";
import type { Condition } from "../src/rules/schema.js";
import type { BenchMessage } from "./corpus.js";

/** The conditions `compile` reads; any other is an error (see above). */
const KNOWN: ReadonlySet<string> = new Set([
  "keywords",
  "regex",
  "compact_regex",
  "links",
  "pii",
  "flood",
  "repeat",
  "kinds",
  "member_age",
  "quiet_hours",
  "mentions",
  "length",
  "any",
  "all",
  "not",
  "evidence",
  "classifier",
  "learned",
]);

type Test = (m: BenchMessage, text: string) => boolean;

interface NaiveRule {
  id: string;
  test: Test;
}

const PHONE = /1[3-9]\d{9}/;
const ID_CARD = /\d{17}[\dx]/;
const LINK = /https?:\/\/|www\.|\.(?:com|cn|me|ly|cc)\b/;
const QUESTION = /[?？吗么]|几点|怎么|哪里|多少|请问|\b(?:what|how|where|when|do you|is there|can i)\b/;

export class NaiveEvaluator {
  private readonly rules: NaiveRule[];
  private readonly faqs: { id: string; keywords: string[] }[];
  /** Recent message times and texts per chat + member, for flood and repeat. */
  private readonly recent = new Map<string, { at: number; text: string }[]>();
  /** When each chat + member was first seen, for member_age. */
  private readonly firstSeen = new Map<string, number>();

  constructor(pack: RulePack) {
    this.rules = pack.moderation
      .filter((r) => r.enabled)
      .sort((a, b) => b.priority - a.priority)
      .map((r) => ({ id: r.id, test: this.compile(r.match) }));
    this.faqs = pack.faq.entries.map((e) => ({ id: e.id, keywords: e.keywords.map((k) => k.toLowerCase()) }));
  }

  /** The id of the rule that matched, else of the FAQ answered, else undefined. */
  decide(m: BenchMessage): string | undefined {
    const text = m.text.slice(0, 4000).toLowerCase();
    const key = `${m.chat}\u0000${m.user}`;
    let recent = this.recent.get(key);
    if (!recent) {
      recent = [];
      this.recent.set(key, recent);
      this.firstSeen.set(key, m.at);
    }
    recent.push({ at: m.at, text });
    if (recent.length > 64) recent.shift();
    for (const rule of this.rules) if (rule.test(m, text)) return rule.id;
    if (!QUESTION.test(text)) return undefined;
    let best: string | undefined;
    let bestScore = 0;
    for (const faq of this.faqs) {
      let score = 0;
      for (const k of faq.keywords) if (text.includes(k)) score++;
      if (score > bestScore) {
        best = faq.id;
        bestScore = score;
      }
    }
    return best;
  }

  private compile(c: Condition): Test {
    for (const key of Object.keys(c)) {
      if (!KNOWN.has(key)) throw new Error(`the naive evaluator does not read condition "${key}"`);
    }
    const tests: Test[] = [];
    if (c.keywords) {
      const list = Array.isArray(c.keywords) ? c.keywords : c.keywords.words;
      const min = Array.isArray(c.keywords) ? 1 : (c.keywords.min ?? 1);
      const words = list.map((w) => w.toLowerCase());
      tests.push((_m, text) => {
        let n = 0;
        for (const w of words) if (text.includes(w)) n++;
        return n >= min;
      });
    }
    for (const source of [c.regex ?? [], c.compact_regex ?? []].flat()) {
      const re = new RegExp(source, "i");
      tests.push((_m, text) => re.test(text));
    }
    if (c.links) tests.push((_m, text) => LINK.test(text));
    if (c.pii) tests.push((_m, text) => PHONE.test(text) || ID_CARD.test(text));
    if (c.flood) {
      const { count, seconds } = c.flood;
      tests.push((m) => this.since(m, Number(seconds) || 10).length >= count);
    }
    if (c.repeat) {
      const { count } = c.repeat;
      tests.push((m, text) => this.since(m, 300).filter((r) => r.text === text).length >= count);
    }
    if (c.kinds) {
      const kinds = c.kinds as readonly string[];
      tests.push(() => kinds.includes("text"));
    }
    if (c.member_age) {
      const under = (parseDuration(c.member_age.under) ?? 0) * 1000;
      tests.push((m) => m.at - (this.firstSeen.get(`${m.chat}\u0000${m.user}`) ?? m.at) < under);
    }
    if (c.quiet_hours) {
      const from = parseClock(c.quiet_hours.from);
      const to = parseClock(c.quiet_hours.to);
      const zone = c.quiet_hours.time_zone ?? DEFAULT_TIME_ZONE;
      tests.push((m) => inWindow(minuteOfDay(m.at, zone), from, to));
    }
    if (c.mentions) {
      const min = c.mentions.min;
      tests.push((m) => m.mentions.length >= min);
    }
    if (c.length) {
      const { min = 0, max = Infinity } = c.length;
      tests.push((m) => m.text.length >= min && m.text.length <= max);
    }
    if (c.any) {
      const any = c.any.map((x) => this.compile(x));
      tests.push((m, text) => any.some((t) => t(m, text)));
    }
    if (c.all) {
      const all = c.all.map((x) => this.compile(x));
      tests.push((m, text) => all.every((t) => t(m, text)));
    }
    if (c.not) {
      const inner = this.compile(c.not);
      tests.push((m, text) => !inner(m, text));
    }
    if (c.classifier || c.learned) tests.push(() => false);
    if (c.evidence) {
      const { threshold } = c.evidence;
      const signals = c.evidence.signals.map((s) => ({ weight: s.weight, holds: this.compile(s.when) }));
      tests.push((m, text) => {
        let sum = 0;
        for (const s of signals) if (s.holds(m, text)) sum += s.weight;
        return sum >= threshold;
      });
    }
    return (m, text) => tests.every((t) => t(m, text));
  }

  private since(m: BenchMessage, seconds: number): { at: number; text: string }[] {
    const recent = this.recent.get(`${m.chat}\u0000${m.user}`) ?? [];
    return recent.filter((r) => r.at >= m.at - seconds * 1000);
  }
}
