import type { Capabilities } from "./capabilities.js";
import type { ChatEvent, ChatRef } from "./chat-event.js";

export interface SendOptions {
  /** The member's message this one answers. */
  replyTo?: string;
  /** A member named in the text (a notice about their message). */
  mention?: string;
  /**
   * Called once, right before the message leaves for the platform: after the adapter's own pacing
   * or throttling, so that a delivery ledger claims it as late as it can (a process that dies while
   * waiting has sent nothing). It may throw to call the send off; sendText then rejects with that error.
   */
  onSending?: () => void;
}

/**
 * The narrow surface the dispatcher needs from a platform adapter: only what
 * it calls, nothing more. Each method throws a PlatformError on failure.
 */
export interface ChatAdapter {
  readonly platform: ChatRef["platform"];
  readonly capabilities: Capabilities;
  /** What the bot can do in one chat, where that depends on the rights it was given there. */
  capabilitiesFor?(chat: ChatRef): Capabilities;
  /** Starts delivering events; resolves once the adapter is listening. */
  start(onEvent: (event: ChatEvent) => Promise<void>): Promise<void>;
  stop(): Promise<void>;
  /** Sends a message; resolves to the id of the (first) message sent, where the platform gives one. */
  sendText(chat: ChatRef, text: string, options?: SendOptions): Promise<string | undefined>;
  deleteMessage(chat: ChatRef, messageId: string): Promise<void>;
  mute(chat: ChatRef, userId: string, untilMs: number): Promise<void>;
  unmute(chat: ChatRef, userId: string): Promise<void>;
  kick(chat: ChatRef, userId: string): Promise<void>;
  ban(chat: ChatRef, userId: string, untilMs?: number): Promise<void>;
  unban(chat: ChatRef, userId: string): Promise<void>;
  /**
   * The words of what the adapter tells a group on its own (the bot lacks rights there), in the
   * group's language: the bot hands them over at start, since only it knows the chat's category.
   */
  useNotices?(notices: AdapterNotices): void;
}

/** Texts an adapter posts by itself, each for one chat, in that chat's language. */
export interface AdapterNotices {
  /** The bot lacks these rights in the chat. */
  missingRights(chat: ChatRef, rights: readonly ("delete" | "ban")[]): string;
  /** The bot may not remove a member here (not the group's owner or admin). */
  kickRefused(chat: ChatRef, memberName: string): string;
}

/** A failure reported by a platform; `permanent` ones are not retried. */
export class PlatformError extends Error {
  override name = "PlatformError";
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
