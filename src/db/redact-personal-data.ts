/**
 * Free text members control (display names, group titles) passes through here before it is
 * stored: phone and ID numbers become placeholders, as in the audit log and the logs.
 */
import { redactText } from "../engine/detectors/redact.js";

/** Text without digits (most names) cannot hold a number: skip the scan. */
const DIGIT = /[0-9０-９]/;

export function redactPersonalData(text: string): string {
  return DIGIT.test(text) ? redactText(text) : text;
}
