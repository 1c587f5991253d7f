/**
 * A Bot API server on loopback that answers like Telegram does, for the real
 * grammY bot to talk to over HTTP: updates through long-polling getUpdates,
 * the methods the adapter calls, and faults on demand (429 with retry_after,
 * 400 "not enough rights", a dropped connection). Every call is recorded.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { TelegramAdapter, type TelegramAdapterOptions } from "../../adapters/telegram.js";
import type { Logger } from "../../src/log/logger.js";

export interface RecordedCall {
  method: string;
  params: Record<string, unknown>;
  /** What the fake answered: "ok", or the fault's kind. */
  answer: "ok" | "429" | "400" | "500" | "network";
  /** When the call arrived (epoch ms). */
  at?: number;
  /** What the fake answered with, for an accepted call (a sent message, with its message_id). */
  result?: unknown;
}

export type Fault =
  | { kind: "429"; retryAfter: number }
  | { kind: "400"; description: string }
  | { kind: "500" }
  | { kind: "network" };

interface Member {
  status: "creator" | "administrator" | "member" | "restricted" | "left" | "kicked";
  user: TgUser;
  rights?: Record<string, boolean>;
  until_date?: number;
}

export interface TgUser {
  id: number;
  is_bot: boolean;
  first_name: string;
  last_name?: string;
  username?: string;
}

export const BOT_USER: TgUser = {
  id: 7_000_000_001,
  is_bot: true,
  first_name: "群管",
  username: "qunguan_bot",
};

const FULL_RIGHTS = {
  can_manage_chat: true,
  can_delete_messages: true,
  can_restrict_members: true,
  can_invite_users: true,
  can_pin_messages: true,
  can_change_info: false,
  can_promote_members: false,
  can_manage_video_chats: false,
  is_anonymous: false,
  can_be_edited: false,
  can_post_stories: false,
  can_edit_stories: false,
  can_delete_stories: false,
};

export class FakeTelegram {
  readonly calls: RecordedCall[] = [];
  private readonly server: Server;
  readonly updates: { update_id: number; [k: string]: unknown }[] = [];
  private nextUpdateId = 1;
  private nextMessageId = 1000;
  private readonly waiters = new Set<() => void>();
  private readonly faults = new Map<string, Fault[]>();
  /** chat id → user id → member */
  private readonly members = new Map<number, Map<number, Member>>();
  readonly defaultPermissions = { can_send_messages: true, can_send_photos: true, can_invite_users: true };
  private readonly senderChatBans = new Map<number, Set<number>>();
  private readonly unknownMethods = new Set<string>();
  /**
   * Called with each call the fake accepts, once recorded and before it answers: a test can act at
   * the exact moment the platform has taken a message but the sender has not heard back.
   */
  onAccepted?: (call: RecordedCall) => void;
  /** The highest offset a getUpdates call confirmed: updates below it were delivered and acknowledged. */
  confirmedOffset = 0;

  private constructor(readonly token: string) {
    this.server = createServer((req, res) => void this.serve(req, res));
  }

  static async start(token = "123456:TEST-TOKEN-abcdefghijklmnopqrstuvwxyz"): Promise<FakeTelegram> {
    const fake = new FakeTelegram(token);
    await new Promise<void>((resolve) => fake.server.listen(0, "127.0.0.1", resolve));
    return fake;
  }

  get apiRoot(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const wake of this.waiters) wake();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Makes `method` fail, once per fault given, before it answers normally again. */
  fail(method: string, ...faults: Fault[]): void {
    this.faults.set(method, [...(this.faults.get(method) ?? []), ...faults]);
  }

  /** Methods this fake does not know, like an emulator that lacks some: they answer 404 as Telegram does. */
  withoutMethod(method: string): void {
    this.unknownMethods.add(method);
  }

  /** Sets a member's status (and the bot's rights when the member is the bot). */
  setMember(chatId: number, user: TgUser, status: Member["status"], rights?: Record<string, boolean>): void {
    let chat = this.members.get(chatId);
    if (!chat) {
      chat = new Map();
      this.members.set(chatId, chat);
    }
    chat.set(user.id, { status, user, rights });
  }

  /** Makes the bot an admin of the chat, with full rights unless some are taken away. */
  botIsAdmin(chatId: number, without: string[] = []): void {
    const rights = { ...FULL_RIGHTS } as Record<string, boolean>;
    for (const r of without) rights[r] = false;
    this.setMember(chatId, BOT_USER, "administrator", rights);
  }

  member(chatId: number, userId: number): Member | undefined {
    return this.members.get(chatId)?.get(userId);
  }

  /** Queues an update; a pending getUpdates returns at once. */
  push(update: Record<string, unknown>): number {
    const update_id = this.nextUpdateId++;
    this.updates.push({ update_id, ...update });
    for (const wake of this.waiters) wake();
    return update_id;
  }

  /** A group message update. */
  message(
    chat: { id: number; title?: string },
    from: TgUser,
    text: string,
    extra: Record<string, unknown> = {},
  ): number {
    if (!this.member(chat.id, from.id)) this.setMember(chat.id, from, "member");
    return this.push({
      message: {
        message_id: this.nextMessageId++,
        date: Math.floor(Date.now() / 1000),
        chat: { id: chat.id, type: "supergroup", title: chat.title ?? "香满楼优惠群" },
        from,
        text,
        ...extra,
      },
    });
  }

  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  sent(chatId?: number): string[] {
    return this.callsOf("sendMessage")
      .filter((c) => c.answer === "ok" && (chatId === undefined || Number(c.params.chat_id) === chatId))
      .map((c) => String(c.params.text));
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const m = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(req.url ?? "");
    const body = await readBody(req);
    if (!m || m[1] !== this.token)
      return reply(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    const method = m[2]!;
    const params = body ? (JSON.parse(body) as Record<string, unknown>) : {};
    if (this.unknownMethods.has(method)) {
      this.calls.push({ method, params, answer: "400" });
      return reply(res, 404, { ok: false, error_code: 404, description: "Not Found: method not found" });
    }
    const fault = this.faults.get(method)?.shift();
    if (fault) {
      this.calls.push({ method, params, answer: fault.kind });
      if (fault.kind === "network") {
        req.socket.destroy();
        return;
      }
      if (fault.kind === "429") {
        return reply(res, 429, {
          ok: false,
          error_code: 429,
          description: `Too Many Requests: retry after ${fault.retryAfter}`,
          parameters: { retry_after: fault.retryAfter },
        });
      }
      if (fault.kind === "500") {
        return reply(res, 500, { ok: false, error_code: 500, description: "Internal Server Error" });
      }
      return reply(res, 400, { ok: false, error_code: 400, description: fault.description });
    }
    let call: RecordedCall | undefined;
    if (method !== "getUpdates") {
      call = { method, params, answer: "ok", at: Date.now() };
      this.calls.push(call);
      this.onAccepted?.(call);
    }
    try {
      const result = await this.answer(method, params, res);
      if (call) call.result = result;
      if (result === undefined) return;
      reply(res, 200, { ok: true, result });
    } catch (error) {
      reply(res, 400, { ok: false, error_code: 400, description: (error as Error).message });
    }
  }

  private async answer(method: string, p: Record<string, unknown>, res: ServerResponse): Promise<unknown> {
    const chatId = Number(p.chat_id);
    const userId = Number(p.user_id);
    switch (method) {
      case "getMe":
        return {
          ...BOT_USER,
          can_join_groups: true,
          can_read_all_group_messages: true,
          supports_inline_queries: false,
        };
      case "deleteWebhook":
      case "setWebhook":
      case "setMyCommands":
        return true;
      case "getUpdates":
        return this.getUpdates(p, res);
      case "sendMessage":
        return {
          message_id: this.nextMessageId++,
          date: Math.floor(Date.now() / 1000),
          chat: { id: chatId, type: "supergroup" },
          from: BOT_USER,
          text: p.text,
        };
      case "deleteMessage":
        this.requireRight(chatId, "can_delete_messages");
        return true;
      case "restrictChatMember": {
        this.requireRight(chatId, "can_restrict_members");
        const member = this.member(chatId, userId);
        if (member) {
          member.status = "restricted";
          member.until_date = Number(p.until_date ?? 0);
          member.rights = p.permissions as Record<string, boolean>;
        }
        return true;
      }
      case "banChatMember": {
        this.requireRight(chatId, "can_restrict_members");
        const member = this.member(chatId, userId);
        if (member) {
          member.status = "kicked";
          member.until_date = Number(p.until_date ?? 0);
        }
        return true;
      }
      case "unbanChatMember": {
        this.requireRight(chatId, "can_restrict_members");
        const member = this.member(chatId, userId);
        if (member && member.status === "kicked") member.status = "left";
        return true;
      }
      case "banChatSenderChat":
        this.requireRight(chatId, "can_restrict_members");
        this.bannedSenderChats(chatId).add(Number(p.sender_chat_id));
        return true;
      case "unbanChatSenderChat":
        this.requireRight(chatId, "can_restrict_members");
        this.bannedSenderChats(chatId).delete(Number(p.sender_chat_id));
        return true;
      case "getChat":
        return {
          id: chatId,
          type: "supergroup",
          title: "香满楼优惠群",
          permissions: this.defaultPermissions,
        };
      case "getChatAdministrators":
        return [...(this.members.get(chatId)?.values() ?? [])]
          .filter((m) => m.status === "creator" || m.status === "administrator")
          .map((m) => ({
            status: m.status,
            user: m.user,
            ...(m.status === "administrator" ? m.rights : {}),
          }));
      case "getChatMember": {
        const m = this.member(chatId, userId) ?? {
          status: "left",
          user: { id: userId, is_bot: false, first_name: String(userId) },
        };
        return { status: m.status, user: m.user, ...(m.status === "administrator" ? m.rights : {}) };
      }
      default:
        throw new Error(`Bad Request: method ${method} is not supported by this fake`);
    }
  }

  /** The channels banned from posting in a chat (banChatSenderChat). */
  bannedSenderChats(chatId: number): Set<number> {
    let banned = this.senderChatBans.get(chatId);
    if (!banned) {
      banned = new Set();
      this.senderChatBans.set(chatId, banned);
    }
    return banned;
  }

  private requireRight(chatId: number, right: string): void {
    const bot = this.member(chatId, BOT_USER.id);
    if (bot?.status === "creator") return;
    if (bot?.status !== "administrator" || !bot.rights?.[right]) {
      throw new Error("Bad Request: not enough rights to restrict/unrestrict chat member");
    }
  }

  private async getUpdates(p: Record<string, unknown>, res: ServerResponse): Promise<unknown> {
    const offset = Number(p.offset ?? 0);
    if (offset > this.confirmedOffset) this.confirmedOffset = offset;
    const limit = Number(p.limit ?? 100);
    const timeoutMs = Math.min(Number(p.timeout ?? 0), 1) * 1000;
    const pending = () => this.updates.filter((u) => u.update_id >= offset).slice(0, limit);
    if (pending().length === 0 && timeoutMs > 0) {
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.waiters.delete(wake);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(wake, timeoutMs);
        this.waiters.add(wake);
        res.on("close", wake);
      });
    }
    if (res.destroyed) return undefined;
    return pending();
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => resolve(body));
    req.on("error", reject);
  });
}

function reply(res: ServerResponse, status: number, payload: unknown): void {
  if (res.destroyed) return;
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(payload));
}

/** The real Telegram adapter pointed at a fake: no throttling, short long-polls (tests and bench). */
export function adapterFor(
  fake: FakeTelegram,
  logger: Logger,
  extra: Partial<TelegramAdapterOptions> = {},
): TelegramAdapter {
  return new TelegramAdapter({
    token: fake.token,
    apiRoot: fake.apiRoot,
    logger,
    throttle: false,
    pollingTimeoutSeconds: 1,
    ...extra,
  });
}
