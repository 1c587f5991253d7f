/**
 * A terminal group chat: you type as a member, the bot answers in the same
 * terminal. What `qunguan start` runs with no platform credentials, and what
 * `qunguan demo` scripts. It behaves like a group whose platform lets the bot
 * do everything (delete, mute, kick, ban), unless capabilities say otherwise.
 *
 * Lines typed: text (a message), `/as NAME` (switch member; `/as NAME admin`
 * makes them a group admin), `/join NAME`, `/leave`, `/card` (send a contact
 * card), `/who` (members), `/quit`. Any other `/command` is a chat command.
 */
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { ChatAdapter, SendOptions } from "../src/core/adapter.js";
import { PlatformError } from "../src/core/adapter.js";
import type { Capabilities } from "../src/core/capabilities.js";
import type { ChatEvent, ChatRef, MessageKind } from "../src/core/chat-event.js";

export const CONSOLE_CAPABILITIES: Capabilities = {
  canDelete: true,
  canMute: true,
  canKick: true,
  canBan: true,
  canPin: false,
  maxTextLength: 4096,
  sendRatePerChat: 100,
  sendRateGlobal: 100,
};

interface Member {
  id: string;
  name: string;
  admin: boolean;
  mutedUntil?: number;
  bannedUntil?: number;
  present: boolean;
}

export interface ConsoleAdapterOptions {
  input?: Readable;
  output?: Writable;
  /** @defaultValue CONSOLE_CAPABILITIES */
  capabilities?: Partial<Capabilities>;
  /** @defaultValue { platform: "console", id: "console", title: "香满楼优惠群" } */
  chat?: ChatRef;
  /** The clock for typed messages (the demo passes scripted times). @defaultValue Date.now */
  now?: () => number;
  /** Called on `/quit` or end of input. */
  onQuit?: () => void;
}

export class ConsoleAdapter implements ChatAdapter {
  readonly platform = "console" as const;
  readonly capabilities: Capabilities;
  readonly chat: ChatRef;
  private readonly members = new Map<string, Member>();
  private current: Member;
  private onEvent: ((event: ChatEvent) => Promise<void>) | undefined;
  private nextMessageId = 1;
  /**
   * Message ids are "<run>:<n>": short numbers on screen, yet unique across runs on one database,
   * where the bot remembers which messages it already acted on.
   */
  private readonly run = Date.now().toString(36);
  private readonly out: Writable;
  private readonly now: () => number;
  private readline: ReturnType<typeof createInterface> | undefined;

  constructor(private readonly options: ConsoleAdapterOptions = {}) {
    this.capabilities = { ...CONSOLE_CAPABILITIES, ...options.capabilities };
    this.chat = options.chat ?? { platform: "console", id: "console", title: "香满楼优惠群" };
    this.out = options.output ?? process.stdout;
    this.now = options.now ?? Date.now;
    this.current = this.member("guest");
  }

  async start(onEvent: (event: ChatEvent) => Promise<void>): Promise<void> {
    this.onEvent = onEvent;
    if (!this.options.input) return;
    this.readline = createInterface({ input: this.options.input, terminal: false });
    this.print(
      `— ${this.chat.title} — type a message; /as NAME to switch member, /join NAME, /quit to leave —`,
    );
    // Lines are handled one after another, so the bot's answer comes before the next prompt.
    (async () => {
      for await (const line of this.readline!) {
        if (line.trim() === "/quit") break;
        await this.submit(line);
      }
      this.options.onQuit?.();
    })().catch((error) => this.print(`console input failed: ${(error as Error).message}`));
  }

  async stop(): Promise<void> {
    this.readline?.close();
  }

  /** Handles one typed line (also the demo's entry point). */
  async submit(line: string, at = this.now()): Promise<void> {
    const text = line.trimEnd();
    if (text.length === 0) return;
    const [word, ...rest] = text.split(/\s+/);
    if (word === "/as" && rest.length > 0) {
      const admin = rest.at(-1) === "admin";
      const name = (admin ? rest.slice(0, -1) : rest).join(" ");
      this.current = this.member(name, admin || undefined);
      this.print(`(you are now ${this.label(this.current)})`);
      return;
    }
    if (word === "/join" && rest.length > 0) {
      this.current = this.member(rest.join(" "));
      return this.join(this.current, at);
    }
    if (word === "/leave") return this.leave(this.current, at);
    if (word === "/who") {
      this.print(
        [...this.members.values()]
          .filter((m) => m.present)
          .map((m) => this.label(m))
          .join(", "),
      );
      return;
    }
    if (word === "/card")
      return this.message(this.current, rest.join(" ") || "[contact card]", at, "contact_card");
    return this.message(this.current, text, at);
  }

  /** A member joins (the demo calls this directly). */
  async join(member: Member | string, at = this.now()): Promise<void> {
    const m = typeof member === "string" ? this.member(member) : member;
    if (m.bannedUntil !== undefined && m.bannedUntil > at) {
      this.print(`(${m.name} is banned and cannot join)`);
      return;
    }
    m.present = true;
    this.print(`➕ ${this.label(m)} joined`);
    await this.emit({ type: "join", chat: this.chat, sender: this.sender(m), at });
  }

  async leave(member: Member | string, at = this.now()): Promise<void> {
    const m = typeof member === "string" ? this.member(member) : member;
    m.present = false;
    this.print(`➖ ${m.name} left`);
    await this.emit({ type: "leave", chat: this.chat, sender: this.sender(m), at });
  }

  /** A member speaks (the demo calls this directly). */
  async message(
    member: Member | string,
    text: string,
    at = this.now(),
    kind: MessageKind = "text",
  ): Promise<void> {
    const m = typeof member === "string" ? this.member(member) : member;
    if (!m.present) {
      this.print(`(${m.name} is not in the group: /join ${m.name})`);
      return;
    }
    if (this.capabilities.canMute && m.mutedUntil !== undefined && m.mutedUntil > at) {
      this.print(`(${m.name} is muted until ${clock(m.mutedUntil)}; the message was not sent)`);
      return;
    }
    const shown = this.nextMessageId++;
    const messageId = `${this.run}:${shown}`;
    this.print(`[${clock(at)}] #${shown} ${this.label(m)}: ${kind === "text" ? text : `[${kind}] ${text}`}`);
    await this.emit({
      type: "message",
      chat: this.chat,
      sender: this.sender(m),
      at,
      messageId,
      text,
      kind,
      mentions: this.mentionsIn(text),
    });
  }

  /** "@Name" of a member who exists becomes a mention, as a platform would report it. */
  private mentionsIn(text: string): string[] {
    const ids: string[] = [];
    for (const m of text.matchAll(/@(\S+)/g)) {
      const member = this.members.get(m[1]!.toLowerCase());
      if (member && !ids.includes(member.id)) ids.push(member.id);
    }
    return ids;
  }

  /** Finds or creates a member by name (ids are the names, lower-cased). */
  member(name: string, admin?: boolean): Member {
    const id = name.trim().toLowerCase();
    let m = this.members.get(id);
    if (!m) {
      m = { id, name: name.trim(), admin: admin ?? false, present: true };
      this.members.set(id, m);
    } else if (admin !== undefined) {
      m.admin = admin;
    }
    return m;
  }

  async sendText(_chat: ChatRef, text: string, options: SendOptions = {}): Promise<string> {
    options.onSending?.();
    const reply = options.replyTo ? ` ↪#${options.replyTo.split(":").at(-1)}` : "";
    const mention = options.mention ? `@${this.members.get(options.mention)?.name ?? options.mention} ` : "";
    this.print(`🤖 群管${reply}: ${mention}${text.trimEnd().replaceAll("\n", "\n     ")}`);
    return `${this.run}:${this.nextMessageId++}`;
  }

  async deleteMessage(_chat: ChatRef, messageId: string): Promise<void> {
    this.print(`🗑  message #${messageId.split(":").at(-1)} deleted`);
  }

  async mute(_chat: ChatRef, userId: string, untilMs: number): Promise<void> {
    this.known(userId).mutedUntil = untilMs;
  }

  async unmute(_chat: ChatRef, userId: string): Promise<void> {
    this.known(userId).mutedUntil = undefined;
  }

  async kick(_chat: ChatRef, userId: string): Promise<void> {
    const m = this.known(userId);
    m.present = false;
    m.mutedUntil = undefined;
  }

  async ban(_chat: ChatRef, userId: string, untilMs?: number): Promise<void> {
    const m = this.known(userId);
    m.present = false;
    m.bannedUntil = untilMs ?? Number.POSITIVE_INFINITY;
  }

  async unban(_chat: ChatRef, userId: string): Promise<void> {
    this.known(userId).bannedUntil = undefined;
  }

  private known(userId: string): Member {
    const m = this.members.get(userId);
    if (!m) throw new PlatformError(`no member ${userId} in the console chat`, true);
    return m;
  }

  private sender(m: Member) {
    return { id: m.id, displayName: m.name, isPlatformAdmin: m.admin };
  }

  private label(m: Member): string {
    return m.admin ? `${m.name}★` : m.name;
  }

  private async emit(event: ChatEvent): Promise<void> {
    await this.onEvent?.(event);
  }

  private print(line: string): void {
    this.out.write(`${line}\n`);
  }
}

function clock(at: number): string {
  if (!Number.isFinite(at)) return "forever";
  const d = new Date(at + 8 * 3_600_000);
  return `${d.toISOString().slice(5, 10)} ${d.toISOString().slice(11, 16)}`;
}
