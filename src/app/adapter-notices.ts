/**
 * The words the platform adapters post on their own (the bot lacks rights in a group, may not
 * remove a member), in the language of the chat's category and with the rule files' overrides,
 * like every other word of the bot.
 */
import type { AdapterNotices } from "../core/adapter.js";
import type { ChatRef } from "../core/chat-event.js";
import type { RulePack } from "../rules/rule-pack.js";
import { type Locale, render } from "../words/templates.js";

export function adapterNotices(pack: () => RulePack, categoryOf: (chat: ChatRef) => string): AdapterNotices {
  const localeOf = (chat: ChatRef): Locale => pack().categories[categoryOf(chat)]?.locale ?? "zh-CN";
  return {
    missingRights(chat, rights) {
      const locale = localeOf(chat);
      const templates = pack().templates;
      const names = rights.map((r) =>
        render(locale, r === "delete" ? "rightDeleteMessages" : "rightBanUsers", {}, templates),
      );
      return render(locale, "botLacksRights", { text: names.join(locale === "en" ? ", " : "、") }, templates);
    },
    kickRefused(chat, memberName) {
      return render(localeOf(chat), "kickRefusedNotice", { name: memberName }, pack().templates);
    },
  };
}
