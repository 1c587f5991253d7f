/**
 * An adapter for the benchmarks that carries nothing anywhere: every call
 * returns at once and is only counted (and, for sends, timed), so what is
 * measured is the bot's own cost, not a platform's.
 */
import { CONSOLE_CAPABILITIES } from "../adapters/console.js";
import type { ChatAdapter, SendOptions } from "../src/core/adapter.js";
import type { Capabilities } from "../src/core/capabilities.js";
import type { ChatRef } from "../src/core/chat-event.js";

export class NullAdapter implements ChatAdapter {
  readonly platform = "telegram" as const;
  readonly capabilities: Capabilities = {
    ...CONSOLE_CAPABILITIES,
    sendRatePerChat: 1e9,
    sendRateGlobal: 1e9,
  };
  calls = 0;
  sends = 0;
  private next = 1;

  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  async sendText(_chat: ChatRef, _text: string, options: SendOptions = {}): Promise<string> {
    options.onSending?.();
    this.calls++;
    this.sends++;
    return String(this.next++);
  }
  async deleteMessage(): Promise<void> {
    this.calls++;
  }
  async mute(): Promise<void> {
    this.calls++;
  }
  async unmute(): Promise<void> {
    this.calls++;
  }
  async kick(): Promise<void> {
    this.calls++;
  }
  async ban(): Promise<void> {
    this.calls++;
  }
  async unban(): Promise<void> {
    this.calls++;
  }
}
