/**
 * Carries a Decision out on the platform, within what the adapter can really
 * do, and records every action: one audit row and one `"event":"action"` log
 * line each, done, degraded, refused, failed or shadowed. A row names the
 * message it was about, the bot's notice that announced it (an admin replying
 * to that notice with /notspam or /why is mapped back to it) and why the rule
 * fired (the action's explanation). Where the platform
 * cannot, it degrades honestly (design): mute becomes a soft mute the engine
 * enforces, delete becomes a public request to recall the message.
 * A platform error never escapes: it is logged and audited as failed.
 * Warnings and sanctions are written before the chat hears of them; audit rows
 * and statistics are written behind, in batches (activity-writer.ts).
 */

import { spokenDuration } from "../complaints/spoken-duration.js";
import type { ChatAdapter } from "../core/adapter.js";
import { type ChatEvent, type ChatRef, chatKey, type MessageEvent } from "../core/chat-event.js";
import type { Action, Decision } from "../core/decision.js";
import {
  type AuditOutcome,
  addSanction,
  addWarning,
  type Database,
  dayOf,
  dbChat,
  liftSanctionsFor,
  type NewAudit,
  resetWarnings,
  revokeLatestWarning,
} from "../db/mod.js";
import { redactText } from "../engine/detectors/redact.js";
import { isEchoable } from "../engine/name-judge.js";
import type { Logger } from "../log/logger.js";
import type { LiftJob } from "../queue/sanction-timers.js";
import { parseDuration } from "../rules/duration.js";
import type { RulePack } from "../rules/rule-pack.js";
import { timeZoneOf } from "../words/local-time.js";
import { inLocale, type LocalizedText, zhOrEn } from "../words/localized.js";
import { ruleName } from "../words/rule-names.js";
import { type Locale, render, type TemplateKey } from "../words/templates.js";
import { type ActivitySink, ActivityWriter } from "./activity-writer.js";

export interface DispatcherOptions {
  db: Database;
  logger: Logger;
  /** The live rule pack (rule labels, locales, ladder lengths); read on every dispatch so reloads apply. */
  rules: () => RulePack;
  /** Chats in shadow mode (`/dryrun on`): decisions are logged and audited, nothing is done. */
  isDryRun?: (chat: string) => boolean;
  /** A mute or ban with an end time was recorded: the queue schedules its lifting. */
  onTimedSanction?: (job: LiftJob) => void;
  /** The display name of a member of the event's chat (commands name the member acted on, not the caller). */
  memberName?: (event: ChatEvent, userId: string) => string | undefined;
  /** Time zone of daily statistics. @defaultValue the zone of the event's category (timeZoneOf), Asia/Shanghai unless the rules say otherwise */
  timeZone?: string;
  /** Where audit rows and statistics go. @defaultValue an ActivityWriter on `db` (batched, see there) */
  activity?: ActivitySink;
}

interface Outcome {
  outcome: AuditOutcome;
  detail?: string;
  /** Refused here because the platform cannot do it at all (not an error the adapter already reported). */
  unsupported?: true;
  /** Why, in the admin's words (`detail` is for logs and the audit log). */
  reason?: LocalizedText;
  /** The id of the bot's notice that announced the action, so a reply to it finds the action. */
  notice?: string;
}

/** What the platform will not let the bot do, as an admin who asked for it is told. */
const CANNOT_KICK: LocalizedText = {
  "zh-CN": "本平台不允许机器人移出成员",
  en: "the platform does not let the bot remove members",
};
const CANNOT_BAN: LocalizedText = {
  "zh-CN": "本平台不允许机器人封禁或移出成员",
  en: "the platform does not let the bot ban or remove members",
};
/** FAQ answers whose message id is remembered for pointers to them (chat × FAQ). @defaultValue 10,000 */
const REMEMBERED_ANSWERS = 10_000;

export class Dispatcher {
  private readonly activity: ActivitySink;
  /**
   * The bot's latest answer message per chat × FAQ, so that a pointer to it (an FAQ asked again
   * within its cooldown) replies to that answer: Telegram shows it quoted, one tap away. Held in
   * memory like the engine's cooldowns, and bounded: the oldest is forgotten first.
   */
  private readonly answers = new Map<string, string>();

  constructor(private readonly options: DispatcherOptions) {
    this.activity = options.activity ?? new ActivityWriter(options.db, options.logger);
  }

  /** Writes out the audit rows and statistics held back (see ActivityWriter). */
  flush(): void {
    this.activity.flush();
  }

  /** Flushes and stops the batch timer; call before closing the database. */
  stop(): void {
    this.activity.stop();
  }

  /** Records the event in the statistics, then carries out the decision on `adapter`. */
  async dispatch(adapter: ChatAdapter, event: ChatEvent, decision: Decision): Promise<void> {
    const dryRun = this.options.isDryRun?.(chatKey(event.chat)) ?? false;
    this.count(event, decision, dryRun);
    for (const action of decision.shadow) this.audit(this.record(event, action, { outcome: "shadow" }));
    for (const action of decision.actions) {
      // Dry-run mode shadows the automatic decisions; an admin's own command is still carried out.
      const result =
        dryRun && action.command === undefined
          ? ({ outcome: "shadow", detail: "group in dry-run mode" } as Outcome)
          : await this.carryOut(adapter, event, decision, action);
      this.audit(this.record(event, action, result));
      if (result.unsupported && action.command !== undefined) {
        await this.explainRefusal(adapter, event, decision, action.command, result);
      }
    }
  }

  /** An admin whose command the platform refused is told why, rather than left with silence. */
  private async explainRefusal(
    adapter: ChatAdapter,
    event: ChatEvent,
    decision: Decision,
    command: string,
    result: Outcome,
  ): Promise<void> {
    const locale = this.locale(decision.category);
    const reason = result.reason ? inLocale(result.reason, locale) : (result.detail ?? "");
    const text = render(locale, "platformRefused", { command, reason }, this.options.rules().templates);
    try {
      await adapter.sendText(event.chat, text, {
        replyTo: event.type === "message" ? event.messageId : undefined,
      });
    } catch (error) {
      this.options.logger.warn(
        { event: "platform", chat: event.chat.id, err: error },
        "could not explain a refusal",
      );
    }
  }

  private audit(row: NewAudit): void {
    this.safely("audit", () => this.activity.audit(row));
  }

  private async carryOut(
    adapter: ChatAdapter,
    event: ChatEvent,
    decision: Decision,
    action: Action,
  ): Promise<Outcome> {
    const caps = adapter.capabilitiesFor?.(event.chat) ?? adapter.capabilities;
    const chat = event.chat;
    const db = this.options.db.db;
    const member = dbChat(chat);
    const locale = this.locale(decision.category);
    const cause = action.rule ?? action.command ?? "";
    const subject = "user" in action && action.user !== undefined ? action.user : event.sender.id;
    // Commands act on someone else than the sender: name the member acted on.
    const name =
      this.options.memberName?.(event, subject) ??
      (subject === event.sender.id ? event.sender.displayName : subject);
    // A name carrying an advert is never repeated, nor @-mentioned (WeChat's mention spells it out).
    const hidden = (subject === event.sender.id && event.sender.hideName === true) || !isEchoable(name);
    const words = {
      name: hidden ? render(locale, "neutralMember", {}, this.options.rules().templates) : name,
      reason: this.ruleLabel(action, locale),
    };
    const unlessHidden = (user: string | undefined) => (hidden && user === subject ? undefined : user);
    /** A notice in the bot's words, mentioning the member when there is one; returns its message id. */
    const say = async (
      key: TemplateKey,
      extra: { count?: number; max?: number; seconds?: number } = {},
      mention?: string,
    ) => {
      // Raid mode: one summary for the group instead of a notice per raider.
      if (decision.quiet) return undefined;
      const { seconds, ...rest } = extra;
      const text = render(
        locale,
        key,
        { ...words, ...rest, duration: noticeDuration(key, seconds, locale) },
        this.options.rules().templates,
      );
      const notice = await adapter.sendText(chat, text, { mention: unlessHidden(mention) });
      this.tidy(adapter, decision.category, chat, notice);
      return notice;
    };
    try {
      switch (action.type) {
        case "reply": {
          const answerKey = action.faq === undefined ? undefined : `${chatKey(chat)}\u0000${action.faq}`;
          const earlier = action.pointer && answerKey !== undefined ? this.answers.get(answerKey) : undefined;
          const sent = await adapter.sendText(chat, action.text, {
            replyTo: earlier ?? (event.type === "message" ? event.messageId : undefined),
            mention: action.faq && !action.pointer ? undefined : unlessHidden(action.user),
          });
          if (answerKey !== undefined && !action.pointer && sent !== undefined)
            this.rememberAnswer(answerKey, sent);
          // Welcomes are housekeeping like notices; FAQ answers and command answers stay.
          if (event.type === "join") this.tidy(adapter, decision.category, chat, sent);
          return { outcome: "done" };
        }
        case "notify":
          // Until admins have a private channel (commands issue), notes go to the log, where staff tools read them.
          this.options.logger.warn(
            { event: "notify", platform: chat.platform, chat: chat.id, rule: action.rule },
            action.text,
          );
          return { outcome: "done" };
        case "delete":
          if (caps.canDelete) {
            await adapter.deleteMessage(chat, action.messageId);
            return { outcome: "done" };
          }
          return {
            outcome: "degraded",
            detail: "platform cannot delete: asked the sender to recall",
            notice: await say("recall", {}, action.user),
          };
        case "warn":
          this.safely("warning", () =>
            addWarning(db, {
              chat: member,
              userId: action.user,
              rule: cause,
              at: event.at,
              expiresAt: this.warningExpiry(decision.category, event.at),
            }),
          );
          return {
            outcome: "done",
            notice: await say(
              "warn",
              { count: action.count, max: this.ladderLength(decision.category) },
              action.user,
            ),
          };
        case "unwarn":
          this.safely("unwarn", () =>
            action.all
              ? resetWarnings(db, member, action.user, event.at, event.sender.id)
              : revokeLatestWarning(db, member, action.user, event.at, event.sender.id),
          );
          return { outcome: "done" };
        case "mute": {
          const endsAt = event.at + action.seconds * 1000;
          const soft = !caps.canMute;
          this.safely("sanction", () =>
            addSanction(db, {
              chat: member,
              userId: action.user,
              type: "mute",
              rule: cause,
              at: event.at,
              endsAt,
              soft,
            }),
          );
          this.options.onTimedSanction?.({
            platform: chat.platform,
            chatId: chat.id,
            userId: action.user,
            type: "mute",
            endsAt,
          });
          if (soft) {
            return {
              outcome: "degraded",
              detail: "platform cannot mute: soft mute, talking on climbs the ladder",
              notice: await say("softMute", { seconds: action.seconds }, action.user),
            };
          }
          await adapter.mute(chat, action.user, endsAt);
          return { outcome: "done", notice: await say("mute", { seconds: action.seconds }, action.user) };
        }
        case "unmute":
          this.safely("sanction", () => liftSanctionsFor(db, member, action.user, "mute", event.at));
          if (caps.canMute) await adapter.unmute(chat, action.user);
          return { outcome: "done", notice: await say("unmute") };
        case "kick":
          if (!caps.canKick)
            return {
              outcome: "refused",
              detail: "platform does not let the bot remove members",
              unsupported: true,
              reason: CANNOT_KICK,
            };
          await adapter.kick(chat, action.user);
          this.safely("warnings", () => resetWarnings(db, member, action.user, event.at, "kick"));
          this.safely("sanction", () => liftSanctionsFor(db, member, action.user, "mute", event.at));
          return { outcome: "done", notice: await say("kick") };
        case "ban": {
          // Without bans (WeChat) a ban is a removal the bot repeats if they come back (a soft ban).
          const soft = !caps.canBan;
          if (soft && !caps.canKick)
            return {
              outcome: "refused",
              detail: "platform does not let the bot ban or remove members",
              unsupported: true,
              reason: CANNOT_BAN,
            };
          const endsAt = action.seconds === undefined ? undefined : event.at + action.seconds * 1000;
          if (soft) await adapter.kick(chat, action.user);
          else await adapter.ban(chat, action.user, endsAt);
          this.safely("sanction", () =>
            addSanction(db, {
              chat: member,
              userId: action.user,
              type: "ban",
              rule: cause,
              at: event.at,
              endsAt,
              soft,
            }),
          );
          if (endsAt !== undefined) {
            this.options.onTimedSanction?.({
              platform: chat.platform,
              chatId: chat.id,
              userId: action.user,
              type: "ban",
              endsAt,
            });
          }
          const notice = await say("ban", { seconds: action.seconds });
          return soft
            ? {
                outcome: "degraded",
                detail: "platform cannot ban: removed, and removed again on rejoining",
                notice,
              }
            : { outcome: "done", notice };
        }
        case "unban":
          this.safely("sanction", () => liftSanctionsFor(db, member, action.user, "ban", event.at));
          if (caps.canBan) await adapter.unban(chat, action.user);
          return { outcome: "done", notice: await say("unban") };
      }
    } catch (error) {
      const permanent = (error as { permanent?: boolean }).permanent === true;
      return { outcome: permanent ? "refused" : "failed", detail: (error as Error).message };
    }
  }

  private rememberAnswer(key: string, messageId: string): void {
    this.answers.delete(key);
    this.answers.set(key, messageId);
    if (this.answers.size > REMEMBERED_ANSWERS) this.answers.delete(this.answers.keys().next().value!);
  }

  /**
   * Deletes one of the bot's own messages after the category's `auto_delete` time. An in-process
   * timer: a restart in between leaves that message standing, which costs nothing but tidiness.
   */
  private tidy(adapter: ChatAdapter, category: string, chat: ChatRef, messageId: string | undefined): void {
    const after = this.options.rules().categories[category]?.auto_delete;
    const seconds = after === undefined ? undefined : parseDuration(after);
    if (
      !seconds ||
      messageId === undefined ||
      !(adapter.capabilitiesFor?.(chat) ?? adapter.capabilities).canDelete
    )
      return;
    const timer = setTimeout(() => {
      adapter.deleteMessage(chat, messageId).catch((error: unknown) => {
        this.options.logger.warn(
          { event: "platform", platform: chat.platform, chat: chat.id, err: error },
          "auto-delete failed",
        );
      });
    }, seconds * 1000);
    timer.unref();
  }

  /** Audit row + the `"event":"action"` log line of one action. */
  private record(event: ChatEvent, action: Action, result: Outcome): NewAudit {
    const chat = event.chat;
    const rule = action.rule ?? action.faq ?? action.command;
    // A command's actions name the admin who gave it.
    const by = action.command === undefined ? undefined : event.sender.id;
    const detail = [by && `by ${by}`, result.detail].filter(Boolean).join("; ") || undefined;
    this.options.logger.info(
      {
        event: "action",
        platform: chat.platform,
        chat: chat.id,
        type: action.type,
        rule,
        user: "user" in action ? action.user : undefined,
        outcome: result.outcome,
        ...(by ? { command: action.command, by } : {}),
        ...(result.detail ? { detail: result.detail } : {}),
      },
      `${action.type} ${result.outcome}`,
    );
    return {
      chat: dbChat(chat),
      at: event.at,
      userId: "user" in action ? action.user : undefined,
      action: action.type,
      rule: action.rule,
      faq: action.faq,
      command: action.command,
      outcome: result.outcome,
      detail,
      // Only the redacted text is ever stored.
      text: event.type === "message" ? redactText((event as MessageEvent).text).slice(0, 500) : undefined,
      messageId: event.type === "message" ? (event as MessageEvent).messageId : undefined,
      noticeId: result.notice,
      // Signal names and weights and the classifier's score: no text of the message, stored as given.
      explanation: action.explanation,
    };
  }

  /** In dry-run mode the rules' sanctions and answers are not carried out, so they do not count (the audit log keeps them as shadow). */
  private count(event: ChatEvent, decision: Decision, dryRun: boolean): void {
    const activity = this.activity;
    const chat = dbChat(event.chat);
    // The group's calendar day, so /stats and the report count the days its members live.
    const day = dayOf(event.at, this.options.timeZone ?? timeZoneOf(this.options.rules(), decision.category));
    this.safely("stats", () => {
      if (event.type === "join") activity.stats(chat, day, { joins: 1 });
      else if (event.type === "leave") activity.stats(chat, day, { leaves: 1 });
      else activity.stats(chat, day, { messages: 1 });
      const sanction = decision.actions.find(
        (a) => a.rule && a.type !== "reply" && a.type !== "notify" && !(dryRun && a.command === undefined),
      );
      if (sanction?.rule) {
        activity.stats(chat, day, { violations: 1 });
        activity.ruleHit(chat, day, sanction.rule);
      }
      for (const a of decision.actions) {
        if (a.type === "reply" && a.faq && !dryRun) {
          activity.stats(chat, day, { faqAnswers: 1 });
          activity.faqHit(chat, day, a.faq);
        }
      }
    });
  }

  /** Storage trouble (busy, read-only disk) must not stop moderation: report it and go on. */
  private safely(what: string, write: () => unknown): void {
    try {
      write();
    } catch (error) {
      this.options.logger.error({ event: "storage", what, err: error }, `could not record ${what}`);
    }
  }

  private locale(category: string): Locale {
    return this.options.rules().categories[category]?.locale ?? "zh-CN";
  }

  private ruleLabel(action: Action, locale: Locale): string {
    // An admin's reason goes into the bot's own words: a number typed there is not repeated.
    if ("reason" in action && action.reason) return redactText(action.reason);
    if (action.rule) return ruleName(this.options.rules(), action.rule, locale);
    // An admin's command without a reason: say who decided, not the command's name.
    return action.command === undefined ? "" : zhOrEn(locale, "管理员决定", "an admin's decision");
  }

  private ladderLength(category: string): number {
    const e = this.options.rules().escalation;
    return (e.categories[category]?.ladder ?? e.ladder).length;
  }

  private warningExpiry(category: string, at: number): number | undefined {
    const e = this.options.rules().escalation;
    const expiry = e.categories[category]?.warning_expiry ?? e.warning_expiry;
    const seconds = parseDuration(expiry);
    return seconds ? at + seconds * 1000 : undefined;
  }
}

/** "1 小时" / "1 hour" in a notice; a ban reads "已被封禁 1 天" / "banned for 1 day", or nothing when permanent. */
function noticeDuration(key: TemplateKey, seconds: number | undefined, locale: Locale): string {
  if (seconds === undefined) return "";
  const said = spokenDuration(seconds * 1000, locale);
  if (key !== "ban") return said;
  return zhOrEn(locale, ` ${said}`, ` for ${said}`);
}
