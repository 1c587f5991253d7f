/**
 * A member whose name reads like an owner's or admin's (the same nickname, or
 * one folded equal: Traditional, full-width, look-alike letters, spaces) is how
 * "老板娘" comes to ask the group for deposits. The bot tells the chat's admins
 * once per name taken, and warns the members that staff never collect money in
 * the group, naming nobody: the copied name is the owner's, and a mention would
 * read as addressed to the owner. Who is staff is decided by id, never by name.
 */
import type { ChatEvent } from "../core/chat-event.js";
import type { Action } from "../core/decision.js";
import { type Locale, render } from "../words/templates.js";
import type { EngineMemory } from "./memory.js";

/** The rule id the actions carry (audit log, notify lines). */
export const IMPERSONATION_RULE = "impersonation";

/**
 * The note to admins and the warning to members when `event`'s sender now looks like staff; none when
 * they do not, when they are staff themselves, or when they were already flagged under this name.
 */
export function impersonationActions(
  memory: EngineMemory,
  chat: string,
  event: ChatEvent,
  isAdmin: () => boolean,
  locale: Locale,
  templates: Parameters<typeof render>[3],
): Action[] {
  const user = event.sender.id;
  const staff = memory.staffLookingLike(chat, user);
  if (staff === undefined || isAdmin() || !memory.flagOnce(chat, user)) return [];
  const staffName = memory.known(chat, staff)?.name ?? staff;
  return [
    {
      type: "notify",
      rule: IMPERSONATION_RULE,
      user,
      text: render(locale, "impersonationStaff", { name: staffName, id: user }, templates),
    },
    { type: "reply", rule: IMPERSONATION_RULE, text: render(locale, "impersonationWarning", {}, templates) },
  ];
}
