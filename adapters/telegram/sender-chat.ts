/**
 * Posts made as a chat rather than as a person: a channel posting in the group, or an anonymous
 * admin posting as the group itself. Telegram fills `from` with a placeholder shared by every such
 * post (136817688 "Channel_Bot", 1087968824 "GroupAnonymousBot"), so counting on `from` would pile
 * every channel's warnings on one id. The sender is the sender chat, as `chat:<id>`, everywhere
 * the bot names a member (warnings, sanctions, commands), so the adapter can tell it apart when
 * asked to act on it.
 */
import type { Chat } from "grammy/types";
import type { Sender } from "../../src/core/chat-event.js";

const PREFIX = "chat:";

export function senderChatOf(senderChat: Chat, groupId: number): Sender {
  const title = "title" in senderChat ? senderChat.title : undefined;
  const username = "username" in senderChat ? senderChat.username : undefined;
  return {
    id: `${PREFIX}${senderChat.id}`,
    displayName: title ?? username ?? String(senderChat.id),
    username,
    // The group posting as itself is one of its admins, hidden: exempt like any admin.
    isPlatformAdmin: senderChat.id === groupId,
  };
}

/** The sender chat's numeric id when `userId` names one, undefined for a person. */
export function senderChatIdOf(userId: string): number | undefined {
  return userId.startsWith(PREFIX) ? Number(userId.slice(PREFIX.length)) : undefined;
}
