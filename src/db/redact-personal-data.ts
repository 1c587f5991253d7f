/**
 * Free text members control (display names, group titles) passes through here before it is
 * stored: phone, ID and card numbers and addresses become placeholders, as in the audit log and
 * the logs. Every name is scanned: a number written in Chinese numerals (`李四一三八…`) or after
 * a letter (a Taiwan ID) has no ASCII digit to give it away, and names are short.
 */
import { redactText } from "../engine/detectors/redact.js";

export function redactPersonalData(text: string): string {
  return redactText(text);
}
