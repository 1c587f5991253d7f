/**
 * Durations as operators and admins write them: `30s`, `10m`, `2h`, `1d`, `1w`,
 * or a bare number of seconds. One parser for rule files and commands alike.
 */

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

/** The textual form accepted in rule files; used by the schema so editors flag bad values. */
export const DURATION_PATTERN = "^\\s*\\d+(\\.\\d+)?\\s*[smhdw]\\s*$";
const DURATION_RE = /^\s*(\d+(?:\.\d+)?)\s*([smhdw])\s*$/i;

/** Seconds in a duration, or undefined when the text is not one. */
export function parseDuration(value: string | number): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? Math.round(value) : undefined;
  const m = DURATION_RE.exec(value);
  if (!m) return undefined;
  const seconds = Number(m[1]) * (UNIT_SECONDS[m[2]!.toLowerCase()] ?? Number.NaN);
  return Number.isFinite(seconds) ? Math.round(seconds) : undefined;
}

/** Short human form of a number of seconds, e.g. 3600 → "1h", 90 → "90s". */
export function formatDuration(seconds: number): string {
  for (const unit of ["w", "d", "h", "m"] as const) {
    const size = UNIT_SECONDS[unit]!;
    if (seconds >= size && seconds % size === 0) return `${seconds / size}${unit}`;
  }
  return `${seconds}s`;
}
