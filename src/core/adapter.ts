import type { Capabilities } from "./capabilities.js";
import type { ChatEvent, ChatRef } from "./chat-event.js";

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
  sendText(
    chat: ChatRef,
    text: string,
    options?: { replyTo?: string; mention?: string },
  ): Promise<string | undefined>;
  deleteMessage(chat: ChatRef, messageId: string): Promise<void>;
  mute(chat: ChatRef, userId: string, untilMs: number): Promise<void>;
  unmute(chat: ChatRef, userId: string): Promise<void>;
  kick(chat: ChatRef, userId: string): Promise<void>;
  ban(chat: ChatRef, userId: string, untilMs?: number): Promise<void>;
  unban(chat: ChatRef, userId: string): Promise<void>;
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
