/**
 * Rules and FAQs as a merchant knows them: by the `description` written in the rule files
 * ("广告", "营业时间"), not by their ids (`ads`, `hours`), which are for the files. The
 * bot's own causes (a muted member talking, a banned one rejoining) have names here.
 */
import type { RulePack } from "../rules/rule-pack.js";
import { inLocale, type LocalizedText } from "./localized.js";
import type { Locale } from "./templates.js";
import { toTaiwan } from "./traditional.js";

/** Causes the bot itself gives actions, which no rule file names. */
const BUILT_IN: Record<string, LocalizedText> = {
  muted: { "zh-CN": "禁言期间发言", en: "talking while muted" },
  banned: { "zh-CN": "已被本群封禁", en: "banned here" },
  complaint: { "zh-CN": "投诉工单", en: "complaint ticket" },
  timer: { "zh-CN": "到期解除", en: "time up" },
  "added-bot": { "zh-CN": "非管理员拉入的机器人", en: "a bot added by a member who is not an admin" },
};

/**
 * Operator text in a zh-TW group: the rule files are mostly written in Simplified Chinese, and a
 * Simplified word in the middle of a Traditional sentence reads as a mistake.
 */
export function operatorText(text: string, locale: Locale): string {
  return locale === "zh-TW" ? toTaiwan(text) : text;
}

/** A moderation rule's name: its description, else its id (a rule removed since is still named). */
export function ruleName(pack: RulePack, id: string, locale: Locale): string {
  const builtIn = BUILT_IN[id];
  if (builtIn) return inLocale(builtIn, locale);
  const description = pack.moderation.find((r) => r.id === id)?.description?.trim();
  return description ? operatorText(description, locale) : id;
}

/** An FAQ's name: its description, else its id. */
export function faqName(pack: RulePack, id: string, locale: Locale): string {
  const description = pack.faq.entries.find((e) => e.id === id)?.description?.trim();
  return description ? operatorText(description, locale) : id;
}
