/**
 * Masks personal data before text reaches logs or the database. Uses the same
 * scanner as the `pii` rule condition, on the whole raw text (not cut to
 * MAX_SCAN_CHARS) and more eagerly, so whatever a rule could see as a phone
 * number is never stored in clear, and neither is any run shaped like a phone,
 * ID or card number whose checksum fails (storage errs towards masking).
 */
import { findPiiIn, type PiiHit, type PiiKind } from "./pii.js";

const MASKS: Readonly<Record<PiiKind, string>> = {
  phone: "[phone]",
  id_card: "[id]",
  bank_card: "[card]",
  address: "[address]",
};

/**
 * Passes before giving up. The text is scanned again after masking until
 * nothing is found, so the result never holds what `findPii` would report,
 * whatever masking changed around it; text with personal data takes two
 * passes, the second finding nothing.
 */
const MAX_PASSES = 16;

/**
 * Replaces phone, ID and card numbers (any spelling `findPii` finds, and the
 * greedy shapes) in raw text with "[phone]" / "[id]" / "[card]", and addresses
 * with "[address]".
 */
export function redactText(text: string): string {
  let s = text;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    // Greedy: ambiguous spaced-out numbers are masked too, unlike what the pii rule reports.
    const hits = findPiiIn(s, { greedy: true });
    if (hits.length === 0) return s;
    s = mask(s, hits);
  }
  return s;
}

/** Replaces the hits (sorted by start, possibly overlapping) with their masks. */
function mask(s: string, hits: readonly PiiHit[]): string {
  let out = "";
  let copied = 0;
  let i = 0;
  while (i < hits.length) {
    const first = hits[i]!;
    let end = first.end;
    // Overlapping hits (an address holding a phone-like number) become one mask.
    let j = i + 1;
    while (j < hits.length && hits[j]!.start < end) {
      end = Math.max(end, hits[j]!.end);
      j++;
    }
    out += s.slice(copied, first.start) + MASKS[first.kind];
    copied = end;
    i = j;
  }
  return out + s.slice(copied);
}
