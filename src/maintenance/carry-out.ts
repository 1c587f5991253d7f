/**
 * Carries out a scheduled run's removals in the group, the way the dispatcher carries out a kick
 * (capabilities first, warnings and mutes of the removed member cleared, one audit row and one
 * `"event":"action"` line each), but without a notice per member in the group: a monthly clean-up
 * of 30 members would be 30 messages. The admins read who went in the report. A group in dry-run
 * mode (`/dryrun on`) only records, as it does for every automatic decision.
 */
import type { ChatAdapter } from "../core/adapter.js";
import type { Platform } from "../core/chat-event.js";
import type { KickAction } from "../core/decision.js";
import {
  type AuditOutcome,
  type Database,
  type DbChat,
  getChatSettings,
  liftSanctionsFor,
  recordAudit,
  resetWarnings,
} from "../db/mod.js";
import type { Logger } from "../log/logger.js";
import { MAINTENANCE_RULE } from "./auto-actions.js";
import type { MaintenanceRun } from "./schedule.js";

export interface RemovalDeps {
  database: Database;
  adapters: ReadonlyMap<Platform, ChatAdapter>;
  logger: Logger;
  now?: () => number;
  /** A member was removed: the engine forgets their warnings and mute. */
  onRemoved?: (chat: DbChat, userId: string) => void;
}

export type RemovalCounts = Record<AuditOutcome, number>;

export async function carryOutRemovals(run: MaintenanceRun, deps: RemovalDeps): Promise<RemovalCounts> {
  const counts: RemovalCounts = { done: 0, degraded: 0, refused: 0, failed: 0, shadow: 0 };
  const db = deps.database.db;
  const chat: DbChat = { platform: run.chat.platform, chatId: run.chat.id };
  const groupDryRun = getChatSettings(db, chat)?.dryRun === true;
  const record = (action: KickAction, outcome: AuditOutcome, detail?: string) => {
    counts[outcome]++;
    const at = (deps.now ?? Date.now)();
    deps.logger.info(
      {
        event: "action",
        platform: chat.platform,
        chat: chat.chatId,
        type: "kick",
        user: action.user,
        rule: MAINTENANCE_RULE,
        outcome,
        ...(detail ? { detail } : {}),
      },
      `kick ${outcome}`,
    );
    recordAudit(db, {
      chat,
      at,
      userId: action.user,
      action: "kick",
      rule: MAINTENANCE_RULE,
      outcome,
      detail,
    });
  };
  for (const action of run.shadow) record(action, "shadow", "maintenance dry run");
  const adapter = deps.adapters.get(chat.platform);
  for (const action of run.actions) {
    if (groupDryRun) {
      record(action, "shadow", "group in dry-run mode");
      continue;
    }
    if (!adapter) {
      record(action, "failed", `no ${chat.platform} adapter in this process`);
      continue;
    }
    const caps = adapter.capabilitiesFor?.(run.chat) ?? adapter.capabilities;
    if (!caps.canKick) {
      record(action, "refused", "platform does not let the bot remove members");
      continue;
    }
    try {
      await adapter.kick(run.chat, action.user);
    } catch (error) {
      const permanent = (error as { permanent?: boolean }).permanent === true;
      record(action, permanent ? "refused" : "failed", (error as Error).message);
      continue;
    }
    const at = (deps.now ?? Date.now)();
    resetWarnings(db, chat, action.user, at, MAINTENANCE_RULE);
    liftSanctionsFor(db, chat, action.user, "mute", at);
    deps.onRemoved?.(chat, action.user);
    record(action, "done", action.reason);
  }
  return counts;
}
