/**
 * Who administers each chat, from getChatAdministrators, cached for a short
 * while (and dropped on chat_member updates) so permission checks do not cost
 * an API call per message.
 */
import type { Api } from "grammy";

export class AdminCache {
  private readonly entries = new Map<string, { ids: Set<string>; at: number }>();

  constructor(
    private readonly api: Api,
    /** @defaultValue 5 minutes */
    private readonly ttlMs = 5 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  async isAdmin(chatId: string, userId: string): Promise<boolean> {
    let entry = this.entries.get(chatId);
    if (!entry || this.now() - entry.at > this.ttlMs) {
      const admins = await this.api.getChatAdministrators(chatId);
      entry = { ids: new Set(admins.map((a) => String(a.user.id))), at: this.now() };
      this.entries.set(chatId, entry);
    }
    return entry.ids.has(userId);
  }

  /** A member's status changed: ask again next time. */
  invalidate(chatId: string): void {
    this.entries.delete(chatId);
  }
}
