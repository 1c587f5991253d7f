/**
 * Everything the report takes from the database (group titles, rule and promo ids) is written
 * by whoever names a group, so it goes into the page only through these two functions.
 */

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Text for an element's content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * JSON for the inside of a <script> element. The HTML parser ends a script at `</script`
 * whatever the JavaScript around it, and `<!--` changes how it looks for that end, so `<`, `>`
 * and `&` are written as JSON's \u escapes (the parsed value is unchanged). U+2028 and U+2029
 * are escaped too, for any consumer that reads the text as JavaScript rather than JSON.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
