/**
 * The pinyin variants of the keywords of the last compile, kept for the next
 * one. A hot reload compiles a rule set whose keywords mostly did not change,
 * and spelling them out (pinyin-pro's reading in context, then the spellings
 * tried per keyword) was a third of a 10,000-keyword compile. Variants depend
 * on the keyword alone, so a cached list is the list `pinyinVariants` would
 * make again: the automaton built from it, and every decision, are the same.
 *
 * What a compile did not ask for is forgotten at the end of the next one, so
 * the cache holds the keywords of at most two rule sets, not every keyword
 * the process ever saw.
 */
import { type PinyinVariant, pinyinVariants } from "./pinyin-variants.js";

/** What the message scanner reads of a variant (its pieces are for tests and explanations). */
export type ScannedVariant = Pick<PinyinVariant, "compact" | "check">;

export class PinyinVariantCache {
  /** Variants asked for by the compile before the current one. */
  private previous = new Map<string, readonly ScannedVariant[]>();
  /** Variants asked for since the current compile began. */
  private current = new Map<string, readonly ScannedVariant[]>();

  /** `pinyinVariants(keyword)` as the scanner reads it, made once per keyword while compiles keep asking for it. */
  variants(keyword: string): readonly ScannedVariant[] {
    let found = this.current.get(keyword);
    if (found !== undefined) return found;
    found =
      this.previous.get(keyword) ?? pinyinVariants(keyword).map(({ compact, check }) => ({ compact, check }));
    this.current.set(keyword, found);
    return found;
  }

  /** A compile is done: the next one keeps what this one asked for, and drops the rest. */
  endCompile(): void {
    this.previous = this.current;
    this.current = new Map();
  }
}

/** The one cache compiles share (compiles are synchronous, so they never interleave). */
export const pinyinVariantCache = new PinyinVariantCache();
