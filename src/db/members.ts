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
  return touchStatement(db).get({
    platform: chat.platform,
    chatId: chat.chatId,
    userId,
    displayName: redactPersonalData(displayName),
    at,
    counted,
  }) as MemberRow;
}

/**
 * The bot touches a member on every event: prepared once per connection, since building and
 * preparing the upsert anew cost more than the decision it goes with (bench "wechat").
 */
function prepareTouch(db: Db) {
  const p = (name: string) => sql.placeholder(name);
  return db
    .insert(members)
    .values({
      platform: p("platform"),
      chatId: p("chatId"),
      userId: p("userId"),
      displayName: p("displayName"),
      firstSeenAt: p("at"),
      lastSeenAt: p("at"),
      messageCount: p("counted"),
    })
    .onConflictDoUpdate({
      target: [members.platform, members.chatId, members.userId],
      set: {
        displayName: sql`excluded.display_name`,
        // min/max rather than overwrite: a replayed or late event must not move first sight later or last sight back.
        firstSeenAt: sql`min(${members.firstSeenAt}, excluded.first_seen_at)`,
        lastSeenAt: sql`max(${members.lastSeenAt}, excluded.last_seen_at)`,
        messageCount: sql`${members.messageCount} + excluded.message_count`,
      },
    })
    .returning()
    .prepare();
}

const prepared = new WeakMap<object, ReturnType<typeof prepareTouch>>();

function touchStatement(db: Db): ReturnType<typeof prepareTouch> {
  let statement = prepared.get(db);
  if (!statement) {
    statement = prepareTouch(db);
    prepared.set(db, statement);
  }
  return statement;
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
