/**
 * Picks the FAQ a question is about. Every FAQ's keywords, hints and
 * exclusions live in one keyword index; a question scores 2 per distinct
 * keyword and 1 per distinct hint of an FAQ (hints alone never suffice), an
 * exclusion rules its FAQ out, and the best score wins (ties: the earlier FAQ).
 * An `ask` phrase ("订个位") scores as a keyword and asks by itself.
 */
import { parseDuration } from "../../rules/duration.js";
import type { FaqEntry } from "../../rules/schema.js";
import { KeywordIndex } from "../keyword-index.js";
import type { NormalizedText } from "../text/normalize.js";

const KEYWORD = 0;
const HINT = 1;
const EXCLUDE = 2;
const ASK = 3;

interface Tag {
  faq: number;
  role: typeof KEYWORD | typeof HINT | typeof EXCLUDE | typeof ASK;
  /** Index of the word within its list, so a repeated word counts once. */
  word: number;
}

export interface CompiledFaq {
  id: string;
  /** Categories it is answered in; undefined = all. */
  categories: ReadonlySet<string> | undefined;
  answer: string;
  answers: Readonly<Record<string, string>>;
  cooldownMs: number;
}

export class FaqMatcher {
  readonly entries: CompiledFaq[];
  private readonly index: KeywordIndex<Tag>;

  constructor(entries: readonly FaqEntry[], defaultCooldown: string | number) {
    const fallback = parseDuration(defaultCooldown) ?? 120;
    this.entries = entries.map((e) => ({
      id: e.id,
      categories: e.categories ? new Set(e.categories) : undefined,
      answer: e.answer,
      answers: e.answers,
      cooldownMs: (e.cooldown === undefined ? fallback : (parseDuration(e.cooldown) ?? fallback)) * 1000,
    }));
    const words: [string, Tag][] = [];
    entries.forEach((e, faq) => {
      e.keywords.forEach((w, word) => words.push([w, { faq, role: KEYWORD, word }]));
      e.hints.forEach((w, word) => words.push([w, { faq, role: HINT, word }]));
      e.exclude.forEach((w, word) => words.push([w, { faq, role: EXCLUDE, word }]));
      // Offset so an ask phrase never shares a slot with a keyword of the same index.
      e.ask.forEach((w, word) => words.push([w, { faq, role: ASK, word: word + 32_768 }]));
    });
    this.index = new KeywordIndex(words);
  }

  /** The best FAQ for the message in `category`, and whether an ask phrase already made it a request. */
  match(text: NormalizedText, category: string): { faq: CompiledFaq; asked: boolean } | undefined {
    if (this.entries.length === 0) return undefined;
    const keywordSeen = new Set<number>();
    const hintSeen = new Set<number>();
    const excluded = new Set<number>();
    const asked = new Set<number>();
    const scores = new Map<number, { keywords: number; hints: number }>();
    this.index.scan(text, (tag) => {
      if (tag.role === EXCLUDE) {
        excluded.add(tag.faq);
        return;
      }
      if (tag.role === ASK) asked.add(tag.faq);
      const seen = tag.role === HINT ? hintSeen : keywordSeen;
      const key = tag.faq * 65_536 + tag.word;
      if (seen.has(key)) return;
      seen.add(key);
      const score = scores.get(tag.faq) ?? { keywords: 0, hints: 0 };
      if (tag.role !== HINT) score.keywords++;
      else score.hints++;
      scores.set(tag.faq, score);
    });
    let best: number | undefined;
    let bestScore = 0;
    for (const [faq, s] of scores) {
      if (s.keywords === 0 || excluded.has(faq)) continue;
      const entry = this.entries[faq]!;
      if (entry.categories && !entry.categories.has(category)) continue;
      const score = s.keywords * 2 + s.hints;
      if (score > bestScore || (score === bestScore && best !== undefined && faq < best)) {
        best = faq;
        bestScore = score;
      }
    }
    return best === undefined ? undefined : { faq: this.entries[best]!, asked: asked.has(best) };
  }
}
