/**
 * Which category a chat belongs to: an explicit category on the event, a
 * binding by platform + id, a pattern on the title/topic, else the pack's
 * default (so the bot works in a new group before anyone bound it).
 */
import type { ChatRef } from "../core/chat-event.js";
import type { RulePack } from "../rules/rule-pack.js";

interface CompiledBinding {
  category: string;
  platform?: string;
  id?: string;
  titleContains?: string;
  titleRegex?: RegExp;
}

export class CategoryBinder {
  private readonly bindings: CompiledBinding[];
  /** platform → chat id → the title last seen and its category (nested: no key string built per message). */
  private readonly cache = new Map<string, Map<string, { title: string; category: string }>>();
  private cached = 0;

  constructor(private readonly pack: RulePack) {
    this.bindings = pack.bindings.map((b) => ({
      category: b.category,
      platform: b.platform,
      id: b.id,
      titleContains: b.title_contains?.toLowerCase(),
      titleRegex: b.title_regex === undefined ? undefined : new RegExp(b.title_regex, "i"),
    }));
  }

  /** The category of a chat; re-evaluated when its title changes (the cache keys on the title). */
  categoryOf(chat: ChatRef): string {
    const title = chat.title ?? "";
    let byId = this.cache.get(chat.platform);
    const hit = byId?.get(chat.id);
    if (hit !== undefined && hit.title === title) return hit.category;
    const category = this.resolve(chat);
    if (this.cached > 100_000) {
      this.cache.clear();
      this.cached = 0;
      byId = undefined;
    }
    if (byId === undefined) {
      byId = new Map();
      this.cache.set(chat.platform, byId);
    }
    if (hit === undefined) this.cached++;
    byId.set(chat.id, { title, category });
    return category;
  }

  private resolve(chat: ChatRef): string {
    const title = chat.title?.toLowerCase() ?? "";
    // Bindings by id are exact and win over title patterns, wherever they stand in the file.
    for (const b of this.bindings) {
      if (
        b.id !== undefined &&
        b.id === chat.id &&
        (b.platform === undefined || b.platform === chat.platform)
      ) {
        return b.category;
      }
    }
    for (const b of this.bindings) {
      if (b.id !== undefined || (b.platform !== undefined && b.platform !== chat.platform)) continue;
      if (b.titleContains !== undefined && title.includes(b.titleContains)) return b.category;
      if (b.titleRegex?.test(chat.title ?? "")) return b.category;
    }
    return this.pack.defaultCategory;
  }
}
