/**
 * WeChat groups (rooms) through Wechaty and a puppet service (gRPC).
 *
 * In: room messages, joins and leaves become ChatEvents; the room topic is the
 * chat title, kept current on room-topic, so title bindings (优惠群, 订座群…)
 * follow a rename. Private messages to the bot are passed on only when they
 * are commands. The bot's own messages never come back in.
 *
 * Out: WeChat has no mute and cannot delete other people's messages, so the
 * capabilities say so and the dispatcher degrades (soft mute, recall notice).
 * Kicking needs the bot to own or administer the room: checked first, and a
 * refusal is a permanent PlatformError plus a note to the room's owner, never
 * a retry. Every send goes through one pacer per account (see pacing.ts).
 *
 * The puppet is injected, so tests pass a PuppetService pointed at a loopback
 * PuppetServer, or any other puppet.
 */

import {
  qrcodeValueToImageUrl,
  ScanStatus,
  types,
  type Wechaty,
  WechatyBuilder,
  type WechatyOptions,
} from "wechaty";
import type { ContactInterface, MessageInterface, RoomInterface } from "wechaty/impls";
import { PuppetService } from "wechaty-puppet-service";
import type { AdapterNotices, ChatAdapter, SendOptions } from "../src/core/adapter.js";
import { PlatformError } from "../src/core/adapter.js";
import type { Capabilities } from "../src/core/capabilities.js";
import type { ChatEvent, ChatRef, MessageKind, Sender } from "../src/core/chat-event.js";
import type { Logger } from "../src/log/logger.js";
import { safeName } from "../src/words/templates.js";
import { cardText } from "./wechat/card-text.js";
import { messageKind } from "./wechat/message-kind.js";
import { type PacerClock, type PacingOptions, REAL_CLOCK, SendPacer } from "./wechat/pacing.js";
import { type BackoffOptions, backoffDelay, isConnectionLoss } from "./wechat/reconnect.js";

export type PuppetInterface = Exclude<NonNullable<WechatyOptions["puppet"]>, string>;

/** Private chats get their own id space, so a contact id can never collide with a room id. */
const DM_PREFIX = "dm:";

export interface WechatAdapterOptions {
  /** @defaultValue a PuppetService configured from Wechaty's own environment variables */
  puppet?: PuppetInterface;
  logger?: Logger;
  pacing?: PacingOptions;
  /** Reconnection backoff after the puppet service drops. */
  reconnect?: BackoffOptions;
  /** Wechaty instance name (shows in Wechaty's own logs). @defaultValue "qunguan" */
  name?: string;
  /**
   * What the bot tells the room's owner when it may not remove a member; false for silence.
   * @defaultValue a short note in Chinese mentioning the owner
   */
  kickRefusedNotice?: false | ((memberName: string) => string);
  /** Where the login QR code is drawn. @defaultValue stderr when it is a terminal, else only the URL is logged */
  qrOutput?: NodeJS.WritableStream;
  /** Pacing's clock (tests pass a fake one). */
  clock?: PacerClock;
  random?: () => number;
}

const KICK_NOTICE_EVERY_MS = 3_600_000;

const DEFAULT_KICK_REFUSED = (name: string) =>
  `群管不是本群的群主或管理员，无法把 ${name} 移出群聊，请群主处理（或把群管设为群管理员）。`;

export class WechatAdapter implements ChatAdapter {
  readonly platform = "wechat" as const;
  readonly capabilities: Capabilities;
  readonly puppet: PuppetInterface;
  readonly bot: Wechaty;
  readonly pacer: SendPacer;
  /** How many times the connection to the puppet service was re-established. */
  reconnects = 0;
  private onEvent: ((event: ChatEvent) => Promise<void>) | undefined;
  /** Topics from room-topic events, newer than any cached room payload. */
  private readonly topics = new Map<string, string>();
  /** One chain per chat: a room's events are handled in order, rooms do not wait for each other. */
  private readonly chains = new Map<string, Promise<void>>();
  /** Hands messages to their chains in arrival order. */
  private routing: Promise<void> = Promise.resolve();
  private readonly abort = new AbortController();
  private reconnecting: Promise<void> | undefined;
  private stopping = false;
  /** When the owner was last told about a member the bot may not remove (room + member → ms). */
  private readonly kickNotices = new Map<string, number>();
  /** The bot's words for what this adapter posts by itself (set by the bot at start). */
  private notices: AdapterNotices | undefined;

  constructor(private readonly options: WechatAdapterOptions = {}) {
    this.puppet = options.puppet ?? new PuppetService();
    this.bot = WechatyBuilder.build({ puppet: this.puppet, name: options.name ?? "qunguan" });
    this.pacer = new SendPacer(options.pacing, options.clock ?? REAL_CLOCK, options.random);
    const [replyMin] = this.pacer.options.replyGapMs;
    // At most one message per reply gap for the whole account, whatever the room.
    const rate = replyMin > 0 ? 1000 / replyMin : 100;
    this.capabilities = {
      canDelete: false,
      canMute: false,
      canKick: true,
      canBan: false,
      canPin: false,
      maxTextLength: 2000,
      sendRatePerChat: rate,
      sendRateGlobal: rate,
    };
  }

  /** Logged in and not reconnecting. */
  get loggedIn(): boolean {
    return this.reconnecting === undefined && this.bot.isLoggedIn;
  }

  async start(onEvent: (event: ChatEvent) => Promise<void>): Promise<void> {
    this.onEvent = onEvent;
    const bot = this.bot;
    bot.on("scan", (qrcode, status) => this.onScan(qrcode, status));
    bot.on("login", (user) =>
      this.log("info", { what: "login", user: user.id }, `logged in as ${user.name()}`),
    );
    bot.on("logout", (user) => this.log("warn", { what: "logout", user: user.id }, "logged out"));
    bot.on("error", (error) => this.onError(error));
    // Raw puppet events arrive in stream order; Wechaty's own "message" event comes after an
    // async payload load and can overtake an earlier message. Loads start at once, in parallel,
    // but messages are routed to their room's chain in the order they arrived.
    this.puppet.on("message", ({ messageId }) => {
      if (this.stopping) return;
      const loading = bot.Message.find({ id: messageId });
      this.routing = this.routing.then(async () => {
        const message = await loading.catch((error: unknown) => {
          this.log("warn", { what: "message", err: error }, "could not load a message");
          return undefined;
        });
        if (!message) return;
        const room = message.room();
        this.enqueue(room ? room.id : DM_PREFIX + message.talker().id, () => this.onMessage(message));
      });
    });
    bot.on("room-join", (room, invitees, _inviter, date) =>
      this.enqueue(room.id, () => this.onMembers("join", room, invitees, date)),
    );
    bot.on("room-leave", (room, leavers, _remover, date) =>
      this.enqueue(room.id, () => this.onMembers("leave", room, leavers, date)),
    );
    // The raw puppet event, not Wechaty's: Wechaty re-syncs the room first, and an event
    // handled meanwhile would still see the old topic and the old category.
    this.puppet.on("room-topic", (payload) => {
      this.topics.set(payload.roomId, payload.newTopic);
      this.log("info", { what: "topic", chat: payload.roomId, topic: payload.newTopic }, "room renamed");
    });
    // Wechaty reports a failed puppet start as an error event (handled there), never a rejection.
    await bot.start();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.abort.abort();
    this.pacer.stop();
    await this.routing;
    await Promise.allSettled([...this.chains.values()]);
    await this.reconnecting;
    await this.bot.stop().catch((error) => this.log("warn", { what: "stop", err: error }, "stop failed"));
  }

  useNotices(notices: AdapterNotices): void {
    this.notices = notices;
  }

  async sendText(chat: ChatRef, text: string, options: SendOptions = {}): Promise<string | undefined> {
    // A reply or a notice about a member's message is part of a conversation; anything else is a push.
    const priority = options.replyTo !== undefined || options.mention !== undefined ? "reply" : "bulk";
    let first: string | undefined;
    for (const [i, part] of splitText(text, this.capabilities.maxTextLength).entries()) {
      const id = await this.pacer.run(priority, () => {
        if (i === 0) options.onSending?.();
        return this.say(chat, part, i === 0 ? options.mention : undefined);
      });
      first ??= id;
    }
    return first;
  }

  /** Sets the room announcement (群公告), where the puppet supports it. */
  async announce(chat: ChatRef, text: string): Promise<void> {
    const room = await this.room(chat);
    await this.pacer.run("bulk", () =>
      room.announce(text).catch((error: unknown) => {
        throw this.platformError("announcement refused", error, true);
      }),
    );
  }

  async deleteMessage(): Promise<void> {
    throw new PlatformError("WeChat does not let a bot delete other members' messages", true);
  }

  async mute(): Promise<void> {
    throw new PlatformError("WeChat groups have no mute", true);
  }

  async unmute(): Promise<void> {
    throw new PlatformError("WeChat groups have no mute", true);
  }

  async ban(): Promise<void> {
    throw new PlatformError("WeChat groups have no ban: kick instead", true);
  }

  async unban(): Promise<void> {
    throw new PlatformError("WeChat groups have no ban", true);
  }

  async kick(chat: ChatRef, userId: string): Promise<void> {
    const room = await this.room(chat);
    const self = this.selfId();
    const contact = await this.bot.Contact.find({ id: userId });
    if (!contact || !(await room.has(contact))) {
      throw new PlatformError(`${userId} is not a member of room ${chat.id}`, true);
    }
    if (!isRoomAdmin(room, self)) {
      await this.reportKickRefused(room, contact);
      throw new PlatformError(
        "the bot is neither owner nor admin of this room: WeChat lets only them remove members",
        true,
      );
    }
    await this.pacer.run("reply", () =>
      room.remove(contact).catch((error: unknown) => {
        throw this.platformError("removing the member failed", error, false);
      }),
    );
  }

  // —— incoming ——

  private async onMessage(message: MessageInterface): Promise<void> {
    if (message.self()) return;
    const kind = messageKind(message.type());
    if (kind === "recalled") {
      // A member took a message back (often after the bot's recall notice): nothing to judge.
      this.log("debug", { what: "recalled", user: message.talker().id }, "message recalled");
      return;
    }
    const talker = message.talker();
    const at = message.date().getTime();
    const room = message.room();
    if (!room) {
      const text = message.text().trim();
      // Private chats carry admin commands; other private talk is not the bot's business.
      if (kind !== "text" || !text.startsWith("/") || talker.type() !== types.Contact.Individual) return;
      const sender: Sender = { id: talker.id, displayName: talker.name(), isPlatformAdmin: false };
      const chat: ChatRef = { platform: "wechat", id: DM_PREFIX + talker.id, title: talker.name() };
      return this.emit({
        type: "message",
        chat,
        sender,
        at,
        messageId: message.id,
        text,
        kind,
        mentions: [],
      });
    }
    const self = this.bot.isLoggedIn ? this.bot.currentUser.id : undefined;
    const mentioned = (await message.mentionList()).map((c) => c.id);
    const text = await this.textOf(message, kind, room, mentioned.includes(self ?? ""));
    await this.emit({
      type: "message",
      chat: await this.chatRef(room),
      sender: await this.sender(room, talker),
      at,
      messageId: message.id,
      text,
      kind,
      // The bot itself is not a target: "@群管 /kick @阿强" is about 阿强.
      mentions: mentioned.filter((id) => id !== self),
    });
  }

  private async onMembers(
    type: "join" | "leave",
    room: RoomInterface,
    members: ContactInterface[],
    date: Date | undefined,
  ): Promise<void> {
    const self = this.bot.isLoggedIn ? this.bot.currentUser.id : undefined;
    const chat = await this.chatRef(room);
    for (const member of members) {
      if (member.id === self) {
        this.log(
          "warn",
          { what: type, chat: room.id },
          type === "join" ? "bot added to a room" : "bot removed",
        );
        continue;
      }
      const sender = await this.sender(room, member);
      await this.emit({ type, chat, sender, at: date?.getTime() ?? Date.now() });
    }
  }

  /** The text rules see: every field of a card (see card-text.ts), nothing for media. */
  private async textOf(
    message: MessageInterface,
    kind: MessageKind,
    room: RoomInterface,
    mentionsBot: boolean,
  ): Promise<string> {
    try {
      const card = await cardText(message, kind);
      if (card !== undefined) return card;
    } catch (error) {
      // A card whose payload the puppet cannot give is still judged by its kind.
      this.log("debug", { what: "card", kind, err: error }, "could not read a card");
      return "";
    }
    if (kind !== "text" && kind !== "other") return "";
    const text = message.text();
    if (!mentionsBot) return text;
    // "@群管 /rules" is a command and "@群管 几点开门？" a question: drop the leading @bot.
    const names = [
      this.bot.currentUser.name(),
      await room.alias(this.bot.currentUser).catch(() => undefined),
    ];
    for (const name of names) {
      if (name && text.startsWith(`@${name}`)) return text.slice(name.length + 1).replace(/^[\s\u2005]+/, "");
    }
    return text;
  }

  private async chatRef(room: RoomInterface): Promise<ChatRef> {
    const title = this.topics.get(room.id) ?? (await room.topic());
    return { platform: "wechat", id: room.id, title };
  }

  private async sender(room: RoomInterface, contact: ContactInterface): Promise<Sender> {
    // The group nickname (群昵称) is the name members see and type in "/kick 阿强".
    const alias = await room.alias(contact).catch(() => undefined);
    return {
      id: contact.id,
      displayName: alias || contact.name(),
      isPlatformAdmin: isRoomAdmin(room, contact.id),
    };
  }

  private enqueue(key: string, task: () => Promise<void>): void {
    if (this.stopping) return;
    const previous = this.chains.get(key) ?? Promise.resolve();
    const next = previous.then(task).catch((error: unknown) => {
      this.log("error", { what: "event", chat: key, err: error }, "event translation failed");
    });
    this.chains.set(key, next);
    void next.then(() => {
      if (this.chains.get(key) === next) this.chains.delete(key);
    });
  }

  private async emit(event: ChatEvent): Promise<void> {
    await this.onEvent?.(event);
  }

  // —— connection ——

  private async onScan(qrcode: string, status: ScanStatus): Promise<void> {
    if (status !== ScanStatus.Waiting && status !== ScanStatus.Timeout) {
      this.log("info", { what: "scan", status: ScanStatus[status] }, "login in progress");
      return;
    }
    const url = qrcodeValueToImageUrl(qrcode);
    this.log(
      "warn",
      { what: "scan", status: ScanStatus[status], url },
      "scan the QR code with WeChat to log in",
    );
    const out = this.options.qrOutput ?? (process.stderr.isTTY ? process.stderr : undefined);
    if (!out) return;
    try {
      // qrcode comes with Wechaty's file-box; without it the URL above is enough.
      const module = "qrcode";
      const qr = (await import(module)) as { toString(text: string, o: object): Promise<string> };
      out.write(`${await qr.toString(qrcode, { type: "terminal", small: true })}\n`);
    } catch {
      out.write(`Scan to log in: ${url}\n`);
    }
  }

  private onError(error: Error): void {
    if (this.stopping) return;
    if (isConnectionLoss(error)) {
      void this.reconnect(error.message);
      return;
    }
    this.log("warn", { what: "error", err: error }, "wechaty error");
  }

  /**
   * Restarts the puppet until the service answers, with backoff. Wechaty keeps its
   * listeners on the puppet, so events flow again once the stream is back; a service
   * that kept its WeChat session logs the bot back in by itself.
   */
  private reconnect(reason: string): Promise<void> {
    if (this.reconnecting || this.stopping) return this.reconnecting ?? Promise.resolve();
    this.log("warn", { what: "disconnected", reason }, "puppet service connection lost; reconnecting");
    this.reconnecting = (async () => {
      await this.puppet.stop().catch(() => {});
      for (let attempt = 0; !this.stopping; attempt++) {
        const delay = backoffDelay(attempt, this.options.reconnect, this.options.random);
        try {
          await (this.options.clock ?? REAL_CLOCK).sleep(delay, this.abort.signal);
          await this.puppet.start();
          this.reconnects++;
          this.log("info", { what: "reconnected", attempt }, "puppet service connection back");
          return;
        } catch (error) {
          if (this.stopping) return;
          this.log("warn", { what: "reconnect", attempt, err: error }, "reconnect attempt failed");
        }
      }
    })().finally(() => {
      this.reconnecting = undefined;
    });
    return this.reconnecting;
  }

  // —— outgoing helpers ——

  /** Sends one message; resolves to its id where the puppet reports one. */
  /** Sends one message; resolves to its id where the puppet reports one. */
  private async say(chat: ChatRef, text: string, mention: string | undefined): Promise<string | undefined> {
    try {
      if (chat.id.startsWith(DM_PREFIX)) {
        const contact = await this.bot.Contact.find({ id: chat.id.slice(DM_PREFIX.length) });
        if (!contact) throw new PlatformError(`no contact ${chat.id}`, true);
        return (await contact.say(text))?.id;
      }
      const room = await this.room(chat);
      const found = mention === undefined ? undefined : await this.bot.Contact.find({ id: mention });
      // Wechaty writes "@<room alias or name> " itself: only a name that reads as itself may be
      // written that way (not "所有人", not a line break or a 5,000-character name); the template
      // already names the member, cleaned.
      const target = found && mentionable((await room.alias(found)) || found.name()) ? found : undefined;
      return (await (target ? room.say(text, target) : room.say(text)))?.id;
    } catch (error) {
      throw this.platformError("sending failed", error, false);
    }
  }

  private async room(chat: ChatRef): Promise<RoomInterface> {
    if (chat.id.startsWith(DM_PREFIX)) throw new PlatformError("not a room: a private chat", true);
    const room = await this.bot.Room.find({ id: chat.id });
    if (room) return room;
    // Not logged in: the room may come back with the connection; logged in: the bot is not in it.
    throw new PlatformError(`room ${chat.id} not found`, this.bot.isLoggedIn);
  }

  private selfId(): string {
    if (!this.bot.isLoggedIn) throw new PlatformError("not logged in to WeChat", false);
    return this.bot.currentUser.id;
  }

  private async reportKickRefused(room: RoomInterface, contact: ContactInterface): Promise<void> {
    // With its title: the room's category (and so its language) may be bound by title.
    const title = await Promise.resolve(room.topic()).catch(() => undefined);
    const chat = { platform: "wechat" as const, id: room.id, title };
    const notice =
      this.options.kickRefusedNotice ??
      (this.notices ? (name: string) => this.notices!.kickRefused(chat, name) : DEFAULT_KICK_REFUSED);
    this.log(
      "warn",
      { what: "kick_refused", chat: room.id, user: contact.id },
      "bot may not remove members here",
    );
    // The ladder's last step repeats on every message of a soft-muted member: tell the owner once an hour, not each time.
    const key = `${room.id}\u0000${contact.id}`;
    const now = (this.options.clock ?? REAL_CLOCK).now();
    if (
      notice === false ||
      now - (this.kickNotices.get(key) ?? Number.NEGATIVE_INFINITY) < KICK_NOTICE_EVERY_MS
    )
      return;
    this.kickNotices.set(key, now);
    const name = (await room.alias(contact).catch(() => undefined)) || contact.name();
    await this.sendText(chat, notice(name), {
      mention: room.owner()?.id,
    }).catch((error) => this.log("warn", { what: "kick_refused", err: error }, "could not tell the owner"));
  }

  /** Wraps a puppet failure; a lost connection also starts reconnecting. */
  private platformError(what: string, error: unknown, permanent: boolean): unknown {
    if (error instanceof PlatformError) return error;
    if (isConnectionLoss(error)) {
      void this.reconnect((error as Error).message);
      return new PlatformError(`${what}: puppet service unreachable`, false, undefined, { cause: error });
    }
    // The pacer recognises WeChat's throttling answers on the original message.
    return new PlatformError(`${what}: ${(error as Error).message ?? error}`, permanent, undefined, {
      cause: error,
    });
  }

  private log(
    level: "debug" | "info" | "warn" | "error",
    fields: Record<string, unknown>,
    message: string,
  ): void {
    this.options.logger?.[level]({ event: "wechat", ...fields }, message);
  }
}

/** Owner or admin of the room: only they may remove members. Puppets that do not report admins give false. */
export function isRoomAdmin(room: RoomInterface, contactId: string): boolean {
  if (room.owner()?.id === contactId) return true;
  return room.payload?.adminIdList?.includes(contactId) ?? false;
}

/** Cuts text into messages WeChat accepts, at line ends where it can. */
export function splitText(text: string, max: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const cut = rest.lastIndexOf("\n", max);
    const at = cut > max / 2 ? cut : max;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at).replace(/^\n/, "");
  }
  parts.push(rest);
  return parts;
}

/** Whether a member's name can go into an @-mention as it is. */
function mentionable(name: string): boolean {
  return name === safeName(name) && !MENTION_ALL.test(name);
}

/** Names a reader would take for "everyone". */
const MENTION_ALL = /^(?:所有人|全体成员|全體成員|all|everyone|here)$/i;

function range(value: string | undefined): [number, number] | undefined {
  const m = value?.match(/^\s*(\d+)\s*(?:-\s*(\d+))?\s*$/);
  if (!m) return undefined;
  const min = Number(m[1]);
  const max = m[2] === undefined ? min : Number(m[2]);
  return max >= min ? [min, max] : undefined;
}

/**
 * The adapter `qunguan start` runs when WECHATY_PUPPET_SERVICE_TOKEN is set. Connection settings are
 * Wechaty's own variables (ENDPOINT, TLS_CA_CERT, TLS_SERVER_NAME, NO_TLS_INSECURE_CLIENT); pacing can be
 * tuned with QUNGUAN_WECHAT_REPLY_GAP_MS / QUNGUAN_WECHAT_BULK_GAP_MS ("1000-2000") and QUNGUAN_WECHAT_DAILY_CAP.
 */
export function wechatAdapterFromEnv(env: NodeJS.ProcessEnv, logger: Logger): WechatAdapter | undefined {
  const token = env.WECHATY_PUPPET_SERVICE_TOKEN;
  if (!token) return undefined;
  const puppet = new PuppetService({
    token,
    endpoint: env.WECHATY_PUPPET_SERVICE_ENDPOINT || undefined,
    authority: env.WECHATY_PUPPET_SERVICE_AUTHORITY || undefined,
    tls: {
      caCert: env.WECHATY_PUPPET_SERVICE_TLS_CA_CERT?.replace(/\\n/g, "\n") || undefined,
      serverName: env.WECHATY_PUPPET_SERVICE_TLS_SERVER_NAME || undefined,
      disable: env.WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT === "true" ? true : undefined,
    },
  });
  const pacing: PacingOptions = {};
  const reply = range(env.QUNGUAN_WECHAT_REPLY_GAP_MS);
  const bulk = range(env.QUNGUAN_WECHAT_BULK_GAP_MS);
  const cap = Number(env.QUNGUAN_WECHAT_DAILY_CAP);
  if (reply) pacing.replyGapMs = reply;
  if (bulk) pacing.bulkGapMs = bulk;
  if (Number.isInteger(cap) && cap > 0) pacing.dailyCap = cap;
  return new WechatAdapter({ puppet, logger, pacing });
}
