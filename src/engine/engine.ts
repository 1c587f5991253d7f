/**
 * The rule engine: an event and the engine's memory in, a Decision out. No
 * I/O, no platform SDK, no clock (time comes from the event), so the same
 * transcript always yields the same decisions and a message costs microseconds.
 *
 * Per message: moderation rules run in priority order; the first matching rule
 * that sanctions decides (rules that only reply or notify all run); a warning
 * climbs the ladder. Only a message that drew no sanction may get an FAQ answer.
 * A booking request (in chats that take them) is read instead of answered as
 * an FAQ, even when a rule removed it (a phone number in it): the booking
 * desk decides what becomes of it.
 */
import { bookingConfig, takesBookings } from "../bookings/booking-config.js";
import { PendingBookings } from "../bookings/pending-bookings.js";
import { mayBeBooking, readBooking } from "../bookings/read-booking.js";
import { spokenDuration } from "../complaints/spoken-duration.js";
import { type BookingRequest, isComplete } from "../core/booking-request.js";
import {
  type ChatEvent,
  type ChatRef,
  chatKey,
  type JoinEvent,
  type MessageEvent,
} from "../core/chat-event.js";
import { type Action, type Decision, type Explanation, explained } from "../core/decision.js";
import { parseDuration } from "../rules/duration.js";
import type { RuleActionInput } from "../rules/schema.js";
import { render } from "../words/templates.js";
import { actionType, type CompiledRule, type CompiledRules } from "./compile.js";
import { explainPredicate, type MessageContext } from "./conditions.js";
import { ladderSanction } from "./escalation.js";
import { asksTheShop } from "./faq/addressee.js";
import { isQuestion } from "./faq/question.js";
import { impersonationActions } from "./impersonation.js";
import { EngineMemory, textHash } from "./memory.js";
import { isEchoable, NameJudge } from "./name-judge.js";
import { type RaidChange, type RaidSettings, RaidWatch, raidSettings } from "./raid-watch.js";
import { ScanState } from "./scan-state.js";
import type { NearLearned, SpamJudge, SpamOpinion } from "./spam-judge.js";
import { normalize } from "./text/normalize.js";

/** The rule id of the sanction on a member who talks while (soft-)muted. */
export const MUTED_RULE = "muted";
/** The cause named by raid mode's summary. */
export const RAID_RULE = "raid";
/** The rule id of removing a bot that a member who is not an admin added (`remove_bots_added_by_members`). */
export const ADDED_BOT_RULE = "added-bot";
/** Default length of a rule's bare `mute` action. @defaultValue 1h */
export const DEFAULT_MUTE_SECONDS = 3600;

export interface EngineOptions {
  /** Bot admins appointed in chat (kept by the command layer); platform admins and owners are known already. */
  isBotAdmin?: (chat: ChatRef, user: string, category: string) => boolean;
}

export class Engine {
  private scanState: ScanState | undefined;
  private scanStateFor: CompiledRules | undefined;
  /** Booking requests the bot asked members to complete. */
  private readonly pendingBookings = new PendingBookings();
  /** The spam classifier and the admins' samples; without it the classifier and learned conditions never hold. */
  private judge: SpamJudge | undefined;
  /** Bursts of joins and caught messages per chat (raid mode). */
  readonly raids = new RaidWatch();
  private raidFor: CompiledRules | undefined;
  private raid: RaidSettings | undefined;
  /** Display names judged like text (at join and with every message). */
  private readonly names = new NameJudge();

  constructor(
    private rules: CompiledRules,
    readonly memory: EngineMemory = new EngineMemory(),
    private readonly options: EngineOptions = {},
  ) {
    memory.setWindows(rules.windows);
  }

  /** Swaps in a newly compiled rule set (hot reload); memory is kept, with the new rules' windows. */
  setRules(rules: CompiledRules): void {
    this.rules = rules;
    this.memory.setWindows(rules.windows);
  }

  /** Puts the merchant's classifier in place (at start; it learns in place as admins teach it). */
  setJudge(judge: SpamJudge | undefined): void {
    this.judge = judge;
  }

  get spamJudge(): SpamJudge | undefined {
    return this.judge;
  }

  get compiled(): CompiledRules {
    return this.rules;
  }

  categoryOf(event: ChatEvent): string {
    return event.category ?? this.rules.binder.categoryOf(event.chat);
  }

  /** The category a chat is bound to (by id or title), outside any event. */
  categoryOfChat(chat: ChatRef): string {
    return this.rules.binder.categoryOf(chat);
  }

  /** Is the sender an admin of this chat: platform admin, owner, or bot admin of the chat or its category. */
  isAdmin(event: ChatEvent, category = this.categoryOf(event)): boolean {
    const { sender, chat } = event;
    if (sender.isPlatformAdmin) return true;
    const person = `${chat.platform}:${sender.id}`;
    if (this.rules.owners.has(person) || this.rules.categoryAdmins.get(category)?.has(person)) return true;
    return this.options.isBotAdmin?.(chat, sender.id, category) ?? false;
  }

  decide(event: ChatEvent): Decision {
    const category = this.categoryOf(event);
    if (event.type === "join") return this.onJoin(event, category);
    if (event.type === "leave") return { actions: [], shadow: [], category };
    return this.onMessage(event, category);
  }

  private onJoin(event: JoinEvent, category: string): Decision {
    this.memory.markSeen(chatKey(event.chat), event.sender.id, event.at);
    this.memory.noteMember(
      chatKey(event.chat),
      event.sender.id,
      event.sender.displayName,
      event.sender.isPlatformAdmin,
    );
    const actions: Action[] = this.impersonation(event, category, () => this.isAdmin(event, category));
    if (this.isBotAddedByMember(event, category)) {
      actions.push({ type: "kick", rule: ADDED_BOT_RULE, user: event.sender.id });
      return { actions, shadow: [], category };
    }
    const name = this.names.judge(this.rules, event, category, () => this.isAdmin(event, category));
    if (name.hide) this.hideName(event, category);
    if (name.rule) {
      // Sanctioned as for a message of the rule, with nothing to delete and no welcome for the advert.
      const asMessage: MessageEvent = {
        ...event,
        type: "message",
        messageId: "",
        text: "",
        kind: "other",
        mentions: [],
      };
      const rest = name.rule.actions.filter((a) => a !== "delete" && actionType(a) !== "reply");
      this.sanction(asMessage, chatKey(event.chat), category, name.rule.id, rest, actions, name.explanation);
      return { actions, shadow: [], category };
    }
    const raid = this.raidSettings();
    const chat = chatKey(event.chat);
    if (raid) {
      const change = this.raids.noteJoin(chat, event.at, raid);
      // In raid mode nobody is welcomed: fifty welcomes would be the raid's own flood.
      if (this.raids.isOn(chat, event.at)) {
        if (change === "started") actions.push(...this.raidSummary(category, raid));
        return { actions, shadow: [], category, quiet: true };
      }
    }
    const c = this.rules.pack.categories[category];
    if (c?.welcome && (c.intro || c.rules_text)) {
      const text = [c.intro.trim(), c.rules_text.trim()].filter(Boolean).join("\n\n");
      actions.push({ type: "reply", user: event.sender.id, text });
    }
    return { actions, shadow: [], category };
  }

  /**
   * The name must not be repeated: this event's notices say "this member", and so does every later
   * word of the bot that names the member from memory (an admin's /ban, /report, /notspam).
   */
  private hideName(event: ChatEvent, category: string): void {
    event.sender.hideName = true;
    const pack = this.rules.pack;
    const label = render(pack.categories[category]?.locale ?? "zh-CN", "neutralMember", {}, pack.templates);
    this.memory.noteMember(chatKey(event.chat), event.sender.id, label, event.sender.isPlatformAdmin);
  }

  /** A bot brought in by a member who is not an admin, where the category removes those. */
  private isBotAddedByMember(event: JoinEvent, category: string): boolean {
    const adder = event.addedBy;
    if (!event.sender.isBot || !adder || adder.id === event.sender.id) return false;
    if (!this.rules.pack.categories[category]?.remove_bots_added_by_members) return false;
    return !this.isAdmin({ ...event, sender: adder }, category);
  }

  private onMessage(event: MessageEvent, category: string): Decision {
    const chat = chatKey(event.chat);
    const user = event.sender.id;
    const memory = this.memory;
    memory.markSeen(chat, user, event.at);
    memory.noteMember(chat, user, event.sender.displayName, event.sender.isPlatformAdmin);
    const text = normalize(event.text);
    // Without text, the media itself is what repeats (the same sticker ten times).
    const hash = textHash(
      text.compact.length === 0 && event.mediaId !== undefined
        ? `\u0000media:${event.mediaId}`
        : text.compact,
    );
    if (!event.edited) memory.recordMessage(chat, user, event.at, hash);
    // Only when a rule counts waves: the digit-folded hash and the record cost a little per message.
    const waveWindow = this.rules.windows.waveWindowMs;
    const waveHash = waveWindow > 0 ? textHash(text.compact.replace(/[0-9]/g, "0")) : 0;
    if (waveWindow > 0 && !event.edited && text.compact.length > 0)
      memory.waves.note(chat, waveHash, user, event.at, waveWindow);

    const actions: Action[] = [];
    const shadow: Action[] = [];
    // Whether the sender is an admin is asked only when it matters (a mute, a rule that fired):
    // it costs string building and set lookups that most messages never need.
    let admin: boolean | undefined;
    const isAdmin = (): boolean => {
      admin ??= this.isAdmin(event, category);
      return admin;
    };

    if (memory.isMuted(chat, user, event.at) && !isAdmin()) {
      // Only reachable where the platform could not mute (soft mute): talking while muted climbs the ladder.
      this.sanction(event, chat, category, MUTED_RULE, ["delete", "warn"], actions);
      return { actions, shadow, category };
    }

    actions.push(...this.impersonation(event, category, isAdmin));

    // One pass finds every keyword, FAQ word and regex factor; each different word counts once.
    const scan = this.scanStateNow();
    scan.reset();
    this.rules.keywords.scan(text, scan);
    const ctx: MessageContext = {
      event,
      chat,
      text,
      keywordHits: scan.counts,
      regexGates: scan.gates,
      textHash: hash,
      waveHash,
      memory,
    };
    const judge = this.judge;
    if (judge) {
      // Asked only by the rules that reach them, once per message.
      let opinion: SpamOpinion | undefined;
      let near: NearLearned | undefined | null = null;
      ctx.spam = () => {
        opinion ??= judge.score(text);
        return opinion;
      };
      ctx.learnedSpam = () => {
        if (near === null) near = judge.nearSpam(text);
        return near;
      };
    }

    // Composition: the first rule that escalates (warn, mute, kick, ban) decides the member's step.
    // A rule before it that only removed the message (privacy) does not swallow it: an ad carrying a
    // phone number is deleted once and still warned, with one notice (the warning's), not two.
    let sanctioned = false;
    let removedBy: string | undefined;
    for (const rule of this.rules.rules) {
      if (sanctioned && rule.sanctions) continue;
      if (removedBy !== undefined && rule.sanctions && !rule.escalates) continue;
      if (!applies(rule, category, user)) continue;
      if (!rule.predicate(ctx)) continue;
      if (rule.exemptAdmins && isAdmin()) continue;
      // An admin said a text like this one is ordinary (/notspam): this rule leaves it alone.
      if (rule.sanctions && judge?.nearHam(text, rule.id)) continue;
      const explanation = rule.sanctions ? this.explain(rule, ctx) : undefined;
      if (rule.dryRun) {
        // Shadow: what the rule would do, computed without touching memory.
        shadow.push(...explained(this.plan(event, category, rule.id, rule.actions, false), explanation));
        continue;
      }
      if (removedBy !== undefined && rule.escalates) {
        const removal = removedBy;
        for (let i = actions.length - 1; i >= 0; i--) {
          if (actions[i]!.rule === removal && actions[i]!.type === "reply") actions.splice(i, 1);
        }
        const rest = rule.actions.filter((a) => a !== "delete");
        this.sanction(event, chat, category, rule.id, rest, actions, explanation);
        sanctioned = true;
        continue;
      }
      this.sanction(event, chat, category, rule.id, rule.actions, actions, explanation);
      if (rule.escalates) sanctioned = true;
      else if (rule.sanctions) removedBy = rule.id;
    }
    if (removedBy !== undefined) sanctioned = true;

    // The name is read with every message (a member may rename after joining): an advert in it is
    // one in every message it appears beside.
    const name = this.names.judge(this.rules, event, category, isAdmin);
    if (name.hide) this.hideName(event, category);
    if (name.rule && !sanctioned) {
      this.sanction(event, chat, category, name.rule.id, name.rule.actions, actions, name.explanation);
      sanctioned = true;
    }

    const raid = sanctioned ? this.raidSettings() : undefined;
    const quiet = raid ? this.raidStep(event, chat, category, raid, actions) : false;

    const booking = this.bookingRequest(event, chat, category, text.plain);
    if (!sanctioned && !booking) {
      const answer = this.answerFaq(event, chat, category, text);
      if (answer) actions.push(answer);
    }
    const decision: Decision = booking
      ? { actions, shadow, category, booking }
      : { actions, shadow, category };
    if (quiet) decision.quiet = true;
    return decision;
  }

  /** The raid settings of the current rules (compiled once per rule set). */
  private raidSettings(): RaidSettings | undefined {
    if (this.raidFor !== this.rules) {
      this.raid = raidSettings(this.rules.pack);
      this.raidFor = this.rules;
    }
    return this.raid;
  }

  /**
   * A sanctioned message: a new member's counts towards raid mode, and in raid mode a new member
   * is removed at once (the ladder is for customers who slip, not for accounts made for the raid).
   * Returns whether the decision is quiet (raid mode: no notice per member).
   */
  private raidStep(
    event: MessageEvent,
    chat: string,
    category: string,
    raid: RaidSettings,
    actions: Action[],
  ): boolean {
    const user = event.sender.id;
    const first = event.sender.firstSeenAt ?? this.memory.firstSeen(chat, user);
    const isNew = first === undefined || event.at - first < raid.newMemberMs;
    // A step against the member (warn, mute, kick, ban), not a privacy removal: a new customer who
    // posts their phone number to book during a raid is protected, not banned.
    const fromRule = actions.find(
      (a) =>
        a.user === user &&
        a.rule !== undefined &&
        (a.type === "warn" || a.type === "mute" || a.type === "kick" || a.type === "ban"),
    );
    if (!isNew || !fromRule?.rule || fromRule.rule === MUTED_RULE) return this.raids.isOn(chat, event.at);
    const change: RaidChange = this.raids.noteCaught(chat, event.at, user, raid);
    if (!this.raids.isOn(chat, event.at)) return false;
    const rule = fromRule.rule;
    const explanation = fromRule.explanation;
    // The ladder's steps and the rule's own notices give way to the removal.
    for (let i = actions.length - 1; i >= 0; i--) {
      const a = actions[i]!;
      if (
        a.user === user &&
        (a.type === "warn" ||
          a.type === "mute" ||
          a.type === "kick" ||
          a.type === "ban" ||
          a.type === "reply")
      )
        actions.splice(i, 1);
    }
    const removal: Action =
      raid.sanction === "ban" ? { type: "ban", rule, user } : { type: "kick", rule, user };
    if (explanation) removal.explanation = explanation;
    actions.push(removal);
    this.memory.setMute(chat, user, undefined);
    if (change === "started") actions.push(...this.raidSummary(category, raid));
    return true;
  }

  /** The one message a group gets when raid mode starts, and a note for the admins. */
  private raidSummary(category: string, raid: RaidSettings): Action[] {
    const pack = this.rules.pack;
    const locale = pack.categories[category]?.locale ?? "zh-CN";
    const duration = spokenDuration(raid.lastsMs, locale);
    const text = render(locale, "raidStarted", { duration }, pack.templates);
    return [
      { type: "reply", rule: RAID_RULE, text },
      { type: "notify", rule: RAID_RULE, text: `raid mode on for ${Math.round(raid.lastsMs / 60_000)} min` },
    ];
  }

  /** A member who took a name that reads like staff's: admins told, members warned (impersonation.ts). */
  private impersonation(event: ChatEvent, category: string, isAdmin: () => boolean): Action[] {
    const pack = this.rules.pack;
    const locale = pack.categories[category]?.locale ?? "zh-CN";
    return impersonationActions(this.memory, chatKey(event.chat), event, isAdmin, locale, pack.templates);
  }

  /**
   * The table the message asks for, in a chat that takes bookings; undefined for anything else. A
   * member asked to complete a request may answer with the missing fields alone.
   */
  private bookingRequest(
    event: MessageEvent,
    chat: string,
    category: string,
    plain: string,
  ): BookingRequest | undefined {
    if (event.edited || event.text.startsWith("/")) return undefined;
    const user = event.sender.id;
    const earlier = this.pendingBookings.get(chat, user, event.at);
    if (!earlier && !mayBeBooking(plain)) return undefined;
    const config = bookingConfig(this.rules.pack);
    if (!config || !takesBookings(config, event.chat, category)) return undefined;
    const request = readBooking(event.text, event.at, config.read, earlier);
    if (request && isComplete(request)) this.pendingBookings.delete(chat, user);
    else if (request) this.pendingBookings.set(chat, user, request, event.at);
    return request;
  }

  /** The reusable scan findings for the current rule set (made again after a reload). */
  private scanStateNow(): ScanState {
    if (this.scanStateFor !== this.rules || !this.scanState) {
      const r = this.rules;
      this.scanState = new ScanState(r.wordSlots, r.keywordSlots, r.faq.words.length, r.gates.count);
      this.scanStateFor = this.rules;
    }
    return this.scanState;
  }

  private sanction(
    event: MessageEvent,
    chat: string,
    category: string,
    rule: string,
    ruleActions: RuleActionInput[],
    out: Action[],
    explanation?: Explanation,
  ): void {
    out.push(...explained(this.plan(event, category, rule, ruleActions, true), explanation));
    const user = event.sender.id;
    for (const a of out) {
      if (a.user !== user) continue;
      if (a.type === "mute") this.memory.setMute(chat, user, event.at + a.seconds * 1000);
      if (a.type === "kick" || (a.type === "ban" && a.seconds === undefined)) {
        this.memory.setMute(chat, user, undefined);
      }
    }
  }

  /** Why a rule that fired did: its signals, the classifier's opinion, the learned sample it met. */
  private explain(rule: CompiledRule, ctx: MessageContext): Explanation {
    // Heaviest first, each signal once (a condition may name a test twice, in two branches).
    const seen = new Set<string>();
    const signals = explainPredicate(rule.predicate, ctx)
      .filter((s) => !seen.has(`${s.name}\u0000${s.weight}`) && seen.add(`${s.name}\u0000${s.weight}`))
      .sort((a, b) => b.weight - a.weight);
    const explanation: Explanation = { signals };
    const opinion = ctx.spam?.();
    if (opinion)
      explanation.classifier = { score: Math.round(opinion.score * 1000) / 1000, kind: opinion.kind };
    const near = explanation.signals.some((s) => s.name === "learned") ? ctx.learnedSpam?.() : undefined;
    if (near)
      explanation.learned = {
        sample: near.sample.id,
        similarity: Math.round(near.similarity * 1000) / 1000,
        label: "spam",
      };
    return explanation;
  }

  /** Turns a rule's actions into decision actions; `commit` records warnings in memory. */
  private plan(
    event: MessageEvent,
    category: string,
    rule: string,
    ruleActions: RuleActionInput[],
    commit: boolean,
  ): Action[] {
    const user = event.sender.id;
    const chat = chatKey(event.chat);
    const out: Action[] = [];
    const tail: Action[] = [];
    for (const a of ruleActions) {
      const type = actionType(a);
      switch (type) {
        case "delete":
          out.push({ type: "delete", rule, user, messageId: event.messageId });
          break;
        case "warn":
          out.push(...this.warn(chat, category, user, event.at, { rule }, commit));
          break;
        case "mute": {
          const seconds = typeof a === "object" && "mute" in a ? parseDuration(a.mute) : DEFAULT_MUTE_SECONDS;
          out.push({ type: "mute", rule, user, seconds: seconds ?? DEFAULT_MUTE_SECONDS });
          break;
        }
        case "kick":
          out.push({ type: "kick", rule, user });
          break;
        case "ban": {
          const seconds = typeof a === "object" && "ban" in a ? parseDuration(a.ban) : undefined;
          out.push(
            seconds === undefined ? { type: "ban", rule, user } : { type: "ban", rule, user, seconds },
          );
          break;
        }
        case "reply":
          if (typeof a === "object" && "reply" in a) tail.push({ type: "reply", rule, user, text: a.reply });
          break;
        case "notify": {
          const text = typeof a === "object" && "notify" in a ? a.notify : `rule ${rule} matched`;
          tail.push({ type: "notify", rule, user, text });
          break;
        }
      }
    }
    // A ladder step and an explicit sanction of the same kind would double up: keep the first of each.
    const seen = new Set<string>();
    return [...out, ...tail].filter((a) => {
      if (a.type !== "mute" && a.type !== "kick" && a.type !== "ban") return true;
      if (seen.has(a.type)) return false;
      seen.add(a.type);
      return true;
    });
  }

  /**
   * A warning and the ladder step it brings (mute, kick…). `cause` names the
   * rule or the command. With `commit`, the warning is remembered (and the
   * count reset after a kick when the ladder says so).
   */
  warn(
    chat: string,
    category: string,
    user: string,
    at: number,
    cause: { rule?: string; command?: string; reason?: string },
    commit = true,
  ): Action[] {
    const ladder = this.rules.ladders.byCategory.get(category) ?? this.rules.ladders.fallback;
    const count = this.memory.activeWarnings(chat, user, at) + 1;
    const out: Action[] = [{ type: "warn", ...cause, user, count }];
    const step = ladderSanction(ladder, count, user, cause.rule ?? "");
    if (step) {
      if (cause.rule === undefined) {
        delete step.rule;
        step.command = cause.command;
      }
      out.push(step);
      if (commit && step.type === "mute") this.memory.setMute(chat, user, at + step.seconds * 1000);
    }
    if (commit) {
      this.memory.addWarning(
        chat,
        user,
        at,
        ladder.warningExpiryMs > 0 ? at + ladder.warningExpiryMs : undefined,
      );
      if (step?.type === "kick" && ladder.resetAfterKick) this.memory.clearWarnings(chat, user);
    }
    return out;
  }

  /** The number of active warnings of a member, and the ladder's length in that category. */
  warnings(chat: string, category: string, user: string, at: number): { count: number; max: number } {
    const ladder = this.rules.ladders.byCategory.get(category) ?? this.rules.ladders.fallback;
    return { count: this.memory.activeWarnings(chat, user, at), max: ladder.steps.length };
  }

  private answerFaq(
    event: MessageEvent,
    chat: string,
    category: string,
    text: ReturnType<typeof normalize>,
  ): Action | undefined {
    if (event.edited || event.text.startsWith("/")) return undefined;
    if (this.rules.pack.categories[category]?.faq === false) return undefined;
    const found = this.rules.faq.match(this.scanStateNow(), category);
    if (!found || !(found.asked || isQuestion(text.plain))) return undefined;
    if (!asksTheShop(text.plain)) return undefined;
    const faq = found.faq;
    const last = this.memory.lastFaqAnswer(chat, faq.id);
    if (last !== undefined && event.at - last < faq.cooldownMs)
      return this.pointer(event, chat, category, faq.id);
    this.memory.setFaqAnswer(chat, faq.id, event.at, event.sender.id);
    return { type: "reply", faq: faq.id, user: event.sender.id, text: faq.answers[category] ?? faq.answer };
  }

  /**
   * Within an answer's cooldown: a member not yet served gets a brief pointer to it, so a customer
   * asking two minutes after another is not ignored. The member already answered or pointed gets
   * nothing, and pointers stop after a few per cooldown, so a flood of askers cannot make the bot spam.
   */
  private pointer(event: MessageEvent, chat: string, category: string, faq: string): Action | undefined {
    const limits = this.rules.faqPointers;
    const user = event.sender.id;
    const served = this.memory.faqServed(chat, faq);
    if (!limits.enabled || served.includes(user) || served.length - 1 >= limits.maxPerCooldown)
      return undefined;
    this.memory.addFaqServed(chat, faq, user);
    const pack = this.rules.pack;
    const locale = pack.categories[category]?.locale ?? "zh-CN";
    const shown =
      event.sender.hideName || !isEchoable(event.sender.displayName)
        ? render(locale, "neutralMember", {}, pack.templates)
        : event.sender.displayName;
    const text = render(locale, "faqPointer", { name: shown }, pack.templates);
    return { type: "reply", faq, user, pointer: true, text };
  }
}

/** Whether a rule applies to the category and member at all (admins are exempted after it matches). */
function applies(rule: CompiledRule, category: string, user: string): boolean {
  if (rule.categories && !rule.categories.has(category)) return false;
  if (rule.exemptCategories.size > 0 && rule.exemptCategories.has(category)) return false;
  return rule.exemptUsers.size === 0 || !rule.exemptUsers.has(user);
}
