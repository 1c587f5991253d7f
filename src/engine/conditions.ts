/**
 * Rule conditions compiled once per rule set into small named predicates.
 * Keyword tests do no work of their own: the rule set's one automaton scans the
 * message first, and a keyword test only reads whether its slot was hit.
 */
import type { MessageEvent, MessageKind } from "../core/chat-event.js";
import { inWindow, minuteOfDay, parseClock } from "../core/clock.js";
import type { Signal } from "../core/decision.js";
import { parseDuration } from "../rules/duration.js";
import { OPERATOR_REGEX_FLAGS } from "../rules/regex-safety.js";
import type { Condition } from "../rules/schema.js";
import { isLinkAllowed } from "./detectors/link-allow-list.js";
import { findLinks, LINK_HINTS } from "./detectors/links.js";
import { hasPii, type PiiKind } from "./detectors/pii.js";
import type { EngineMemory } from "./memory.js";
import type { RegexGates } from "./regex-gate.js";
import type { NearLearned, SpamOpinion } from "./spam-judge.js";
import type { NormalizedText } from "./text/normalize.js";

/** Everything a predicate may look at for one message. */
export interface MessageContext {
  event: MessageEvent;
  /** chatKey of the event's chat. */
  chat: string;
  text: NormalizedText;
  /** One slot per keyword condition of the rule set: how many different words of its list occur. */
  keywordHits: Uint16Array;
  /** Per regex gate, 1 when the regex may match this message (see regex-gate.ts); absent = run every regex. */
  regexGates?: Uint8Array;
  textHash: number;
  /** The hash of the text with digits read alike: what a wave across members is counted by. */
  waveHash: number;
  memory: EngineMemory;
  /** The classifier's opinion, computed at most once per message; absent without a classifier. */
  spam?: () => SpamOpinion;
  /** The admin-marked spam the text is near (looked up once per message); absent without learning. */
  learnedSpam?: () => NearLearned | undefined;
}

export type Predicate = ((ctx: MessageContext) => boolean) & {
  /** The signals that hold, for an explanation (composites and evidence; leaves are named by their function). */
  explain?: (ctx: MessageContext) => Signal[];
  /** Costly to test (the classifier): weighed after the cheap signals. */
  costly?: boolean;
};

/** The signals behind a predicate that holds: evidence names its signals, a leaf test its kind. */
export function explainPredicate(predicate: Predicate, ctx: MessageContext): Signal[] {
  if (predicate.explain) return predicate.explain(ctx);
  return predicate(ctx) ? [{ name: predicate.name, weight: 1 }] : [];
}

/** Collects the keyword lists of all conditions so one automaton can serve them. */
export interface KeywordSlots {
  /** Registers a keyword list and returns its slot. */
  register(keywords: readonly string[]): number;
}

export interface CompileOptions {
  slots: KeywordSlots;
  /** Prefilters for regexes; without them every regex runs on every message. */
  gates?: RegexGates;
  /** Time zone for quiet hours without their own. */
  timeZone: string;
}

/** Compiles a condition; the tests written side by side in one condition must all hold. */
export function compileCondition(condition: Condition, options: CompileOptions): Predicate {
  const tests: Predicate[] = [];
  if (condition.keywords) {
    const { words, min } = Array.isArray(condition.keywords)
      ? { words: condition.keywords, min: 1 }
      : { words: condition.keywords.words, min: condition.keywords.min ?? 1 };
    tests.push(keywordTest(options.slots.register(words), min));
  }
  if (condition.regex !== undefined) tests.push(regexTest([condition.regex].flat(), "plain", options.gates));
  if (condition.compact_regex !== undefined)
    tests.push(regexTest([condition.compact_regex].flat(), "compact", options.gates));
  if (condition.links !== undefined) tests.push(linkTest(condition.links, options.gates));
  if (condition.pii) tests.push(piiTest(condition.pii));
  if (condition.flood) tests.push(floodTest(condition.flood.count, seconds(condition.flood.seconds)));
  if (condition.repeat) tests.push(repeatTest(condition.repeat.count, seconds(condition.repeat.seconds)));
  if (condition.repeat_across)
    tests.push(repeatAcrossTest(condition.repeat_across.count, seconds(condition.repeat_across.seconds)));
  if (condition.kinds) tests.push(kindTest(condition.kinds));
  if (condition.member_age) tests.push(memberAgeTest(seconds(condition.member_age.under)));
  if (condition.quiet_hours) {
    const q = condition.quiet_hours;
    tests.push(quietHoursTest(parseClock(q.from), parseClock(q.to), q.time_zone ?? options.timeZone));
  }
  if (condition.mentions) tests.push(mentionsTest(condition.mentions.min));
  if (condition.length) tests.push(lengthTest(condition.length.min ?? 0, condition.length.max ?? Infinity));
  if (condition.any) tests.push(anyOf(condition.any.map((c) => compileCondition(c, options))));
  if (condition.all) tests.push(allOf(condition.all.map((c) => compileCondition(c, options))));
  if (condition.not) tests.push(not(compileCondition(condition.not, options)));
  if (condition.evidence) tests.push(evidenceTest(condition.evidence, options));
  if (condition.classifier) tests.push(classifierTest(condition.classifier.min, condition.classifier.kinds));
  if (condition.learned) tests.push(learnedSpamTest());
  return tests.length === 1 ? tests[0]! : allOf(tests);
}

function seconds(value: string | number): number {
  return parseDuration(value) ?? 0;
}

function keywordTest(slot: number, min: number): Predicate {
  return function keywords(ctx) {
    return ctx.keywordHits[slot]! >= min;
  };
}

function regexTest(sources: string[], form: "plain" | "compact", gates: RegexGates | undefined): Predicate {
  const patterns = sources.map((s) => new RegExp(s, OPERATOR_REGEX_FLAGS));
  const gateIds = sources.map((s) => gates?.register(form, s, OPERATOR_REGEX_FLAGS) ?? -1);
  return function regex(ctx) {
    const text = ctx.text[form];
    const open = ctx.regexGates;
    for (let k = 0; k < patterns.length; k++) {
      // A closed gate: the text lacks every unit a match needs, so the test would fail.
      const gate = gateIds[k]!;
      if (gate >= 0 && open !== undefined && open[gate] === 0) continue;
      if (patterns[k]!.test(text)) return true;
    }
    return false;
  };
}

function linkTest(option: boolean | { allow?: string[] }, gates: RegexGates | undefined): Predicate {
  // Every link spelling holds one of LINK_HINTS: where the scan found none, there is no link.
  const gate = gates?.registerFactors("plain", LINK_HINTS) ?? -1;
  const hinted = (ctx: MessageContext) =>
    gate < 0 || ctx.regexGates === undefined || ctx.regexGates[gate] === 1;
  if (option === false) {
    return function noLinks(ctx) {
      return !hinted(ctx) || findLinks(ctx.text).length === 0;
    };
  }
  const allow = option === true ? [] : (option.allow ?? []).map((d) => d.toLowerCase().replace(/^www\./, ""));
  return function links(ctx) {
    if (!hinted(ctx)) return false;
    for (const link of findLinks(ctx.text)) if (!isLinkAllowed(link, ctx.text.plain, allow)) return true;
    return false;
  };
}

function piiTest(kinds: readonly PiiKind[]): Predicate {
  return function pii(ctx) {
    return hasPii(ctx.text, kinds);
  };
}

function floodTest(count: number, windowSeconds: number): Predicate {
  return function flood(ctx) {
    return ctx.memory.countSince(ctx.chat, ctx.event.sender.id, ctx.event.at - windowSeconds * 1000) >= count;
  };
}

function repeatTest(count: number, windowSeconds: number): Predicate {
  return function repeat(ctx) {
    // Empty texts are all alike; only the same media (mediaId, folded into textHash) repeats.
    if (ctx.text.compact.length === 0 && ctx.event.mediaId === undefined) return false;
    const since = ctx.event.at - windowSeconds * 1000;
    return ctx.memory.countSameTextSince(ctx.chat, ctx.event.sender.id, ctx.textHash, since) >= count;
  };
}

function repeatAcrossTest(count: number, windowSeconds: number): Predicate {
  return function repeatAcross(ctx) {
    if (ctx.text.compact.length === 0) return false;
    return (
      ctx.memory.waves.membersSince(ctx.chat, ctx.waveHash, ctx.event.at - windowSeconds * 1000) >= count
    );
  };
}

function kindTest(kinds: readonly MessageKind[]): Predicate {
  const set = new Set(kinds);
  return function kind(ctx) {
    return set.has(ctx.event.kind);
  };
}

function memberAgeTest(underSeconds: number): Predicate {
  return function memberAge(ctx) {
    const first = ctx.event.sender.firstSeenAt ?? ctx.memory.firstSeen(ctx.chat, ctx.event.sender.id);
    return first === undefined || ctx.event.at - first < underSeconds * 1000;
  };
}

function quietHoursTest(from: number, to: number, timeZone: string): Predicate {
  return function quietHours(ctx) {
    return inWindow(minuteOfDay(ctx.event.at, timeZone), from, to);
  };
}

function mentionsTest(min: number): Predicate {
  return function mentions(ctx) {
    return ctx.event.mentions.length >= min;
  };
}

function lengthTest(min: number, max: number): Predicate {
  return function length(ctx) {
    const n = ctx.text.raw.length;
    return n >= min && n <= max;
  };
}

/**
 * Weighted evidence: the weights of the signals that hold, added up, must reach the threshold.
 * Signals with positive weights are tried heaviest first and the sum stops as soon as the rest could
 * no longer change the outcome, so most ordinary messages cost a few slot reads.
 */
function evidenceTest(evidence: NonNullable<Condition["evidence"]>, options: CompileOptions): Predicate {
  const signals = evidence.signals
    .map((s) => ({ name: s.name, weight: s.weight, holds: compileCondition(s.when, options) }))
    // Evidence against first: it can only lower the sum, so the early exit below stays right. Then the
    // cheap signals heaviest first, and the costly ones (the classifier) last: reached only when the
    // cheap evidence already brought the sum within their weight of the threshold.
    .sort((a, b) => {
      if (a.weight < 0 || b.weight < 0) return a.weight - b.weight;
      if (a.holds.costly !== b.holds.costly) return a.holds.costly ? 1 : -1;
      return b.weight - a.weight;
    });
  const threshold = evidence.threshold;
  const positiveLeft = new Float64Array(signals.length + 1);
  for (let i = signals.length - 1; i >= 0; i--)
    positiveLeft[i] = positiveLeft[i + 1]! + Math.max(0, signals[i]!.weight);
  const test: Predicate = function evidenceSum(ctx) {
    let sum = 0;
    for (let i = 0; i < signals.length; i++) {
      if (sum + positiveLeft[i]! < threshold) return false;
      const s = signals[i]!;
      if (s.weight >= 0 && sum >= threshold) return true;
      if (s.holds(ctx)) sum += s.weight;
    }
    return sum >= threshold;
  };
  // Every signal that holds, tried in full (only for a rule that fired, so the cost does not matter).
  test.explain = (ctx) =>
    signals.filter((s) => s.holds(ctx)).map((s) => ({ name: s.name, weight: s.weight }));
  return test;
}

function classifierTest(min: number, kinds: readonly string[] | undefined): Predicate {
  const wanted = kinds === undefined ? undefined : new Set(kinds);
  const test: Predicate = function classifier(ctx) {
    const opinion = ctx.spam?.();
    return (
      opinion !== undefined && opinion.score >= min && (wanted === undefined || wanted.has(opinion.kind))
    );
  };
  test.costly = true;
  return test;
}

function learnedSpamTest(): Predicate {
  return function learned(ctx) {
    return ctx.learnedSpam?.() !== undefined;
  };
}

function anyOf(predicates: Predicate[]): Predicate {
  const test: Predicate = function any(ctx) {
    for (const p of predicates) if (p(ctx)) return true;
    return false;
  };
  test.explain = (ctx) => predicates.flatMap((p) => explainPredicate(p, ctx));
  test.costly = predicates.some((p) => p.costly);
  return test;
}

function allOf(predicates: Predicate[]): Predicate {
  const test: Predicate = function all(ctx) {
    for (const p of predicates) if (!p(ctx)) return false;
    return true;
  };
  test.explain = (ctx) => (test(ctx) ? predicates.flatMap((p) => explainPredicate(p, ctx)) : []);
  test.costly = predicates.some((p) => p.costly);
  return test;
}

function not(predicate: Predicate): Predicate {
  const test: Predicate = function not(ctx) {
    return !predicate(ctx);
  };
  // What did not hold explains nothing.
  test.explain = () => [];
  test.costly = predicate.costly;
  return test;
}
