import { sql } from "drizzle-orm";
import type { Platform } from "../core/chat-event.js";
import { type DbChat, ofMember } from "./chat.js";
import type { Db } from "./open.js";
import { redactPersonalData } from "./redact-personal-data.js";
import { type MemberRow, members } from "./schema.js";

/** When a member was first seen, for hydrating the engine's new-member checks. */
export interface MemberFirstSeen {
  platform: Platform;
  chatId: string;
  userId: string;
  displayName: string;
  firstSeenAt: number;
}

/**
 * Records that a member was seen at `at`, creating the row on first sight.
 * The display name follows the latest sighting; `countMessage` adds one to the
 * message count. Returns the row as stored afterwards.
 */
export function touchMember(
  db: Db,
  chat: DbChat,
  userId: string,
  displayName: string,
  at: number,
  options: { countMessage?: boolean } = {},
): MemberRow {
  const counted = options.countMessage ? 1 : 0;
  // Names are chosen by members, and some put their phone number in it: never stored in clear.
  displayName = redactPersonalData(displayName);
  return db
    .insert(members)
    .values({
      platform: chat.platform,
      chatId: chat.chatId,
      userId,
      displayName,
      firstSeenAt: at,
      lastSeenAt: at,
      messageCount: counted,
    })
    .onConflictDoUpdate({
      target: [members.platform, members.chatId, members.userId],
      set: {
        displayName,
        // min/max rather than overwrite: a replayed or late event must not move first sight later or last sight back.
        firstSeenAt: sql`min(${members.firstSeenAt}, ${at})`,
        lastSeenAt: sql`max(${members.lastSeenAt}, ${at})`,
        messageCount: sql`${members.messageCount} + ${counted}`,
      },
    })
    .returning()
    .get();
}

/** One member of one chat, or undefined if never seen. */
export function getMember(db: Db, chat: DbChat, userId: string): MemberRow | undefined {
  return db
    .select()
    .from(members)
    .where(ofMember(members, chat, userId))
    .get();
}

/** Every member's first sighting, across all chats. */
export function listMembersFirstSeen(db: Db): MemberFirstSeen[] {
  return db
    .select({
      platform: members.platform,
      chatId: members.chatId,
      userId: members.userId,
      firstSeenAt: members.firstSeenAt,
      displayName: members.displayName,
    })
    .from(members)
    .all();
}
