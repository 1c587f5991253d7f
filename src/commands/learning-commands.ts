/**
 * Teaching the bot: /spam (this is spam: delete it, take the ladder step of its kind, remember it
 * for every group of the merchant), /notspam (the bot was wrong: undo it, remember the text as
 * ordinary), /why (the signals behind a decision) and /report (a member tells the admins; it
 * teaches nothing).
 */

import { tierTargets } from "../complaints/staff-alerts.js";
import { type Action, type Explanation, explained } from "../core/decision.js";
import { type AuditRow, auditByNotice, auditEntry, auditForMessage, type DbChat } from "../db/mod.js";
import { redactText } from "../engine/detectors/redact.js";
import { normalize } from "../engine/text/normalize.js";
import { zhOrEn } from "../words/localized.js";
import { ruleName } from "../words/rule-names.js";
import { signalName } from "../words/signal-names.js";
import { render, safeName } from "../words/templates.js";
import {
  type CommandContext,
  type CommandSpec,
  findTarget,
  say,
  targetIsAdmin,
  usage,
} from "./command-context.js";

/** Audit rows already undone by /notspam in this process: a second /notspam on them does nothing. */
const UNDONE_KEPT = 10_000;
/** Between two /report of the same member in a chat. @defaultValue 30 s */
export const REPORT_INTERVAL_MS = 30_000;
/** Reported messages remembered, so that each one reaches the admins once. */
const REPORTS_KEPT = 10_000;

function dbChatOf(ctx: CommandContext): DbChat {
  return { platform: ctx.event.chat.platform, chatId: ctx.event.chat.id };
}

const spam: CommandSpec = {
  name: "spam",
  access: "admin",
  usage: {
    "zh-CN": "/spam（回复垃圾消息，或 /spam @成员 标记他最近的一条）",
    en: "/spam (reply to the spam, or /spam @member for their latest message)",
  },
  run(ctx) {
    const learning = ctx.learning;
    if (!learning) return [usage(ctx, spam)];
    const { event, recent } = ctx;
    const message = event.replyTo
      ? recent.find(ctx.chat, event.replyTo.messageId)
      : (() => {
          const target = findTarget(ctx, spam);
          return "type" in target ? undefined : recent.latestOf(ctx.chat, target.id);
        })();
    if (!message) return [say(ctx, "spamNoMessage")];
    if (message.user === ctx.caller.id) return [say(ctx, "selfTarget")];
    const name = ctx.engine.memory.known(ctx.chat, message.user)?.name ?? message.user;
    if (!ctx.caller.owner && targetIsAdmin(ctx, message.user)) return [say(ctx, "adminShielded", { name })];
    // The ladder step of the kind the classifier sees in it (an ad unless it leans elsewhere).
    const opinion = learning.model.score(normalize(message.text));
    const kind = opinion.kind;
    const kinds = ctx.pack.learning.kinds;
    const rule = kinds[kind as keyof typeof kinds] ?? kinds.ads ?? "ads";
    const saved = learning.teach({
      label: "spam",
      rule: kind,
      text: message.text,
      chat: dbChatOf(ctx),
      userId: message.user,
      byUser: ctx.caller.id,
      at: event.at,
    });
    const reason = ruleName(ctx.pack, rule, ctx.locale);
    // The sample rides in the audit rows' explanation: a /notspam on this decision forgets it (the
    // audit row's own text is the command's, "/spam", not the message's).
    const explanation: Explanation = {
      signals: [],
      classifier: { score: Math.round(opinion.score * 1000) / 1000, kind },
      learned: { sample: saved.id, similarity: 1, label: "spam" },
    };
    const sanctions: Action[] = [
      { type: "delete", rule, user: message.user, messageId: message.messageId },
      ...ctx.engine.warn(ctx.chat, ctx.category, message.user, event.at, { rule }),
    ];
    return [
      ...explained(sanctions, explanation),
      say(ctx, saved.created ? "spamLearned" : "spamAlready", { reason }),
    ];
  },
};

/** The audit rows of the decision an admin points at: a reply to the bot's notice or to the message, or `#n`. */
function pointedDecision(ctx: CommandContext): AuditRow[] {
  const db = ctx.database.db;
  const chat = dbChatOf(ctx);
  const { replyTo } = ctx.event;
  if (replyTo) {
    const byNotice = auditByNotice(db, chat, replyTo.messageId);
    return byNotice.length > 0 ? byNotice : auditForMessage(db, chat, replyTo.messageId);
  }
  const arg = ctx.command.args[0]?.replace(/^#/, "");
  if (arg === undefined || !/^\d{1,12}$/.test(arg)) return [];
  const row = auditEntry(db, chat, Number(arg));
  if (!row) return [];
  if (!row.messageId) return [row];
  return auditForMessage(db, chat, row.messageId).filter((r) => r.at === row.at);
}

/** Rules' and /spam's sanctions that took effect (not answers, not shadows, not the undoing ones). */
function sanctionsIn(rows: AuditRow[]): AuditRow[] {
  return rows.filter(
    (r) =>
      r.rule !== null &&
      (r.outcome === "done" || r.outcome === "degraded") &&
      ["delete", "warn", "mute", "kick", "ban"].includes(r.action) &&
      (r.command === null || r.command === "spam"),
  );
}

function explanationOf(row: AuditRow): Explanation | undefined {
  if (!row.explanation) return undefined;
  try {
    return JSON.parse(row.explanation) as Explanation;
  } catch {
    return undefined;
  }
}

function notSpamCommand(): CommandSpec {
  const undone = new Set<number>();
  const notspam: CommandSpec = {
    name: "notspam",
    aliases: ["ham"],
    access: "admin",
    usage: {
      "zh-CN": "/notspam（回复机器人的提示，或 /notspam 编号，编号见 /audit）",
      en: "/notspam (reply to the bot's notice, or /notspam <number> from /audit)",
    },
    run(ctx) {
      const learning = ctx.learning;
      if (!learning) return [usage(ctx, notspam)];
      const rows = sanctionsIn(pointedDecision(ctx)).filter((r) => !undone.has(r.id));
      // Undone before this process started (a restart, another process of the merchant): the
      // database's ordinary sample remembers it, where the set above does not.
      if (rows.length === 0 || learning.undid(rows.map((r) => r.id))) return [say(ctx, "notSpamNothing")];
      const user = rows[0]!.userId;
      if (user === null) return [say(ctx, "notSpamNothing")];
      for (const r of rows) {
        undone.add(r.id);
        if (undone.size > UNDONE_KEPT) undone.delete(undone.values().next().value!);
      }
      const { engine, chat, event, locale } = ctx;
      const actions: Action[] = [];
      const said: string[] = [];
      let taughtText: string | undefined;
      for (const r of rows) {
        if (r.action === "warn" && engine.memory.removeLatestWarning(chat, user)) {
          const { count } = engine.warnings(chat, ctx.category, user, event.at);
          actions.push({ type: "unwarn", user, count });
          said.push(zhOrEn(locale, "撤销警告", "warning removed"));
        } else if (r.action === "mute") {
          engine.memory.setMute(chat, user, undefined);
          actions.push({ type: "unmute", user });
        } else if (r.action === "ban" || r.action === "kick") {
          actions.push({ type: "unban", user });
        } else if (r.action === "delete") {
          said.push(render(locale, "notSpamDeleted", {}, ctx.pack.templates));
        }
        // A learned spam that caught an ordinary message is forgotten (the one an admin's /spam
        // taught, too: its text is the ordinary one to remember).
        const learned = explanationOf(r)?.learned;
        if (learned?.label === "spam") {
          if (r.command === "spam") taughtText ??= learning.sampleText(learned.sample);
          learning.forget(learned.sample);
        }
      }
      const text = rows[0]!.command === "spam" ? taughtText : rows.find((r) => r.text)?.text;
      const rule = rows[0]!.command === "spam" ? "*" : rows[0]!.rule!;
      if (text) {
        learning.teach({
          label: "ham",
          rule,
          text,
          chat: dbChatOf(ctx),
          userId: user,
          byUser: ctx.caller.id,
          at: event.at,
          auditId: rows[0]!.id,
        });
      }
      const name = engine.memory.known(chat, user)?.name ?? user;
      return [
        ...actions,
        say(ctx, "notSpamDone", { name, text: [...new Set(said)].join(zhOrEn(locale, "，", ", ")) }),
      ];
    },
  };
  return notspam;
}

const why: CommandSpec = {
  name: "why",
  access: "admin",
  usage: {
    "zh-CN": "/why（回复机器人的提示，或 /why 编号，编号见 /audit）",
    en: "/why (reply to the bot's notice, or /why <number> from /audit)",
  },
  run(ctx) {
    if (!ctx.event.replyTo && ctx.command.args[0] === undefined) return [usage(ctx, why)];
    const rows = pointedDecision(ctx).filter((r) => r.rule !== null && r.action !== "reply");
    if (rows.length === 0) return [say(ctx, "whyNone")];
    const first = rows[0]!;
    return [
      say(ctx, "whyText", {
        number: first.id,
        reason: ruleName(ctx.pack, first.rule!, ctx.locale),
        text: explanationText(ctx, rows),
      }),
    ];
  },
};

/** One line per signal (heaviest first, evidence against last), then the classifier's and the sample's. */
export function explanationText(ctx: CommandContext, rows: AuditRow[]): string {
  const { locale } = ctx;
  const explanation = rows.map(explanationOf).find((e) => e !== undefined);
  if (!explanation) return render(locale, "whyNoSignals", {}, ctx.pack.templates);
  const lines = [...explanation.signals]
    .sort((a, b) => b.weight - a.weight)
    .map((s) => `${s.weight > 0 ? "+" : ""}${s.weight} ${signalName(s.name, locale)}`);
  const c = explanation.classifier;
  if (c) {
    const kinds = ctx.pack.learning.kinds;
    const kindRule = kinds[c.kind as keyof typeof kinds] ?? c.kind;
    lines.push(
      render(
        locale,
        "whyClassifier",
        { count: Math.round(c.score * 100), reason: ruleName(ctx.pack, kindRule, locale) },
        ctx.pack.templates,
      ),
    );
  }
  const l = explanation.learned;
  if (l)
    lines.push(
      render(
        locale,
        "whyLearned",
        { number: l.sample, count: Math.round(l.similarity * 100) },
        ctx.pack.templates,
      ),
    );
  return lines.join("\n");
}

/**
 * The message a member reports: the one replied to, or (WeChat, which has no reply-to) the latest
 * message of the member @-mentioned.
 */
function reportedMessage(
  ctx: CommandContext,
): { messageId: string; senderId: string; senderName?: string } | undefined {
  const { replyTo, mentions } = ctx.event;
  if (replyTo) return replyTo;
  const mentioned = mentions[0];
  if (mentioned === undefined) return undefined;
  const latest = ctx.recent.latestOf(ctx.chat, mentioned);
  return latest && { messageId: latest.messageId, senderId: latest.user };
}

function reportCommand(): CommandSpec {
  const reported = new Set<string>();
  const lastBy = new Map<string, number>();
  const report: CommandSpec = {
    name: "report",
    aliases: ["jubao"],
    access: "anyone",
    usage: {
      "zh-CN": "/report（回复要举报的消息，或 /report @成员 举报他最近的一条）",
      en: "/report (reply to the message, or /report @member for their latest message)",
    },
    run(ctx) {
      const { event } = ctx;
      const pointed = reportedMessage(ctx);
      if (!pointed) return [say(ctx, "reportNoMessage")];
      const key = `${ctx.chat}\u0000${pointed.messageId}`;
      const reporter = `${ctx.chat}\u0000${ctx.caller.id}`;
      const last = lastBy.get(reporter);
      // Once per message, and not more than one report per member per interval: silence after that.
      if (reported.has(key) || (last !== undefined && event.at - last < REPORT_INTERVAL_MS)) return [];
      reported.add(key);
      lastBy.set(reporter, event.at);
      if (reported.size > REPORTS_KEPT) reported.delete(reported.values().next().value!);
      if (lastBy.size > REPORTS_KEPT) lastBy.delete(lastBy.keys().next().value!);
      const message = ctx.recent.find(ctx.chat, pointed.messageId);
      const memory = ctx.engine.memory;
      // Names are cleaned like the notice's own {name}: no line breaks, no @everyone, no phone number.
      const target = safeName(
        memory.known(ctx.chat, pointed.senderId)?.name ?? pointed.senderName ?? pointed.senderId,
      );
      const staffText = render(
        ctx.locale,
        "reportStaff",
        {
          name: event.sender.displayName,
          target,
          reason: event.chat.title ?? event.chat.id,
          // What reaches staff and the log is redacted like everything the bot keeps.
          text: message ? redactText(message.text).slice(0, 200) : "—",
        },
        ctx.pack.templates,
      );
      const staff = ctx.pack.complaints?.staff?.[0];
      if (ctx.desk && staff) for (const chat of tierTargets(staff)) void ctx.desk.send(chat, staffText);
      return [{ type: "notify", user: pointed.senderId, text: staffText }, say(ctx, "reportSent")];
    },
  };
  return report;
}

/** A fresh set of the learning commands (their rate-limit memory belongs to one router). */
export function learningCommands(): CommandSpec[] {
  return [spam, notSpamCommand(), why, reportCommand()];
}
