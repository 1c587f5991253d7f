/**
 * Telling staff about a ticket: a new one goes to the first tier, a missed
 * deadline to the tier it escalated to. A tier's staff chats get the message
 * in the group; its people get it in their private chat with the bot.
 */
import type { ChatRef, Platform } from "../core/chat-event.js";
import type { TicketRow } from "../db/mod.js";
import type { Logger } from "../log/logger.js";
import type { RulePack } from "../rules/rule-pack.js";
import type { StaffTier } from "../rules/schema.js";
import { type Locale, render, type TemplateKey } from "../words/templates.js";
import type { Outbox } from "./desk-types.js";

/** Where a tier is reached. */
export function tierTargets(tier: StaffTier | undefined): ChatRef[] {
  if (!tier) return [];
  return [
    ...tier.chats.map((c) => ({ platform: c.platform, id: c.id })),
    ...tier.people.map((p) => ({ platform: p.platform, id: privateChatId(p.platform, p.id) })),
  ];
}

/**
 * The private chat with a person: on Telegram its id is the user's id; the WeChat adapter names a
 * private chat "dm:" + the contact's id (adapters/wechat.ts), which is also where their commands come from.
 */
function privateChatId(platform: Platform, userId: string): string {
  return platform === "wechat" ? `dm:${userId}` : userId;
}

export function ticketLocale(pack: RulePack, category: string): Locale {
  return pack.categories[category]?.locale ?? "zh-CN";
}

/** A ticket's text in the bot's words, in the locale of the ticket's category. */
export function ticketWords(
  pack: RulePack,
  ticket: TicketRow,
  key: TemplateKey,
  values: Record<string, string | number | undefined> = {},
): string {
  return render(
    ticketLocale(pack, ticket.category),
    key,
    { number: ticket.id, name: ticket.displayName, target: ticket.chatId, ...values },
    pack.templates,
  );
}

/** Sends `text` to every target; a failed send is logged and does not stop the others. */
export async function alertStaff(
  outbox: Outbox | undefined,
  logger: Logger | undefined,
  targets: readonly ChatRef[],
  text: string,
  ticket: TicketRow,
  rule: string,
): Promise<number> {
  if (!outbox) return 0;
  let sent = 0;
  await Promise.all(
    targets.map(async (target) => {
      try {
        await outbox(target, text);
        sent++;
        logger?.info(
          {
            event: "action",
            platform: target.platform,
            chat: target.id,
            type: "notify",
            rule,
            ticket: ticket.id,
            outcome: "done",
          },
          "staff notified",
        );
      } catch (error) {
        logger?.warn(
          {
            event: "action",
            platform: target.platform,
            chat: target.id,
            type: "notify",
            rule,
            ticket: ticket.id,
            outcome: "failed",
            err: error,
          },
          "could not notify staff",
        );
      }
    }),
  );
  return sent;
}
