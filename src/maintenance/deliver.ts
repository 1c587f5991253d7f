/**
 * Sends a scheduled maintenance report to its recipients. A private message can fail for good
 * (Telegram refuses to message someone who never started the bot); with send_to admins_or_group
 * the report then goes to the group. Every send is one `"event":"action"` log line (type reply,
 * rule maintenance). The removals are not sent here: they go through the dispatcher like any kick.
 */
import type { ChatAdapter } from "../core/adapter.js";
import type { ChatRef, Platform } from "../core/chat-event.js";
import type { Logger } from "../log/logger.js";
import { MAINTENANCE_RULE } from "./auto-actions.js";
import type { MaintenanceRun } from "./schedule.js";

export interface ReportDelivery {
  sent: ChatRef[];
  failed: { to: ChatRef; error: string; permanent: boolean }[];
}

/**
 * Sends the report; throws (so the job is retried) only when nothing got through and a failure may
 * pass (a 429, a network error, an adapter another process has): a retry then cannot send twice.
 */
export async function sendMaintenanceReport(
  run: MaintenanceRun,
  adapters: ReadonlyMap<Platform, ChatAdapter>,
  logger: Logger,
): Promise<ReportDelivery> {
  const result: ReportDelivery = { sent: [], failed: [] };
  const send = async (to: ChatRef) => {
    const fields = {
      event: "action",
      platform: to.platform,
      chat: to.id,
      type: "reply",
      rule: MAINTENANCE_RULE,
    };
    const adapter = adapters.get(to.platform);
    try {
      if (!adapter) throw new Error(`no ${to.platform} adapter in this process`);
      await adapter.sendText(to, run.text);
      result.sent.push(to);
      logger.info({ ...fields, outcome: "done", group: run.chat.id }, "maintenance report sent");
    } catch (error) {
      const permanent = (error as { permanent?: boolean }).permanent === true;
      result.failed.push({ to, error: (error as Error).message, permanent });
      logger.warn(
        { ...fields, outcome: permanent ? "refused" : "failed", group: run.chat.id, err: error },
        "maintenance report not sent",
      );
    }
  };
  for (const to of run.recipients) await send(to);
  const fallback = run.fallback;
  if (result.sent.length === 0 && fallback && !run.recipients.some((r) => sameChat(r, fallback))) {
    await send(fallback);
  }
  if (run.recipients.length === 0 && result.sent.length === 0) {
    logger.warn(
      { event: "maintenance", platform: run.chat.platform, chat: run.chat.id, reason: run.undelivered },
      "maintenance report has nobody to go to",
    );
  }
  if (result.sent.length === 0 && result.failed.some((f) => !f.permanent)) {
    throw new Error(
      `maintenance report for ${run.chat.platform}:${run.chat.id} not sent: ${result.failed[0]!.error}`,
    );
  }
  return result;
}

function sameChat(a: ChatRef, b: ChatRef): boolean {
  return a.platform === b.platform && a.id === b.id;
}
