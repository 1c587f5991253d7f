/**
 * The parts of a report: all groups together, each category, each group. Every section is
 * rendered once per scope, from the rows of the chats the scope includes.
 */
import type { Platform } from "../core/chat-event.js";
import { PLAIN_LABELS, type ReportLabels } from "./labels.js";
import type { ReportChat } from "./queries.js";

export type ScopeKind = "overview" | "category" | "group";

export interface Scope {
  kind: ScopeKind;
  /** Generated ("all", "cat-1", "grp-3"), never taken from the database: safe as an HTML id. */
  id: string;
  /** Heading; comes from the database (titles, category names), so it is escaped when rendered. */
  title: string;
  /** Category name for category and group scopes. */
  category?: string;
  /** The group of a group scope. */
  chat?: ReportChat;
  /** The chats this scope covers, as {@link chatKey}s. */
  chats: ReadonlySet<string>;
}

/** Placeholder category for chats that have counters but no row in `chats`. */
export const NO_CATEGORY = "(no category)";

/** One string per chat; platforms never contain ":" so the key is unambiguous. */
export function chatKey(platform: Platform, chatId: string): string {
  return `${platform}:${chatId}`;
}

/** Whether a row keyed by chat belongs to the scope. */
export function inScope(scope: Scope, row: { platform: Platform; chatId: string }): boolean {
  return scope.chats.has(chatKey(row.platform, row.chatId));
}

/** A group's name for headings and labels: its title, or its id when it has none. */
export function chatLabel(chat: ReportChat): string {
  return chat.title?.trim() ? chat.title : chat.chatId;
}

/**
 * Overview first, then each category (by name) followed by its groups (by title): a reader
 * goes from the whole to the parts.
 */
export function reportScopes(chats: readonly ReportChat[], labels: ReportLabels = PLAIN_LABELS): Scope[] {
  const byCategory = new Map<string, ReportChat[]>();
  for (const c of chats) {
    const category = c.category ?? NO_CATEGORY;
    const list = byCategory.get(category) ?? [];
    byCategory.set(category, list);
    list.push(c);
  }
  const scopes: Scope[] = [
    { kind: "overview", id: "all", title: labels.words.allGroups, chats: new Set(chats.map(keyOf)) },
  ];
  let categories = 0;
  let groups = 0;
  // Chats without a category are odd leftovers: after the real categories.
  const names = [...byCategory.keys()].sort(
    (a, b) => Number(a === NO_CATEGORY) - Number(b === NO_CATEGORY) || cmp(a, b),
  );
  for (const category of names) {
    const members = byCategory.get(category)!;
    scopes.push({
      kind: "category",
      id: `cat-${++categories}`,
      // Headed by the category's name in the rule files; `category` keeps its id.
      title: category === NO_CATEGORY ? labels.words.noCategory : labels.category(category),
      category,
      chats: new Set(members.map(keyOf)),
    });
    const sorted = [...members].sort(
      (a, b) => chatLabel(a).localeCompare(chatLabel(b)) || keyOf(a).localeCompare(keyOf(b)),
    );
    for (const chat of sorted) {
      scopes.push({
        kind: "group",
        id: `grp-${++groups}`,
        title: chatLabel(chat),
        category,
        chat,
        chats: new Set([keyOf(chat)]),
      });
    }
  }
  return scopes;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function keyOf(c: ReportChat): string {
  return chatKey(c.platform, c.chatId);
}
