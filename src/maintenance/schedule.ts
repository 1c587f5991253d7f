/**
 * The monthly run: one BullMQ job scheduler per known group (`maintenance-<platform>-<chatId>`),
 * reconciled like the promo schedulers (at start, on every rule reload, and when a new group is
 * seen): a group whose category turns maintenance off, or that is no longer known, loses its
 * scheduler; a changed cron or zone replaces it; an unchanged one is left alone, so a reload does
 * not touch thousands of schedulers for nothing.
 *
 * A tick is turned into what to send and what to do by processMaintenanceJob; the queue service
 * carries that out with the adapters (sending is not this module's business).
 */
import type { Job, Queue } from "bullmq";
import type { ChatRef, Platform } from "../core/chat-event.js";
import type { KickAction } from "../core/decision.js";
import type { Database, DbChat } from "../db/mod.js";
import { getChat } from "../db/mod.js";
import type { ChatRow } from "../db/schema.js";
import type { RulePack } from "../rules/rule-pack.js";
import type { Locale } from "../words/templates.js";
import { composeMaintenance } from "./compose.js";
import { type MaintenanceConfig, type SendTo, settingsFor } from "./config.js";
import { knownAdmins, type MaintenanceReport } from "./report-data.js";

export const MAINTENANCE_SCHEDULER_PREFIX = "maintenance-";

/** The data of a scheduled tick: which group. */
export interface MaintenanceTick {
  platform: Platform;
  chatId: string;
}

/**
 * BullMQ names a scheduler's jobs `repeat:<id>:<time>` and refuses ids that split into more parts,
 * so the ':' a chat id may hold (and '%', to keep the escape reversible) are percent-encoded.
 */
export function maintenanceSchedulerId(chat: DbChat): string {
  const id = chat.chatId.replace(/[%:]/g, (c) => (c === "%" ? "%25" : "%3A"));
  return `${MAINTENANCE_SCHEDULER_PREFIX}${chat.platform}-${id}`;
}

/**
 * Groups only: the chats table also holds private chats with the bot (WeChat `dm:<id>`, Telegram
 * users, whose ids are positive; Telegram groups and channels have negative ids).
 */
export function isGroupChat(chat: DbChat): boolean {
  if (chat.platform === "wechat") return !chat.chatId.startsWith("dm:");
  if (chat.platform === "telegram") return chat.chatId.startsWith("-");
  return true;
}

type KnownChat = Pick<ChatRow, "platform" | "chatId" | "category">;

interface Wanted {
  tick: MaintenanceTick;
  pattern: string;
  tz: string;
}

/** The scheduler a chat should have, or undefined when it should have none. */
function wantedFor(chat: KnownChat, config: MaintenanceConfig): Wanted | undefined {
  if (!isGroupChat(chat)) return undefined;
  const s = settingsFor(config, chat.category);
  if (!s.enabled) return undefined;
  return { tick: { platform: chat.platform, chatId: chat.chatId }, pattern: s.schedule, tz: s.timeZone };
}

async function upsert(queue: Queue, id: string, w: Wanted): Promise<void> {
  await queue.upsertJobScheduler(
    id,
    { pattern: w.pattern, tz: w.tz },
    {
      name: "maintenance",
      data: w.tick,
      // One report a month per group: failures are kept a while for the operator to look at.
      opts: {
        removeOnComplete: 50,
        removeOnFail: 50,
        attempts: 3,
        backoff: { type: "exponential", delay: 60_000 },
      },
    },
  );
}

/** Makes the maintenance schedulers match the known groups and the rule files; returns their ids. */
export async function reconcileMaintenance(
  queue: Queue,
  chats: readonly KnownChat[],
  config: MaintenanceConfig,
): Promise<string[]> {
  const wanted = new Map<string, Wanted>();
  for (const c of chats) {
    const w = wantedFor(c, config);
    if (w) wanted.set(maintenanceSchedulerId(c), w);
  }
  const current = new Map<string, { pattern?: string; tz?: string }>();
  for (const s of await queue.getJobSchedulers()) {
    const id = s.key ?? s.id;
    if (!id?.startsWith(MAINTENANCE_SCHEDULER_PREFIX)) continue;
    if (wanted.has(id)) current.set(id, s);
    else await queue.removeJobScheduler(id);
  }
  for (const [id, w] of wanted) {
    const now = current.get(id);
    if (now && now.pattern === w.pattern && now.tz === w.tz) continue;
    await upsert(queue, id, w);
  }
  return [...wanted.keys()];
}

/**
 * One chat's scheduler, for a group seen for the first time (or moved to another category) between
 * two reconciliations: one Redis lookup, and a write only when something changes.
 */
export async function scheduleMaintenanceFor(
  queue: Queue,
  chat: KnownChat,
  config: MaintenanceConfig,
): Promise<boolean> {
  const id = maintenanceSchedulerId(chat);
  const w = wantedFor(chat, config);
  const now = await queue.getJobScheduler(id);
  if (!w) {
    if (now) await queue.removeJobScheduler(id);
    return false;
  }
  if (!now || now.pattern !== w.pattern || now.tz !== w.tz) await upsert(queue, id, w);
  return true;
}

export interface MaintenanceJobDeps {
  database: Database;
  pack: () => RulePack;
  /** @defaultValue Date.now */
  now?: () => number;
  /** Platform admins the caller knows (the engine's memory, in the bot process). */
  isAdmin?: (chat: DbChat, userId: string) => boolean;
  /** Never listed or removed: the bot's own accounts (the adapters drop its messages, but a member row may exist). */
  exclude?: readonly string[];
  /** The zone of daily statistics (the dispatcher's). @defaultValue "Asia/Shanghai" */
  statsTimeZone?: string;
}

export interface MaintenanceRun {
  chat: ChatRef;
  category: string;
  locale: Locale;
  report: MaintenanceReport;
  /** The report text and where it goes (private chats of admins, a staff chat, or the group). */
  text: string;
  recipients: ChatRef[];
  /** Why nobody gets the report, when recipients is empty. */
  undelivered?: string;
  /** Where the report goes when no private message gets through (send_to: admins_or_group). */
  fallback?: ChatRef;
  /** Kicks to carry out in the group (rule "maintenance"), and kicks only to record (dry run). */
  actions: KickAction[];
  shadow: KickAction[];
}

/** What a scheduled tick means now; undefined when the group is unknown or its maintenance is off. */
export function processMaintenanceJob(
  job: Job<MaintenanceTick>,
  deps: MaintenanceJobDeps,
): MaintenanceRun | undefined {
  const key: DbChat = { platform: job.data.platform, chatId: job.data.chatId };
  const db = deps.database.db;
  const known = getChat(db, key);
  if (!known) return undefined;
  const pack = deps.pack();
  const composed = composeMaintenance({
    db,
    chat: key,
    category: known.category,
    pack,
    now: deps.now?.() ?? Date.now(),
    mode: "scheduled",
    isAdmin: deps.isAdmin && ((userId) => deps.isAdmin!(key, userId)),
    exclude: deps.exclude,
    statsTimeZone: deps.statsTimeZone,
  });
  // The scheduler may be older than the reload that switched this category off.
  if (!composed.settings.enabled) return undefined;
  const chat: ChatRef = { platform: key.platform, id: key.chatId, title: known.title ?? undefined };
  const recipients = recipientsFor(chat, composed.settings.sendTo, [
    ...knownAdmins(db, key, known.category, pack),
  ]);
  return {
    chat,
    category: known.category,
    locale: composed.locale,
    report: composed.report,
    text: composed.text,
    recipients,
    undelivered: recipients.length === 0 ? "no admin of the group can be messaged privately" : undefined,
    fallback: composed.settings.sendTo === "admins_or_group" ? chat : undefined,
    actions: composed.actions,
    shadow: composed.shadow,
  };
}

/**
 * Where the report goes. A private chat is how each adapter names one: Telegram a user's id,
 * WeChat `dm:<contact id>`; the console has none. Telegram only delivers to someone who has
 * started the bot: the sender should fall back (admins_or_group) or log what could not be sent.
 */
export function recipientsFor(chat: ChatRef, sendTo: SendTo, admins: readonly string[]): ChatRef[] {
  if (typeof sendTo === "object") return [{ platform: sendTo.platform, id: sendTo.id }];
  if (sendTo === "group") return [chat];
  const privately = admins.flatMap((id) => {
    const ref = privateChat(chat.platform, id);
    return ref ? [ref] : [];
  });
  if (sendTo === "admins_or_group" && privately.length === 0) return [chat];
  return privately;
}

function privateChat(platform: Platform, userId: string): ChatRef | undefined {
  if (platform === "telegram") return { platform, id: userId };
  if (platform === "wechat") return { platform, id: `dm:${userId}` };
  return undefined;
}
