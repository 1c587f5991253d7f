/** An adapter for any number of chats that records what the bot did, for queue tests. */
import { CONSOLE_CAPABILITIES } from "../../adapters/console.js";
import type { ChatAdapter, SendOptions } from "../../src/core/adapter.js";
import type { Capabilities } from "../../src/core/capabilities.js";
import type { ChatEvent, ChatRef } from "../../src/core/chat-event.js";

export interface Recorded {
  op: "send" | "delete" | "mute" | "unmute" | "kick" | "ban" | "unban";
  chat: string;
  text?: string;
  user?: string;
  at: number;
}

export interface RecordingOptions {
  /** How long the platform takes to answer a send, after the message has left. @defaultValue 0 */
  roundTripMs?: number;
  /** The clock the log's times are read from (a test's moved clock). @defaultValue Date.now */
  clock?: () => number;
}

export class RecordingAdapter implements ChatAdapter {
  readonly platform = "telegram" as const;
  readonly capabilities: Capabilities = { ...CONSOLE_CAPABILITIES, sendRateGlobal: 1000 };
  readonly log: Recorded[] = [];
  private next = 1;
  emit: (event: ChatEvent) => Promise<void> = async () => {};

  constructor(private readonly options: RecordingOptions = {}) {}

  async start(onEvent: (event: ChatEvent) => Promise<void>): Promise<void> {
    this.emit = onEvent;
  }
  async stop(): Promise<void> {}
  /** Errors the next sends to a chat throw, one per send, after the message has left (onSending). */
  readonly sendFaults = new Map<string, Error[]>();

  async sendText(chat: ChatRef, text: string, options: SendOptions = {}): Promise<string> {
    options.onSending?.();
    if (this.options.roundTripMs) await new Promise((r) => setTimeout(r, this.options.roundTripMs));
    const fault = this.sendFaults.get(chat.id)?.shift();
    if (fault) throw fault;
    this.log.push({ op: "send", chat: chat.id, text, at: (this.options.clock ?? Date.now)() });
    return String(this.next++);
  }
  async deleteMessage(chat: ChatRef): Promise<void> {
    this.log.push({ op: "delete", chat: chat.id, at: Date.now() });
  }
  async mute(chat: ChatRef, user: string): Promise<void> {
    this.log.push({ op: "mute", chat: chat.id, user, at: Date.now() });
  }
  async unmute(chat: ChatRef, user: string): Promise<void> {
    this.log.push({ op: "unmute", chat: chat.id, user, at: Date.now() });
  }
  async kick(chat: ChatRef, user: string): Promise<void> {
    this.log.push({ op: "kick", chat: chat.id, user, at: Date.now() });
  }
  async ban(chat: ChatRef, user: string): Promise<void> {
    this.log.push({ op: "ban", chat: chat.id, user, at: Date.now() });
  }
  async unban(chat: ChatRef, user: string): Promise<void> {
    this.log.push({ op: "unban", chat: chat.id, user, at: Date.now() });
  }

  sent(text: string): Recorded[] {
    return this.log.filter((r) => r.op === "send" && r.text === text);
  }
}
