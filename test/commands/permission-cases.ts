/** Who may run what, as the design and README say; the same on every platform. */
import type { Bot } from "../../src/app/bot.js";

export type CallerKind =
  | "member"
  | "admin of another group"
  | "platform admin"
  | "bot admin"
  | "owner"
  | "the bot itself"
  | "another bot";

const ADMINS: CallerKind[] = ["platform admin", "bot admin", "owner"];

/** Commands as typed, without their target (tests add a reply or an @mention); `{target}` is the member's id. */
export const COMMANDS: { text: string; allowed: CallerKind[] }[] = [
  ...[
    "/warn spam",
    "/unwarn",
    "/resetwarns",
    "/mute 1h",
    "/unmute",
    "/kick",
    "/ban 1d",
    "/unban {target}",
    "/admins",
    "/reload",
    "/stats",
    "/audit",
    "/dryrun on",
    "/promo pause lunch-special",
    "/bookings",
  ].map((text) => ({ text, allowed: ADMINS })),
  { text: "/admin add", allowed: ["owner"] },
  { text: "/admin remove", allowed: ["owner"] },
  { text: "/broadcast promo 今晚打烊", allowed: ["owner"] },
];

/** The refusal a caller gets for `text`. */
export function refusalOf(text: string): string {
  return `只有本群管理员可以使用 /${text.split(" ")[0]!.slice(1)}`;
}

/** Everything any admin command can change, whole (pairs run one at a time). */
export function commandState(bot: Bot): string {
  const sqlite = bot.database.sqlite;
  const tables = ["warnings", "sanctions", "bot_admins", "chat_settings", "promo_pauses", "deliveries"];
  return JSON.stringify(tables.map((t) => sqlite.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()));
}
