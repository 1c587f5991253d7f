/** `qunguan report [--days N] [--until YYYY-MM-DD] [--tz ZONE] [--out FILE.html] [--db PATH]`. */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { openDatabase } from "../db/open.js";
import { buildReport } from "./build.js";
import { isDay, reportWindow, today } from "./window.js";

/**
 * The zone the bot keeps its daily statistics in (the dispatcher's default, which it does not
 * take from TZ). Audit rows and promo slots are instants and must be cut into the same days,
 * so the report uses this zone rather than the machine's.
 */
const STATS_TIME_ZONE = "Asia/Shanghai";

export const REPORT_USAGE = `usage: qunguan report [--days N] [--until YYYY-MM-DD] [--tz ZONE] [--out FILE.html] [--db PATH]
  --days N        days covered, ending with --until (default 30)
  --until DAY     last day covered (default: today)
  --tz ZONE       the zone days are counted in (default ${STATS_TIME_ZONE}, as the bot's statistics)
  --out FILE      where the HTML goes (default qunguan-report.html)
  --db PATH       the bot's SQLite database (default: DATABASE_PATH, else qunguan.db)`;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function runReport(args: string[], env: NodeJS.ProcessEnv = process.env): number {
  let values: { days?: string; until?: string; tz?: string; out?: string; db?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        days: { type: "string" },
        until: { type: "string" },
        tz: { type: "string" },
        out: { type: "string" },
        db: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : error}\n${REPORT_USAGE}\n`);
    return 2;
  }
  if (values.help) {
    console.log(REPORT_USAGE);
    return 0;
  }
  const days = values.days === undefined ? 30 : Number(values.days);
  if (!/^\d+$/.test(values.days ?? "30") || days < 1 || days > 3660) {
    process.stderr.write(`--days takes a whole number from 1 to 3660, got "${values.days}"\n`);
    return 2;
  }
  if (values.until !== undefined && !isDay(values.until)) {
    process.stderr.write(`--until takes a day written YYYY-MM-DD, got "${values.until}"\n`);
    return 2;
  }
  const dbPath = values.db ?? env.DATABASE_PATH ?? "qunguan.db";
  // openDatabase would create an empty database, and an empty report hides a wrong path.
  if (!existsSync(dbPath)) {
    process.stderr.write(`no database at ${dbPath} (set --db or DATABASE_PATH)\n`);
    return 1;
  }
  const timeZone = values.tz ?? STATS_TIME_ZONE;
  if (!isTimeZone(timeZone)) {
    process.stderr.write(`--tz takes an IANA time zone such as Asia/Shanghai, got "${timeZone}"\n`);
    return 2;
  }
  const window = reportWindow(values.until ?? today(timeZone), days, timeZone);
  const out = resolve(values.out ?? "qunguan-report.html");
  const database = openDatabase(dbPath);
  try {
    const html = buildReport(database.db, { window });
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, html);
  } finally {
    database.close();
  }
  console.log(`wrote ${out} (${window.from} – ${window.until})`);
  return 0;
}
