/**
 * The classes the spam model tells apart, in the order its naive Bayes model holds them: "ok"
 * first, then the spam kinds (the default pack's content rules of the same names).
 */
export const SPAM_KINDS = ["ads", "poaching", "gambling", "porn"] as const;
export type SpamKind = (typeof SPAM_KINDS)[number];

export const OK_CLASS = "ok";
export const MODEL_CLASSES: readonly string[] = [OK_CLASS, ...SPAM_KINDS];
export type ModelClass = typeof OK_CLASS | SpamKind;

export function isSpamKind(value: string): value is SpamKind {
  return (SPAM_KINDS as readonly string[]).includes(value);
}
