/**
 * What the bot did, in words: action types and how they turned out, as the audit log records
 * them. Shared by /audit and the HTML report so both say the same thing.
 */
import type { ActionType } from "../core/decision.js";
import type { AuditOutcome } from "../db/schema.js";
import { inLocale, type LocalizedText } from "./localized.js";
import type { Locale } from "./templates.js";

const ACTIONS: Record<ActionType, LocalizedText> = {
  delete: { "zh-CN": "删除消息", en: "delete" },
  warn: { "zh-CN": "警告", en: "warn" },
  unwarn: { "zh-CN": "撤销警告", en: "unwarn" },
  mute: { "zh-CN": "禁言", en: "mute" },
  unmute: { "zh-CN": "解除禁言", en: "unmute" },
  kick: { "zh-CN": "移出", en: "kick" },
  ban: { "zh-CN": "封禁", en: "ban" },
  unban: { "zh-CN": "解除封禁", en: "unban" },
  reply: { "zh-CN": "回复", en: "reply" },
  notify: { "zh-CN": "通知管理员", en: "notify admins" },
};

const OUTCOMES: Record<AuditOutcome, LocalizedText> = {
  done: { "zh-CN": "已执行", en: "done" },
  // The platform could not do it as asked (WeChat has no mute): the bot did the nearest thing.
  degraded: { "zh-CN": "变通执行", en: "done differently" },
  refused: { "zh-CN": "平台拒绝", en: "refused" },
  failed: { "zh-CN": "失败", en: "failed" },
  shadow: { "zh-CN": "仅试运行", en: "dry run only" },
};

/** An action type in words; one the bot learns later shows as its id. */
export function actionWord(action: string, locale: Locale): string {
  const words = ACTIONS[action as ActionType];
  return words ? inLocale(words, locale) : action;
}

export function outcomeWord(outcome: string, locale: Locale): string {
  const words = OUTCOMES[outcome as AuditOutcome];
  return words ? inLocale(words, locale) : outcome;
}
