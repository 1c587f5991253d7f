/**
 * Every keyword of a rule set in one Aho–Corasick automaton, so a message is
 * scanned once however many keywords the operators wrote. Each keyword carries
 * tags (the conditions or FAQs it belongs to); a scan returns the tags hit.
 *
 * Keywords with CJK characters are matched on the compact form (separators and
 * look-alikes folded: "加 V 信" meets "加v信"). Other keywords (Latin, digits,
 * symbols, emoji) need word boundaries, or "bet" would fire inside "alphabet":
 * they are matched on both forms, and count only where the neighbours are not
 * of the same class.
 */
import { AhoCorasick } from "./aho-corasick.js";
import { type NormalizedText, normalizeKeyword, normalizePlain } from "./text/normalize.js";

/** CJK ideographs, kana, hangul and their punctuation: such keywords meet messages on the compact form. */
const CJK = /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff]/;

export class KeywordIndex<Tag> {
  private readonly cjk: Automaton<Tag> | undefined;
  private readonly latin: Automaton<Tag> | undefined;

  /** @param entries keyword text as the operator wrote it, and the tag a hit reports */
  constructor(entries: Iterable<[keyword: string, tag: Tag]>) {
    const cjk = new Map<string, Tag[]>();
    const latin = new Map<string, Tag[]>();
    for (const [keyword, tag] of entries) {
      const plain = normalizePlain(keyword);
      if (!CJK.test(plain)) {
        // Latin words, digits, symbols, emoji: whole words, on the plain form as written ("% off",
        // "ele.me", "add me") and on the compact form without separators ("off", "eleme", "addme").
        // On the compact form alone, "earn $" would become "earn" and fire inside "learned".
        push(latin, plain, tag);
        const compact = normalizeKeyword(keyword);
        if (compact.length > 0 && compact !== plain) push(latin, compact, tag);
      } else {
        const compact = normalizeKeyword(keyword);
        if (compact.length > 0) push(cjk, compact, tag);
      }
    }
    this.cjk = cjk.size > 0 ? new Automaton(cjk) : undefined;
    this.latin = latin.size > 0 ? new Automaton(latin) : undefined;
  }

  get size(): number {
    return (this.cjk?.size ?? 0) + (this.latin?.size ?? 0);
  }

  /** Calls `hit` once per keyword occurrence found (a tag may be reported more than once). */
  scan(text: NormalizedText, hit: (tag: Tag) => void): void {
    if (this.cjk && text.compact.length > 0) this.cjk.scan(text.compact, hit, false);
    if (this.latin) {
      this.latin.scan(text.plain, hit, true);
      if (text.compact !== text.plain) this.latin.scan(text.compact, hit, true);
    }
  }
}

function push<Tag>(map: Map<string, Tag[]>, key: string, tag: Tag): void {
  const tags = map.get(key);
  if (tags) tags.push(tag);
  else map.set(key, [tag]);
}

/** One Aho–Corasick automaton over UTF-16 code units, with each keyword's tags. */
class Automaton<Tag> {
  private readonly matcher: AhoCorasick;
  private readonly tags: Tag[][];
  readonly size: number;

  constructor(keywords: Map<string, Tag[]>) {
    this.matcher = new AhoCorasick([...keywords.keys()]);
    this.tags = [...keywords.values()];
    this.size = keywords.size;
  }

  scan(text: string, hit: (tag: Tag) => void, wordBoundaries: boolean): void {
    const { tags, matcher } = this;
    matcher.scan(text, (id, end) => {
      if (wordBoundaries && !atBoundary(text, end - matcher.lengths[id]!, end)) return;
      for (const tag of tags[id]!) hit(tag);
    });
  }
}

/**
 * Neighbours of a Latin match must not continue the word: a letter next to a
 * letter, a digit next to a digit. An English plural ("deals", "loans",
 * "closes") still counts as the word.
 */
function atBoundary(text: string, start: number, end: number): boolean {
  if (sameClass(text.charCodeAt(start - 1), text.charCodeAt(start))) return false;
  const last = text.charCodeAt(end - 1);
  if (!sameClass(text.charCodeAt(end), last)) return true;
  if (text.charCodeAt(end) !== 115 /* s */) {
    return (
      text.charCodeAt(end) === 101 /* e */ &&
      text.charCodeAt(end + 1) === 115 &&
      !sameClass(text.charCodeAt(end + 2), last)
    );
  }
  return !sameClass(text.charCodeAt(end + 1), last);
}

function sameClass(a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return false;
  const letter = (c: number) => c >= 97 && c <= 122;
  const digit = (c: number) => c >= 48 && c <= 57;
  return (letter(a) && letter(b)) || (digit(a) && digit(b));
}
