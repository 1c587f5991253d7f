/**
 * Display names folded the way the engine reads messages, so that names a
 * reader cannot tell apart compare equal: full-width letters, Traditional
 * characters, look-alike letters from other scripts, spaces and decorations
 * ("老闆娘", "老板娘 ", "ＬＩＬＹ", "Lіly" with a Cyrillic і, "L i l y").
 * Renaming oneself to look like the owner is how a scammer collects
 * "deposits" in a merchant's group; telling the names apart by id starts here.
 */
import { normalizeKeyword } from "./normalize.js";

/** The folded name; "" for a name with no letter, digit or ideograph (emoji only), which then looks like nobody's. */
export function foldName(name: string): string {
  return normalizeKeyword(name);
}

/** Whether two display names read the same to a member: equal ignoring case, or equal once folded. */
export function namesLookAlike(a: string, b: string): boolean {
  if (a.toLowerCase() === b.toLowerCase()) return true;
  const folded = foldName(a);
  return folded.length > 0 && folded === foldName(b);
}
