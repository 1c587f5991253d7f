/**
 * The bot's own words for moderation notices, in the category's locale.
 * Member names are inserted once, never re-expanded, and stripped of
 * characters that could start a mention or break a line.
 */
import { formatDuration } from "../rules/duration.js";

export type Locale = "zh-CN" | "en";

/** A display name made safe to quote: no line breaks, no leading @, bounded length. */
export function safeName(name: string): string {
  const cleaned = name
    .replace(/[\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, "")
    .replace(/@/g, "＠")
    .trim();
  return (cleaned.length > 32 ? `${cleaned.slice(0, 32)}…` : cleaned) || "?";
}

interface NoticeInput {
  name: string;
  ruleLabel: string;
  count?: number;
  ladderLength?: number;
  seconds?: number;
}

const zh = {
  warn: (n: NoticeInput) =>
    `⚠️ ${safeName(n.name)}，你的消息违反了群规（${n.ruleLabel}），警告 ${n.count}/${n.ladderLength}。`,
  mute: (n: NoticeInput) =>
    `🔇 ${safeName(n.name)} 已被禁言 ${formatDuration(n.seconds ?? 0)}（${n.ruleLabel}）。`,
  softMute: (n: NoticeInput) =>
    `🔇 ${safeName(n.name)} 请在 ${formatDuration(n.seconds ?? 0)} 内不要发言（${n.ruleLabel}），继续发言将被移出群聊。`,
  kick: (n: NoticeInput) => `🚫 ${safeName(n.name)} 已被移出群聊（${n.ruleLabel}）。`,
  ban: (n: NoticeInput) =>
    `⛔ ${safeName(n.name)} 已被封禁${n.seconds ? ` ${formatDuration(n.seconds)}` : ""}（${n.ruleLabel}）。`,
  recall: (n: NoticeInput) => `🙏 ${safeName(n.name)}，请撤回刚才的消息（${n.ruleLabel}），谢谢配合。`,
  unmute: (n: NoticeInput) => `🔈 ${safeName(n.name)} 已解除禁言。`,
};

const en: typeof zh = {
  warn: (n) =>
    `⚠️ ${safeName(n.name)}, your message breaks the group rules (${n.ruleLabel}): warning ${n.count}/${n.ladderLength}.`,
  mute: (n) => `🔇 ${safeName(n.name)} is muted for ${formatDuration(n.seconds ?? 0)} (${n.ruleLabel}).`,
  softMute: (n) =>
    `🔇 ${safeName(n.name)}, please stay quiet for ${formatDuration(n.seconds ?? 0)} (${n.ruleLabel}); talking on gets you removed.`,
  kick: (n) => `🚫 ${safeName(n.name)} was removed from the group (${n.ruleLabel}).`,
  ban: (n) =>
    `⛔ ${safeName(n.name)} is banned${n.seconds ? ` for ${formatDuration(n.seconds)}` : ""} (${n.ruleLabel}).`,
  recall: (n) => `🙏 ${safeName(n.name)}, please recall your last message (${n.ruleLabel}).`,
  unmute: (n) => `🔈 ${safeName(n.name)} can talk again.`,
};

export type NoticeKind = keyof typeof zh;

export function notice(locale: Locale, kind: NoticeKind, input: NoticeInput): string {
  return (locale === "en" ? en : zh)[kind](input);
}
