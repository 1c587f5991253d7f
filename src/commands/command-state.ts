/**
 * What commands change and read besides the engine's memory: bot admins
 * appointed in chat and groups in dry-run mode (SQLite, cached in memory for
 * the per-message permission checks), statistics and the audit log.
 */
import { type ChatRef, chatKey, type Platform } from "../core/chat-event.js";
import {
  addBotAdmin,
  allBotAdmins,
  type Database,
  dryRunChats,
  listBotAdmins,
  removeBotAdmin,
  setDryRun,
} from "../db/mod.js";

export class CommandState {
  private readonly admins = new Set<string>();
  private readonly dryRun = new Set<string>();

  constructor(readonly database: Database) {
    for (const a of allBotAdmins(database.db)) this.admins.add(key(a.platform, a.scope, a.scopeId, a.userId));
    for (const c of dryRunChats(database.db))
      this.dryRun.add(chatKey({ platform: c.platform, id: c.chatId }));
  }

  /** A bot admin of this chat, or of every chat of its category. */
  isBotAdmin(chat: ChatRef, category: string, user: string): boolean {
    return (
      this.admins.has(key(chat.platform, "chat", chat.id, user)) ||
      this.admins.has(key(chat.platform, "category", category, user))
    );
  }

  appoint(chat: ChatRef, user: string, name: string, by: string, at: number): boolean {
    const added = addBotAdmin(this.database.db, scope(chat), {
      userId: user,
      displayName: name,
      addedBy: by,
      at,
    });
    this.admins.add(key(chat.platform, "chat", chat.id, user));
    return added;
  }

  dismiss(chat: ChatRef, user: string): boolean {
    this.admins.delete(key(chat.platform, "chat", chat.id, user));
    return removeBotAdmin(this.database.db, scope(chat), user);
  }

  appointed(chat: ChatRef, category: string) {
    return [
      ...listBotAdmins(this.database.db, scope(chat)),
      ...listBotAdmins(this.database.db, { platform: chat.platform, scope: "category", scopeId: category }),
    ];
  }

  isDryRun(chat: string): boolean {
    return this.dryRun.has(chat);
  }

  setDryRun(chat: ChatRef, on: boolean, by: string, at: number): void {
    setDryRun(this.database.db, { platform: chat.platform, chatId: chat.id }, on, by, at);
    if (on) this.dryRun.add(chatKey(chat));
    else this.dryRun.delete(chatKey(chat));
  }
}

function scope(chat: ChatRef) {
  return { platform: chat.platform, scope: "chat" as const, scopeId: chat.id };
}

function key(platform: Platform, scope: string, scopeId: string, user: string): string {
  return `${platform}\u0000${scope}\u0000${scopeId}\u0000${user}`;
}
