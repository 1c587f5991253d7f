/**
 * The text a booking is read from, with each field's words blanked once a
 * reader has taken them: "12月5日" read as a date cannot then be read again
 * as "5日" or its digits as a party size.
 */
export class BookingText {
  constructor(public text: string) {}

  /** The first match of `pattern` (not global); its span is blanked out. */
  take(pattern: RegExp): RegExpExecArray | undefined {
    const m = pattern.exec(this.text);
    if (!m) return undefined;
    this.text =
      this.text.slice(0, m.index) + " ".repeat(m[0].length) + this.text.slice(m.index + m[0].length);
    return m;
  }

  has(pattern: RegExp): boolean {
    return pattern.test(this.text);
  }
}
