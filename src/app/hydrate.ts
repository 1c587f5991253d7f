/**
 * Rebuilds the engine's memory from SQLite at start, so a restart keeps
 * first-seen times, warning counts and running mutes.
 */
import { chatKey } from "../core/chat-event.js";
import { activeSanctions, type Database, listActiveWarnings, listMembersFirstSeen } from "../db/mod.js";
import type { EngineMemory } from "../engine/memory.js";

export function hydrateMemory(
  memory: EngineMemory,
  database: Database,
  now: number,
): { warnings: number; mutes: number } {
  const db = database.db;
  for (const m of listMembersFirstSeen(db)) {
    const chat = chatKey({ platform: m.platform, id: m.chatId });
    memory.markSeen(chat, m.userId, m.firstSeenAt);
    // Names let admins target members by name after a restart; admin flags come back with their next message.
    memory.noteMember(chat, m.userId, m.displayName, false);
  }
  const warnings = listActiveWarnings(db, now);
  for (const w of warnings) {
    memory.addWarning(
      chatKey({ platform: w.platform, id: w.chatId }),
      w.userId,
      w.createdAt,
      w.expiresAt ?? undefined,
    );
  }
  let mutes = 0;
  for (const s of activeSanctions(db, now)) {
    if (s.type !== "mute") continue;
    memory.setMute(
      chatKey({ platform: s.platform, id: s.chatId }),
      s.userId,
      s.endsAt ?? Number.POSITIVE_INFINITY,
    );
    mutes++;
  }
  return { warnings: warnings.length, mutes };
}
