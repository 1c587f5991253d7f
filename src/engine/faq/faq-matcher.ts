/**
 * Picks the FAQ a question is about. Every FAQ's keywords, hints and
 * exclusions are words of the rule set's message scanner; a question scores 2
 * per distinct keyword and 1 per distinct hint of an FAQ (hints alone never
 * suffice), an exclusion rules its FAQ out, and the best score wins (ties: the
 * earlier FAQ). An `ask` phrase ("订个位") scores as a keyword and asks by itself.
 */
import { parseDuration } from "../../rules/duration.js";
import type { FaqEntry } from "../../rules/schema.js";
import type { ScanState } from "../scan-state.js";

const KEYWORD = 0;
const HINT = 1;
const EXCLUDE = 2;
const ASK = 3;

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
  /**
   * Every FAQ word and its tag (index into the tag tables below). Each word of
   * each list is its own tag, so a word that occurs twice counts once.
   */
  readonly words: [word: string, tag: number][] = [];
  private readonly tagFaq: Int32Array;
  private readonly tagRole: Uint8Array;
  // Per-message scratch, zeroed after use: the matcher runs one message at a time.
  private readonly keywords: Int32Array;
  private readonly hints: Int32Array;
  private readonly excluded: Uint8Array;
  private readonly asked: Uint8Array;
  private readonly touched: Int32Array;

  constructor(entries: readonly FaqEntry[], defaultCooldown: string | number) {
    const fallback = parseDuration(defaultCooldown) ?? 120;
    this.entries = entries.map((e) => ({
      id: e.id,
      categories: e.categories ? new Set(e.categories) : undefined,
      answer: e.answer,
      answers: e.answers,
      cooldownMs: (e.cooldown === undefined ? fallback : (parseDuration(e.cooldown) ?? fallback)) * 1000,
    }));
    const faqOf: number[] = [];
    const roleOf: number[] = [];
    const tag = (word: string, faq: number, role: number) => {
      this.words.push([word, faqOf.length]);
      faqOf.push(faq);
      roleOf.push(role);
    };
    entries.forEach((e, faq) => {
      for (const w of e.keywords) tag(w, faq, KEYWORD);
      for (const w of e.hints) tag(w, faq, HINT);
      for (const w of e.exclude) tag(w, faq, EXCLUDE);
      for (const w of e.ask) tag(w, faq, ASK);
    });
    this.tagFaq = Int32Array.from(faqOf);
    this.tagRole = Uint8Array.from(roleOf);
    const n = entries.length;
    this.keywords = new Int32Array(n);
    this.hints = new Int32Array(n);
    this.excluded = new Uint8Array(n);
    this.asked = new Uint8Array(n);
    this.touched = new Int32Array(n);
  }

  /** The best FAQ for the scanned message in `category`, and whether an ask phrase already made it a request. */
  match(state: ScanState, category: string): { faq: CompiledFaq; asked: boolean } | undefined {
    if (state.faqCount === 0) return undefined;
    const { tagFaq, tagRole, keywords, hints, excluded, asked, touched } = this;
    let touchedCount = 0;
    for (let k = 0; k < state.faqCount; k++) {
      const tag = state.faqTags[k]!;
      const faq = tagFaq[tag]!;
      if (keywords[faq] === 0 && hints[faq] === 0 && excluded[faq] === 0 && asked[faq] === 0) {
        touched[touchedCount++] = faq;
      }
      const role = tagRole[tag]!;
      if (role === EXCLUDE) excluded[faq] = 1;
      else if (role === HINT) hints[faq]!++;
      else {
        keywords[faq]!++;
        if (role === ASK) asked[faq] = 1;
      }
    }
    let best = -1;
    let bestScore = 0;
    for (let k = 0; k < touchedCount; k++) {
      const faq = touched[k]!;
      const score = keywords[faq]! * 2 + hints[faq]!;
      const eligible = keywords[faq]! > 0 && excluded[faq] === 0;
      const isBest = score > bestScore || (score === bestScore && faq < best);
      if (eligible && isBest) {
        const categories = this.entries[faq]!.categories;
        if (!categories || categories.has(category)) {
          best = faq;
          bestScore = score;
        }
      }
    }
    const wasAsked = best >= 0 && asked[best] === 1;
    for (let k = 0; k < touchedCount; k++) {
      const faq = touched[k]!;
      keywords[faq] = 0;
      hints[faq] = 0;
      excluded[faq] = 0;
      asked[faq] = 0;
    }
    return best < 0 ? undefined : { faq: this.entries[best]!, asked: wasAsked };
  }
}
