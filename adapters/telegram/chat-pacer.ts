/**
 * Telegram's per-chat limits on posted messages (one a second, 20 a minute in a group), measured
 * from when each message was answered. grammY's throttler measures a chat's gap when a message
 * enters the account-wide queue, so two messages to one group held there could leave 30 ms apart;
 * here a chat's messages go one after another, each after the previous one came back plus the gap.
 */
export interface ChatPacerOptions {
  /** @defaultValue 1000 */
  gapMs?: number;
  /** @defaultValue 20 */
  perMinute?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

interface ChatState {
  /** Settles when the chat's last queued message has been answered. */
  tail: Promise<void>;
  /** When the chat's recent messages were answered, oldest first (at most `perMinute`). */
  answered: number[];
  queued: number;
}

/** Chats idle for this long are forgotten; their limits have nothing left to remember. */
const FORGET_AFTER_MS = 60_000;

export class ChatPacer {
  private readonly chats = new Map<string, ChatState>();
  private readonly gapMs: number;
  private readonly perMinute: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(options: ChatPacerOptions = {}) {
    this.gapMs = options.gapMs ?? 1000;
    this.perMinute = options.perMinute ?? 20;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  /** Runs `post` when the chat's limits allow it; a chat's posts run one at a time, in order. */
  run<T>(chatId: string, post: () => Promise<T>): Promise<T> {
    const chat = this.stateOf(chatId);
    chat.queued++;
    const result = chat.tail.then(async () => {
      const wait = this.waitFor(chat);
      if (wait > 0) await this.sleep(wait);
      try {
        return await post();
      } finally {
        chat.answered.push(this.now());
        if (chat.answered.length > this.perMinute) chat.answered.shift();
        chat.queued--;
      }
    });
    chat.tail = result.then(
      () => {},
      () => {},
    );
    return result;
  }

  /** Chats with state kept (for tests and the soak). */
  get size(): number {
    return this.chats.size;
  }

  private waitFor(chat: ChatState): number {
    const now = this.now();
    const last = chat.answered.at(-1);
    let until = last === undefined ? now : last + this.gapMs;
    if (chat.answered.length >= this.perMinute) {
      until = Math.max(until, chat.answered[chat.answered.length - this.perMinute]! + 60_000);
    }
    return until - now;
  }

  private stateOf(chatId: string): ChatState {
    let chat = this.chats.get(chatId);
    if (!chat) {
      this.forgetIdle();
      chat = { tail: Promise.resolve(), answered: [], queued: 0 };
      this.chats.set(chatId, chat);
    }
    return chat;
  }

  private forgetIdle(): void {
    if (this.chats.size < 1000) return;
    const now = this.now();
    for (const [id, chat] of this.chats) {
      if (chat.queued === 0 && (chat.answered.at(-1) ?? 0) < now - FORGET_AFTER_MS) this.chats.delete(id);
    }
  }
}
