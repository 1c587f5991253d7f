/**
 * Loads a rule directory: every *.yaml / *.yml file is parsed with positions,
 * validated with the zod schema, and merged into one rule pack; then the pack
 * is checked as a whole (duplicate ids, unknown categories, unsafe regexes).
 * Every problem is collected, each as `file:line:col message`.
 *
 * Nothing in a file makes it throw: hostile files (huge, binary, alias bombs,
 * catastrophic regexes) come back as problems, so `qunguan check` answers and
 * a hot reload keeps the last good rules.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { z } from "zod";
import { defaultMaintenance } from "../maintenance/config.js";
import type { Locale } from "../words/templates.js";
import { childConditions } from "./condition-tree.js";
import { RegexBudget, regexProblem } from "./regex-safety.js";
import { RuleLoadError, type RuleProblem } from "./rule-error.js";
import type { RulePack } from "./rule-pack.js";
import { defaultEscalation, defaultLearning, emptyAdmins } from "./rule-pack.js";
import type { Condition } from "./schema.js";
import { ruleFileSchema } from "./schema.js";
import { type PathSegment, YamlSource } from "./yaml-source.js";

/** Largest rule file read: the default pack's biggest is 11 kB; 50,000 keywords fit in under 1 MB. */
export const MAX_RULE_FILE_BYTES = 2 * 1024 * 1024;

/** Where a merged item came from, for problems found after merging. */
interface Origin {
  source: YamlSource;
  path: PathSegment[];
}

export type LoadResult = { ok: true; pack: RulePack } | { ok: false; problems: RuleProblem[] };

/** The rule files of a directory, sorted so merge order (and messages) are stable. */
export function listRuleFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/i.test(name))
    .sort()
    .map((name) => join(dir, name));
}

/** Loads and checks a directory; never throws for bad content, only reports it. */
export function loadRules(dir: string): LoadResult {
  let files: string[];
  try {
    files = listRuleFiles(dir);
  } catch (error) {
    return { ok: false, problems: [{ file: dir, line: 1, col: 1, message: (error as Error).message }] };
  }
  if (files.length === 0) {
    return { ok: false, problems: [{ file: dir, line: 1, col: 1, message: "no rule files (*.yaml) here" }] };
  }
  const texts: { file: string; text: string }[] = [];
  const problems: RuleProblem[] = [];
  for (const file of files) {
    const read = readRuleFile(file);
    if (typeof read === "string") texts.push({ file, text: read });
    else problems.push(read);
  }
  const result = loadRuleTexts(texts, dir);
  if (problems.length === 0) return result;
  return { ok: false, problems: [...problems, ...(result.ok ? [] : result.problems)] };
}

/** A rule file's text, or why it cannot be read: checked before reading, so a FIFO or a 10 GB file cannot stall a reload. */
function readRuleFile(file: string): string | RuleProblem {
  const at = (message: string): RuleProblem => ({ file, line: 1, col: 1, message });
  try {
    const stat = statSync(file);
    if (!stat.isFile()) return at("not a regular file");
    if (stat.size > MAX_RULE_FILE_BYTES) return at(tooBig(stat.size));
    return readFileSync(file, "utf8");
  } catch (error) {
    return at(`cannot read the file: ${(error as Error).message}`);
  }
}

function tooBig(bytes: number): string {
  return `file is ${(bytes / 1024 / 1024).toFixed(1)} MB; rule files may be at most ${MAX_RULE_FILE_BYTES / 1024 / 1024} MB`;
}

/** Loads a directory or throws RuleLoadError with every problem. */
export function loadRulesOrThrow(dir: string): RulePack {
  const result = loadRules(dir);
  if (!result.ok) throw new RuleLoadError(result.problems);
  return result.pack;
}

/** Loads rule files given as text (the unit the tests and hot reload work on). */
export function loadRuleTexts(files: { file: string; text: string }[], dir: string): LoadResult {
  const problems: RuleProblem[] = [];
  const merger = new PackMerger(dir, problems);
  for (const { file, text } of files) {
    try {
      const checked = checkFile(file, text);
      if ("problems" in checked) problems.push(...checked.problems);
      else merger.add(checked.source, checked.data);
    } catch (error) {
      // Not expected (every known hostile input is a problem above); if it happens, it is this file's problem.
      problems.push({ file, line: 1, col: 1, message: `cannot read the file: ${(error as Error).message}` });
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  const pack = merger.finish();
  return problems.length > 0 ? { ok: false, problems } : { ok: true, pack };
}

type CheckedFile =
  | { source: YamlSource; data: z.output<typeof ruleFileSchema> }
  | { problems: RuleProblem[] };

/** One file parsed and validated on its own. */
function checkFile(file: string, text: string): CheckedFile {
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > MAX_RULE_FILE_BYTES) return { problems: [{ file, line: 1, col: 1, message: tooBig(bytes) }] };
  const { source, problems: syntax } = parseCached(file, text);
  if (syntax.length > 0) return { problems: syntax };
  const js = source.toJS();
  if ("problem" in js) return { problems: [js.problem] };
  const parsed = ruleFileSchema.safeParse(js.data ?? {});
  if (!parsed.success) return { problems: capped(source, parsed.error.issues) };
  return { source, data: parsed.data };
}

/** Problems shown per file: a 50,000-item list of wrong values is one mistake, not 50,000 lines of output. */
export const MAX_PROBLEMS_PER_FILE = 50;

function capped(source: YamlSource, issues: z.core.$ZodIssue[]): RuleProblem[] {
  const shown = issues.slice(0, MAX_PROBLEMS_PER_FILE).map((issue) => issueProblem(source, issue));
  if (issues.length > MAX_PROBLEMS_PER_FILE) {
    const next = issueProblem(source, issues[MAX_PROBLEMS_PER_FILE]!);
    shown.push({ ...next, message: `${issues.length - MAX_PROBLEMS_PER_FILE} more problems in this file` });
  }
  return shown;
}

/**
 * Parsed files by path and text. A hot reload after an edit to one file re-parses only that one
 * (parsing is most of a load's time); YamlSource is never changed after parsing, so sharing it is safe.
 */
const parsed: { file: string; text: string; result: ReturnType<typeof YamlSource.parse> }[] = [];
// A parsed document takes about 25 bytes per character of text (240 kB for the 10k-character moderation.yaml):
// at most 16 files of 64k characters, under 25 MB.
const PARSE_CACHE_ENTRIES = 16;
const PARSE_CACHE_MAX_TEXT = 64 * 1024;

function parseCached(file: string, text: string): ReturnType<typeof YamlSource.parse> {
  if (text.length > PARSE_CACHE_MAX_TEXT) return YamlSource.parse(file, text);
  // A short list compared by path, then text: no key built from the text on every load.
  const at = parsed.findIndex((e) => e.file === file && e.text === text);
  if (at >= 0) {
    // Most recently used last, so the oldest is the one dropped.
    const [hit] = parsed.splice(at, 1);
    parsed.push(hit!);
    return hit!.result;
  }
  const result = YamlSource.parse(file, text);
  parsed.push({ file, text, result });
  if (parsed.length > PARSE_CACHE_ENTRIES) parsed.shift();
  return result;
}

function issueProblem(source: YamlSource, issue: z.core.$ZodIssue): RuleProblem {
  const path = issue.path.filter((p): p is PathSegment => typeof p !== "symbol");
  if (issue.code === "unrecognized_keys") {
    const key = issue.keys[0]!;
    const names = issue.keys.map(quoteKey).join(", ");
    return source.problemAt([...path, key], `unknown key${issue.keys.length > 1 ? "s" : ""} ${names}`, {
      atKey: true,
    });
  }
  const where = path.length > 0 ? `${path.join(".")}: ` : "";
  return source.problemAt(path, oneLine(`${where}${issueMessage(issue)}`));
}

/** A key as a message shows it: quoted, control characters escaped (a problem is one line), not a screenful. */
function quoteKey(key: string): string {
  return JSON.stringify(key.length > 60 ? `${key.slice(0, 60)}…` : key);
}

/** A problem is one line of `qunguan check` output. */
function oneLine(message: string): string {
  return message.replace(/\s*[\r\n]+\s*/g, " ");
}

function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_type" && issue.message.includes("received undefined")) {
    return `missing required ${issue.expected}`;
  }
  if (issue.code === "invalid_union") {
    // Name the words that would have been accepted (e.g. an action's names) when one branch lists them.
    const words = issue.errors
      .flat()
      .flatMap((i) => (i.code === "invalid_value" ? i.values.map(String) : []));
    return words.length > 0
      ? `expected one of ${words.join(", ")}, or another accepted form`
      : "not one of the accepted forms";
  }
  return issue.message;
}

/** Merges validated files into one pack, remembering origins for whole-pack checks. */
class PackMerger {
  private readonly pack: RulePack;
  private readonly origins = new Map<object, Origin>();
  private groupsOrigin: Origin | undefined;
  private escalationOrigin: Origin | undefined;
  private adminsOrigin: Origin | undefined;
  private maintenanceOrigin: Origin | undefined;
  private complaintsOrigin: Origin | undefined;
  private bookingsOrigin: Origin | undefined;
  private learningOrigin: Origin | undefined;
  private raidOrigin: Origin | undefined;
  private faqPointersOrigin: Origin | undefined;
  private faqCooldownSet = false;
  /** The first file merged: where problems of the pack as a whole are shown. */
  private firstSource: YamlSource | undefined;
  /** Regex analysis is bounded per load, so a file of many slow-to-check patterns cannot stall a reload. */
  private readonly regexBudget = new RegexBudget();

  constructor(
    dir: string,
    private readonly problems: RuleProblem[],
  ) {
    this.pack = {
      dir,
      defaultCategory: "",
      bindings: [],
      categories: {},
      moderation: [],
      escalation: defaultEscalation(),
      faq: { cooldown: "2m", entries: [] },
      admins: emptyAdmins(),
      promos: [],
      templates: {},
      maintenance: defaultMaintenance(),
      learning: defaultLearning(),
    };
  }

  add(source: YamlSource, file: z.output<typeof ruleFileSchema>): void {
    this.firstSource ??= source;
    if (file.groups) {
      if (this.once("groups", source, this.groupsOrigin)) {
        this.groupsOrigin = { source, path: ["groups"] };
        this.pack.defaultCategory = file.groups.default_category;
        file.groups.bindings.forEach((b, i) => {
          this.pack.bindings.push(b);
          this.origins.set(b, { source, path: ["groups", "bindings", i] });
        });
      }
    }
    for (const [name, category] of Object.entries(file.categories ?? {})) {
      if (Object.hasOwn(this.pack.categories, name)) {
        this.problems.push(
          source.problemAt(["categories", name], `category "${name}" is defined twice`, { atKey: true }),
        );
      } else {
        this.pack.categories[name] = category;
      }
    }
    file.moderation?.forEach((rule, i) => {
      this.pack.moderation.push(rule);
      this.origins.set(rule, { source, path: ["moderation", i] });
    });
    if (file.escalation && this.once("escalation", source, this.escalationOrigin)) {
      this.escalationOrigin = { source, path: ["escalation"] };
      this.pack.escalation = file.escalation;
    }
    if (file.faq) {
      if (this.faqCooldownSet && file.faq.cooldown !== this.pack.faq.cooldown) {
        this.problems.push(
          source.problemAt(["faq", "cooldown"], "faq.cooldown is set differently in another file"),
        );
      }
      this.pack.faq.cooldown = file.faq.cooldown;
      this.faqCooldownSet = true;
      if (file.faq.pointers) {
        const first = this.faqPointersOrigin;
        if (first) {
          this.problems.push(
            source.problemAt(["faq", "pointers"], `faq.pointers is already defined in ${first.source.file}`, {
              atKey: true,
            }),
          );
        } else {
          this.faqPointersOrigin = { source, path: ["faq", "pointers"] };
          this.pack.faq.pointers = file.faq.pointers;
        }
      }
      file.faq.entries.forEach((entry, i) => {
        this.pack.faq.entries.push(entry);
        this.origins.set(entry, { source, path: ["faq", "entries", i] });
      });
    }
    if (file.admins && this.once("admins", source, this.adminsOrigin)) {
      this.adminsOrigin = { source, path: ["admins"] };
      this.pack.admins = file.admins;
    }
    for (const [locale, words] of Object.entries(file.templates ?? {})) {
      const merged = { ...this.pack.templates[locale as Locale] };
      for (const [key, text] of Object.entries(words)) {
        if (key in merged) {
          this.problems.push(
            source.problemAt(["templates", locale, key], `template ${locale}.${key} is defined twice`),
          );
        }
        (merged as Record<string, string>)[key] = text;
      }
      this.pack.templates[locale as Locale] = merged;
    }
    if (file.maintenance && this.once("maintenance", source, this.maintenanceOrigin)) {
      this.maintenanceOrigin = { source, path: ["maintenance"] };
      this.pack.maintenance = file.maintenance;
    }
    file.promos?.forEach((promo, i) => {
      this.pack.promos.push(promo);
      this.origins.set(promo, { source, path: ["promos", i] });
    });
    if (file.complaints && this.once("complaints", source, this.complaintsOrigin)) {
      this.complaintsOrigin = { source, path: ["complaints"] };
      this.pack.complaints = file.complaints;
    }
    if (file.raid && this.once("raid", source, this.raidOrigin)) {
      this.raidOrigin = { source, path: ["raid"] };
      this.pack.raid = file.raid;
    }
    if (file.learning && this.once("learning", source, this.learningOrigin)) {
      this.learningOrigin = { source, path: ["learning"] };
      this.pack.learning = file.learning;
    }
    if (file.bookings && this.once("bookings", source, this.bookingsOrigin)) {
      this.bookingsOrigin = { source, path: ["bookings"] };
      this.pack.bookings = file.bookings;
    }
  }

  /** Sections that make sense once per pack; a second one is a mistake, not a merge. */
  private once(section: string, source: YamlSource, previous: Origin | undefined): boolean {
    if (!previous) return true;
    this.problems.push(
      source.problemAt([section], `"${section}" is already defined in ${previous.source.file}`, {
        atKey: true,
      }),
    );
    return false;
  }

  finish(): RulePack {
    const pack = this.pack;
    const categories = new Set(Object.keys(pack.categories));
    if (categories.size === 0) {
      const message = "no categories defined in any rule file (a `categories:` section names them)";
      this.problems.push(
        this.firstSource?.problemAtStart(message) ?? { file: pack.dir, line: 1, col: 1, message },
      );
      return pack;
    }
    if (!this.groupsOrigin) {
      pack.defaultCategory = categories.has("promo") ? "promo" : [...categories][0]!;
    } else if (!categories.has(pack.defaultCategory)) {
      this.report(this.groupsOrigin, ["default_category"], `unknown category "${pack.defaultCategory}"`);
    }
    const checkCategory = (origin: Origin | undefined, path: PathSegment[], name: string) => {
      if (origin && !categories.has(name)) this.report(origin, path, `unknown category "${name}"`);
    };
    for (const binding of pack.bindings) {
      const origin = this.origins.get(binding);
      checkCategory(origin, ["category"], binding.category);
      if (binding.title_regex !== undefined) this.checkRegex(origin, ["title_regex"], binding.title_regex);
    }
    this.checkUniqueIds(pack.moderation, "moderation rule");
    for (const rule of pack.moderation) {
      const origin = this.origins.get(rule);
      rule.categories?.forEach((c, i) => checkCategory(origin, ["categories", i], c));
      rule.exempt?.categories.forEach((c, i) => checkCategory(origin, ["exempt", "categories", i], c));
      this.checkCondition(origin, ["match"], rule.match);
    }
    this.checkUniqueIds(pack.faq.entries, "FAQ");
    for (const entry of pack.faq.entries) {
      const origin = this.origins.get(entry);
      entry.categories?.forEach((c, i) => checkCategory(origin, ["categories", i], c));
      for (const c of Object.keys(entry.answers)) checkCategory(origin, ["answers", c], c);
    }
    for (const c of Object.keys(pack.escalation.categories)) {
      checkCategory(this.escalationOrigin, ["categories", c], c);
    }
    for (const c of Object.keys(pack.admins.categories))
      checkCategory(this.adminsOrigin, ["categories", c], c);
    for (const c of Object.keys(pack.maintenance.categories))
      checkCategory(this.maintenanceOrigin, ["categories", c], c);
    this.checkUniqueIds(pack.promos, "promo");
    for (const promo of pack.promos) {
      const origin = this.origins.get(promo);
      promo.targets.categories.forEach((c, i) => checkCategory(origin, ["targets", "categories", i], c));
    }
    if (pack.complaints) {
      const origin = this.complaintsOrigin;
      pack.complaints.categories.forEach((c, i) => checkCategory(origin, ["categories", i], c));
      this.checkCondition(origin, ["match"], pack.complaints.match);
    }
    // Only a written learning section is held to the pack's rules: the defaults name the default pack's.
    const ruleIds = new Set(pack.moderation.map((r) => r.id));
    for (const [kind, rule] of Object.entries(this.learningOrigin ? pack.learning.kinds : {})) {
      if (!ruleIds.has(rule))
        this.report(this.learningOrigin, ["kinds", kind], `unknown moderation rule "${rule}"`);
    }
    if (pack.bookings) {
      const origin = this.bookingsOrigin;
      pack.bookings.categories.forEach((c, i) => checkCategory(origin, ["categories", i], c));
      if (pack.bookings.enabled && (pack.bookings.staff ?? pack.complaints?.staff ?? []).length === 0) {
        this.report(
          origin,
          [],
          "bookings need staff to hand them to: give bookings.staff, or staff in the complaints section",
        );
      }
    }
    return pack;
  }

  private checkUniqueIds(items: { id: string }[], what: string): void {
    const seen = new Map<string, Origin | undefined>();
    for (const item of items) {
      const origin = this.origins.get(item);
      const first = seen.get(item.id);
      if (seen.has(item.id)) {
        const where = first ? ` (first at ${first.source.file})` : "";
        this.report(origin, ["id"], `duplicate ${what} id "${item.id}"${where}`);
      } else {
        seen.set(item.id, origin);
      }
    }
  }

  /**
   * `inSignal`: the weight and threshold of the evidence signal this condition is part of. The
   * classifier may only be such a signal, lighter than its threshold: it tips a decision that other
   * evidence has started, and never sanctions ordinary chatter alone.
   */
  private checkCondition(
    origin: Origin | undefined,
    path: PathSegment[],
    condition: Condition,
    inSignal?: { weight: number; threshold: number },
  ): void {
    if (condition.classifier !== undefined) {
      if (!inSignal)
        this.report(
          origin,
          [...path, "classifier"],
          "the classifier can only be an evidence signal (evidence.signals[].when), so it never sanctions alone",
        );
      else if (inSignal.weight >= inSignal.threshold)
        this.report(
          origin,
          [...path, "classifier"],
          `a classifier signal must weigh less than its threshold (${inSignal.weight} >= ${inSignal.threshold}), so it never sanctions alone`,
        );
    }
    if (condition.evidence) {
      const { threshold, signals } = condition.evidence;
      signals.forEach((signal, i) =>
        this.checkCondition(origin, [...path, "evidence", "signals", i, "when"], signal.when, {
          weight: signal.weight,
          threshold,
        }),
      );
    }
    for (const key of ["regex", "compact_regex"] as const) {
      const value = condition[key];
      if (value === undefined) continue;
      if (Array.isArray(value))
        value.forEach((source, i) => this.checkRegex(origin, [...path, key, i], source));
      else this.checkRegex(origin, [...path, key], value);
    }
    for (const child of childConditions(condition)) {
      if (child.path[0] === "evidence") continue; // checked above, with the signal's weight
      this.checkCondition(origin, [...path, ...child.path], child.condition, inSignal);
    }
  }

  private checkRegex(origin: Origin | undefined, path: PathSegment[], source: string): void {
    const problem = regexProblem(source, this.regexBudget);
    if (problem) this.report(origin, path, problem);
  }

  private report(origin: Origin | undefined, path: PathSegment[], message: string): void {
    if (!origin) {
      this.problems.push(
        this.firstSource?.problemAtStart(message) ?? { file: this.pack.dir, line: 1, col: 1, message },
      );
      return;
    }
    this.problems.push(origin.source.problemAt([...origin.path, ...path], message));
  }
}
