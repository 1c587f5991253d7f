/**
 * Compiles a rule pack once (at load and on every reload) into what the engine
 * runs per message: ordered rule predicates, one automaton for every rule's
 * keywords, every FAQ word and every regex factor, the FAQ matcher, ladders
 * and the category binder.
 */
import type { ActionType } from "../core/decision.js";
import { childConditions } from "../rules/condition-tree.js";
import { parseDuration } from "../rules/duration.js";
import type { RulePack } from "../rules/rule-pack.js";
import type { Condition, ModerationRule, RuleActionInput } from "../rules/schema.js";
import { CategoryBinder } from "./category-binding.js";
import { compileCondition, type KeywordSlots, type Predicate } from "./conditions.js";
import { compileLadders, type Ladder } from "./escalation.js";
import { FaqMatcher } from "./faq/faq-matcher.js";
import { type MessageScanner, MessageScannerBuilder } from "./message-scanner.js";
import { RegexGates } from "./regex-gate.js";

/** Time zone for quiet hours that name none. @defaultValue "Asia/Shanghai" */
export const DEFAULT_TIME_ZONE = "Asia/Shanghai";

/** Pointers to one FAQ answer per chat within its cooldown. @defaultValue 3 */
export const DEFAULT_POINTERS_PER_COOLDOWN = 3;

export interface CompiledRule {
  id: string;
  priority: number;
  /** Categories the rule applies in; undefined = all. */
  categories: ReadonlySet<string> | undefined;
  exemptAdmins: boolean;
  exemptUsers: ReadonlySet<string>;
  exemptCategories: ReadonlySet<string>;
  dryRun: boolean;
  predicate: Predicate;
  actions: RuleActionInput[];
  /** Deletes, kicks, bans, mutes or warns: the first such rule that matches decides the sanction. */
  sanctions: boolean;
  /**
   * Warns, mutes, kicks or bans: a step against the member, not only the message. A rule that only
   * deletes (privacy) does not stop a later rule that escalates from taking its step.
   */
  escalates: boolean;
}

export interface CompiledRules {
  pack: RulePack;
  rules: CompiledRule[];
  /**
   * Every keyword of every condition (a hit counts the word's id), every FAQ
   * word and every regex factor: the one scan per message. (`keywords.size`
   * is the number of keyword patterns.)
   */
  keywords: MessageScanner;
  /** Number of keyword slots (one per keyword condition). */
  keywordSlots: number;
  /** The slot (condition) each word id belongs to. */
  wordSlots: Int32Array;
  /** Regex prefilters: the scanner opens them, and they tell which regexes may match. */
  gates: RegexGates;
  faq: FaqMatcher;
  /** Pointers to an answer within its cooldown (rule files' `faq.pointers`, with their defaults). */
  faqPointers: { enabled: boolean; maxPerCooldown: number };
  ladders: { byCategory: Map<string, Ladder>; fallback: Ladder };
  binder: CategoryBinder;
  /** How long the engine's memory must keep what the rules can still ask about (see memory.ts). */
  windows: { activityTtlMs: number; faqCooldownTtlMs: number; waveWindowMs: number };
  /** `platform:id` of the owners and of bot admins per category, from the rule files. */
  owners: ReadonlySet<string>;
  categoryAdmins: ReadonlyMap<string, ReadonlySet<string>>;
}

const REMOVING: ReadonlySet<ActionType> = new Set(["delete", "kick", "ban"]);
const SANCTIONING: ReadonlySet<ActionType> = new Set(["delete", "kick", "ban", "mute", "warn"]);
const ESCALATING: ReadonlySet<ActionType> = new Set(["kick", "ban", "mute", "warn"]);

export function compileRules(pack: RulePack, options: { timeZone?: string } = {}): CompiledRules {
  const lists: (readonly string[])[] = [];
  const slots: KeywordSlots = {
    register(keywords) {
      lists.push(keywords);
      return lists.length - 1;
    },
  };
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const gates = new RegexGates();
  const rules = pack.moderation
    .filter((r) => r.enabled)
    .map((rule, order) => ({ rule, order, compiled: compileRule(rule, { slots, timeZone, gates }) }))
    .sort(
      (a, b) =>
        b.rule.priority - a.rule.priority ||
        Number(removes(b.rule)) - Number(removes(a.rule)) ||
        a.order - b.order,
    )
    .map((x) => x.compiled);
  const wordSlots = Int32Array.from(lists.flatMap((list, slot) => list.map(() => slot)));
  const faq = new FaqMatcher(pack.faq.entries, pack.faq.cooldown);
  const scanner = new MessageScannerBuilder();
  lists.flat().forEach((keyword, id) => scanner.keyword(keyword, id));
  for (const [word, tag] of faq.words) scanner.faqWord(word, tag);
  gates.factors.forEach((g, id) => {
    for (const f of g.factors) scanner.factor(g.form, f, id);
  });
  const keywords = scanner.build();
  return {
    pack,
    rules,
    keywords,
    keywordSlots: lists.length,
    wordSlots,
    gates,
    faq,
    faqPointers: {
      enabled: pack.faq.pointers?.enabled ?? true,
      maxPerCooldown: pack.faq.pointers?.max_per_cooldown ?? DEFAULT_POINTERS_PER_COOLDOWN,
    },
    windows: memoryWindows(pack, faq),
    ladders: compileLadders(pack),
    binder: new CategoryBinder(pack),
    owners: new Set(pack.admins.owners.map((p) => `${p.platform}:${p.id}`)),
    categoryAdmins: new Map(
      Object.entries(pack.admins.categories).map(([c, people]) => [
        c,
        new Set(people.map((p) => `${p.platform}:${p.id}`)),
      ]),
    ),
  };
}

function compileRule(rule: ModerationRule, options: Parameters<typeof compileCondition>[1]): CompiledRule {
  return {
    id: rule.id,
    priority: rule.priority,
    categories: rule.categories ? new Set(rule.categories) : undefined,
    exemptAdmins: rule.exempt?.admins ?? true,
    exemptUsers: new Set(rule.exempt?.users ?? []),
    exemptCategories: new Set(rule.exempt?.categories ?? []),
    dryRun: rule.dry_run,
    predicate: compileCondition(rule.match, options),
    actions: rule.actions,
    sanctions: rule.actions.some((a) => SANCTIONING.has(actionType(a))),
    escalates: rule.actions.some((a) => ESCALATING.has(actionType(a))),
  };
}

/**
 * Recent messages are kept twice the longest flood/repeat window (events a
 * little out of order still count), FAQ answer times for the longest
 * cooldown; a minute at least.
 */
function memoryWindows(pack: RulePack, faq: FaqMatcher): CompiledRules["windows"] {
  let longest = 0;
  let wave = 0;
  const visit = (c: Condition) => {
    if (c.flood) longest = Math.max(longest, parseDuration(c.flood.seconds) ?? 0);
    if (c.repeat) longest = Math.max(longest, parseDuration(c.repeat.seconds) ?? 0);
    if (c.repeat_across) wave = Math.max(wave, parseDuration(c.repeat_across.seconds) ?? 0);
    for (const inner of childConditions(c)) visit(inner.condition);
  };
  for (const rule of pack.moderation) visit(rule.match);
  let cooldown = 0;
  for (const e of faq.entries) cooldown = Math.max(cooldown, e.cooldownMs);
  return {
    activityTtlMs: Math.max(2 * longest * 1000, 60_000),
    faqCooldownTtlMs: Math.max(cooldown, 60_000),
    waveWindowMs: wave * 1000,
  };
}

function removes(rule: ModerationRule): boolean {
  return rule.actions.some((a) => REMOVING.has(actionType(a)));
}

/** The action type a rule-file action stands for. */
export function actionType(action: RuleActionInput): ActionType {
  if (typeof action === "string") return action;
  return Object.keys(action)[0] as ActionType;
}
