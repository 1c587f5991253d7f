/** `qunguan report [--days N] [--until YYYY-MM-DD] [--tz ZONE] [--locale L] [--rules DIR] [--out FILE.html] [--db PATH]`. */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { defaultRulesDir } from "../cli/package-root.js";
import { openDatabase } from "../db/open.js";
import { DEFAULT_TIME_ZONE } from "../engine/compile.js";
import { loadRules } from "../rules/load.js";
import { formatProblem } from "../rules/rule-error.js";
import { timeZoneOf } from "../words/local-time.js";
import { LOCALES, type Locale } from "../words/templates.js";
import { buildReport } from "./build.js";
import { reportLabels } from "./labels.js";
import { isDay, reportWindow, today } from "./window.js";

export const REPORT_USAGE = `usage: qunguan report [--days N] [--until YYYY-MM-DD] [--tz ZONE] [--locale L] [--rules DIR] [--out FILE.html] [--db PATH]
  --days N        days covered, ending with --until (default 30)
  --until DAY     last day covered (default: today)
  --tz ZONE       the zone days and times are in (default: the rules' zone, as the bot's statistics; Asia/Shanghai)
  --locale L      the report's language: ${LOCALES.join(", ")} (default: the rules' default category's)
  --rules DIR     the rule files, for the names of rules, FAQs, promos and categories
                  (default: RULES_DIR, else ./rules, else the shipped pack, as qunguan start)
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
  let values: {
    days?: string;
    until?: string;
    tz?: string;
    locale?: string;
    rules?: string;
    out?: string;
    db?: string;
    help?: boolean;
  };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        days: { type: "string" },
        until: { type: "string" },
        tz: { type: "string" },
        locale: { type: "string" },
        rules: { type: "string" },
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
  if (values.locale !== undefined && !(LOCALES as readonly string[]).includes(values.locale)) {
    process.stderr.write(`--locale takes one of ${LOCALES.join(", ")}, got "${values.locale}"\n`);
    return 2;
  }
  const rulesDir = values.rules ?? (env.RULES_DIR || defaultRulesDir());
  const loaded = existsSync(rulesDir) ? loadRules(rulesDir) : undefined;
  if (!loaded?.ok) {
    // Named on purpose: a broken or missing --rules is an error. The default is a convenience:
    // without it the report still stands, with ids for names.
    const why = loaded ? loaded.problems.map(formatProblem).join("\n") : `no rule directory at ${rulesDir}`;
    if (values.rules !== undefined) {
      process.stderr.write(`${why}\n`);
      return 1;
    }
    process.stderr.write(`rules not read (${rulesDir}), so rules and FAQs are shown by id\n`);
  }
  const pack = loaded?.ok ? loaded.pack : undefined;
  const locale =
    (values.locale as Locale | undefined) ?? pack?.categories[pack.defaultCategory]?.locale ?? "zh-CN";
  const timeZone = values.tz ?? (pack ? timeZoneOf(pack, pack.defaultCategory) : DEFAULT_TIME_ZONE);
  if (!isTimeZone(timeZone)) {
    process.stderr.write(`--tz takes an IANA time zone such as Asia/Shanghai, got "${timeZone}"\n`);
    return 2;
  }
  const window = reportWindow(values.until ?? today(timeZone), days, timeZone);
  const out = resolve(values.out ?? "qunguan-report.html");
  const database = openDatabase(dbPath);
  try {
    const html = buildReport(database.db, { window, labels: reportLabels({ locale, timeZone, pack }) });
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, html);
  } finally {
    database.close();
  }
  console.log(`wrote ${out} (${window.from} – ${window.until})`);
  return 0;
}
