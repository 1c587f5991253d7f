/**
 * Telegram groups through grammY: long polling with @grammyjs/runner (updates
 * of one chat handled in order, chats concurrently), outgoing calls through
 * grammY's throttler (Telegram's send limits) and auto-retry (429 retry_after
 * honoured, network errors retried). Errors never escape: a missing right is
 * reported once to the group and the log and the bot degrades (no delete
 * right → a recall notice), a method the server lacks is reported and survived.
 */

import { createServer, type Server } from "node:http";
import { autoRetry } from "@grammyjs/auto-retry";
import { type RunnerHandle, run, sequentialize } from "@grammyjs/runner";
import { apiThrottler } from "@grammyjs/transformer-throttler";
import { Bot, type Context, GrammyError, HttpError, type Transformer, webhookCallback } from "grammy";
import type { ChatMember, ChatPermissions, Message, User } from "grammy/types";
import {
  type AdapterNotices,
  type ChatAdapter,
  PlatformError,
  type SendOptions,
} from "../src/core/adapter.js";
import type { Capabilities } from "../src/core/capabilities.js";
import type { ChatEvent, ChatRef, Sender } from "../src/core/chat-event.js";
import type { Logger } from "../src/log/logger.js";
import { AdminCache } from "./telegram/admin-cache.js";
import { ChatPacer } from "./telegram/chat-pacer.js";
import { MembershipDedup } from "./telegram/membership-dedup.js";
import { senderChatIdOf, senderChatOf } from "./telegram/sender-chat.js";
import { chatRefOf, displayName, toMessageEvent, Usernames } from "./telegram/translate.js";

export const TELEGRAM_CAPABILITIES: Capabilities = {
  canDelete: true,
  canMute: true,
  canKick: true,
  canBan: true,
  canPin: true,
  maxTextLength: 4096,
  sendRatePerChat: 1,
  sendRateGlobal: 30,
};

export interface TelegramAdapterOptions {
  token: string;
  /** Bot API base URL (self-hosted Bot API server, tests). @defaultValue https://api.telegram.org */
  apiRoot?: string;
  logger: Logger;
  /** Telegram's send limits (30/s overall, 20/min and 1/s per group); tests turn it off. @defaultValue true */
  throttle?: boolean;
  /** Retries of a failed call (429, 5xx, network) before it is reported. @defaultValue 3 */
  maxRetryAttempts?: number;
  /** Longest wait the bot accepts from a 429's retry_after; longer waits fail the call. @defaultValue 60 */
  maxRetryDelaySeconds?: number;
  /** Long-polling timeout of getUpdates. @defaultValue 30 */
  pollingTimeoutSeconds?: number;
  /** How long the list of a chat's admins is trusted. @defaultValue 5 minutes */
  adminCacheTtlMs?: number;
  /**
   * Webhook mode instead of long polling: Telegram posts updates to `url`; the bot listens on
   * `port` (and `host`) and accepts only requests carrying `secretToken`.
   */
  webhook?: { url: string; port: number; host?: string; secretToken: string };
}

/** Methods that post a message into a chat: the ones Telegram's message limits count. */
const POSTS = /^(?:send[A-Z]|copyMessages?$|forwardMessages?$)/;

function onlyForPosts(throttle: Transformer): Transformer {
  return (prev, method, payload, signal) =>
    POSTS.test(method) ? throttle(prev, method, payload, signal) : prev(method, payload, signal);
}

/** The rights the bot needs as a group admin, and what it cannot do without each. */
const NEEDED_RIGHTS = ["can_delete_messages", "can_restrict_members"] as const;
type Right = (typeof NEEDED_RIGHTS)[number];

/**
 * Telegram's limits on posted messages: about 30 a second for the account, one a second and 20 a
 * minute per group. The account's pace is grammY's throttler, innermost, so it is measured as
 * messages leave; its refill of 30 every second would let up to 60 through in a second that
 * straddles a refill, so a minimum gap of 40 ms keeps every sliding second under 30 (25 a second
 * sustained, with room for the network's jitter). The per-chat
 * pace is the ChatPacer around it (see there why not the throttler's own). Only posts are held
 * back: deleting spam, restricting a member or reading rights goes at once (a raid of ten ads in
 * one group is cleaned up together, not one a second); any 429 is honoured by auto-retry.
 */
const ACCOUNT_LIMITS = {
  global: { reservoir: 30, reservoirRefreshAmount: 30, reservoirRefreshInterval: 1000, minTime: 40 },
  group: {},
  out: {},
};

export class TelegramAdapter implements ChatAdapter {
  readonly platform = "telegram" as const;
  readonly capabilities = TELEGRAM_CAPABILITIES;
  readonly bot: Bot;
  private readonly admins: AdminCache;
  private readonly usernames = new Usernames();
  private readonly membership = new MembershipDedup();
  /** The bot's own rights per chat, from getChatMember on itself. */
  private readonly rights = new Map<string, Set<Right>>();
  /** The bot's words for what this adapter posts by itself; a bilingual fallback until the bot hands them over. */
  private notices: AdapterNotices | undefined;
  private readonly reported = new Set<string>();
  private readonly defaultPermissions = new Map<string, ChatPermissions>();
  private runner: RunnerHandle | undefined;
  private webhookServer: Server | undefined;
  /** The newest update handled, confirmed to the server on stop so a restart does not get it again. */
  private lastUpdateId = 0;
  private readonly log: Logger;
  /** Requests whose sender wants to know the moment they leave: payload → hook. */
  private readonly leaving = new WeakMap<object, () => void>();

  constructor(private readonly options: TelegramAdapterOptions) {
    if (!options.token) throw new Error("TELEGRAM_BOT_TOKEN is empty");
    this.log = options.logger;
    this.bot = new Bot(options.token, { client: options.apiRoot ? { apiRoot: options.apiRoot } : undefined });
    // Innermost, so it runs when a request really leaves, after the throttler's wait (SendOptions.onSending).
    this.bot.api.config.use((prev, method, payload, signal) => {
      const hook = this.leaving.get(payload);
      if (hook) {
        this.leaving.delete(payload);
        hook();
      }
      return prev(method, payload, signal);
    });
    // Throttle first, then retry what Telegram still refuses with a retry_after.
    if (options.throttle ?? true) {
      // Installed inner first: grammY runs the last installed transformer outermost.
      const chats = new ChatPacer();
      this.bot.api.config.use(onlyForPosts(apiThrottler(ACCOUNT_LIMITS)), (prev, method, payload, signal) =>
        POSTS.test(method) && "chat_id" in payload
          ? chats.run(String(payload.chat_id), () => prev(method, payload, signal))
          : prev(method, payload, signal),
      );
    }
    this.bot.api.config.use(
      autoRetry({
        maxRetryAttempts: options.maxRetryAttempts ?? 3,
        maxDelaySeconds: options.maxRetryDelaySeconds ?? 60,
      }),
    );
    this.admins = new AdminCache(this.bot.api, options.adminCacheTtlMs);
  }

  /** What the bot can do in this chat, given the rights it was granted there. */
  capabilitiesFor(chat: ChatRef): Capabilities {
    const rights = this.rights.get(chat.id);
    if (!rights) return this.capabilities;
    const restrict = rights.has("can_restrict_members");
    return {
      ...this.capabilities,
      canDelete: rights.has("can_delete_messages"),
      canMute: restrict,
      canKick: restrict,
      canBan: restrict,
    };
  }

  async start(onEvent: (event: ChatEvent) => Promise<void>): Promise<void> {
    await this.bot.init();
    const me = this.bot.botInfo;
    this.log.info({ event: "adapter", platform: "telegram", bot: me.username }, "telegram connected");
    this.bot.use(sequentialize((ctx: Context) => ctx.chat?.id.toString()));
    this.bot.use(async (ctx, next) => {
      await next();
      if (ctx.update.update_id > this.lastUpdateId) this.lastUpdateId = ctx.update.update_id;
    });
    this.bot.on(["message", "edited_message"], async (ctx) => {
      const m = ctx.msg;
      if (m.chat.type === "private") return;
      for (const event of await this.eventsOf(m, ctx.editedMessage !== undefined))
        if (this.membership.first(event)) await onEvent(event);
    });
    this.bot.on(["chat_member", "my_chat_member"], async (ctx) => {
      const update = ctx.chatMember ?? ctx.myChatMember;
      if (!update) return;
      const chatId = String(update.chat.id);
      this.admins.invalidate(chatId);
      if (update.new_chat_member.user.id === me.id) {
        this.rights.delete(chatId);
        return;
      }
      const joined = isIn(update.new_chat_member) && !isIn(update.old_chat_member);
      const left = !isIn(update.new_chat_member) && isIn(update.old_chat_member);
      if (!joined && !left) return;
      const user = update.new_chat_member.user;
      const adder = update.from;
      const event: ChatEvent = {
        type: joined ? "join" : "leave",
        chat: chatRefOf(update.chat as Message["chat"]),
        addedBy: joined && adder.id !== user.id ? await this.adderOf(chatId, adder) : undefined,
        sender: {
          id: String(user.id),
          displayName: displayName(user),
          username: user.username,
          isPlatformAdmin: false,
          isBot: user.is_bot,
        },
        at: update.date * 1000,
      };
      if (this.membership.first(event)) await onEvent(event);
    });
    this.bot.catch((err) => {
      this.log.error({ event: "error", platform: "telegram", err: err.error }, "update failed");
    });
    if (this.options.webhook) {
      await this.startWebhook(this.options.webhook);
      return;
    }
    this.runner = run(this.bot, {
      runner: {
        fetch: {
          timeout: this.options.pollingTimeoutSeconds ?? 30,
          allowed_updates: ["message", "edited_message", "chat_member", "my_chat_member"],
        },
        retryInterval: "exponential",
        silent: true,
      },
    });
  }

  /** Webhook mode: Telegram posts updates here; a request without the secret token is refused (401). */
  private async startWebhook(webhook: NonNullable<TelegramAdapterOptions["webhook"]>): Promise<void> {
    const handle = webhookCallback(this.bot, "http", {
      secretToken: webhook.secretToken,
      onTimeout: "return",
    });
    this.webhookServer = createServer((req, res) => {
      handle(req, res).catch((error: unknown) => {
        this.log.error({ event: "error", platform: "telegram", err: error }, "webhook update failed");
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
    const server = this.webhookServer;
    await new Promise<void>((resolve) => server.listen(webhook.port, webhook.host ?? "0.0.0.0", resolve));
    await this.bot.api.setWebhook(webhook.url, {
      secret_token: webhook.secretToken,
      allowed_updates: ["message", "edited_message", "chat_member", "my_chat_member"],
    });
    this.log.info({ event: "adapter", platform: "telegram", mode: "webhook" }, "telegram webhook set");
  }

  /** The port the webhook server listens on (tests ask for port 0). */
  get webhookPort(): number | undefined {
    const address = this.webhookServer?.address();
    return typeof address === "object" && address ? address.port : undefined;
  }

  /** Stops polling; resolves once the updates in flight are handled (none lost, none twice). */
  async stop(): Promise<void> {
    if (this.webhookServer) {
      const server = this.webhookServer;
      this.webhookServer = undefined;
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    if (!this.runner?.isRunning()) return;
    await this.runner.stop();
    // The runner confirms an offset only with its next getUpdates: confirm what was handled now.
    if (this.lastUpdateId > 0) {
      await this.bot.api
        .getUpdates({ offset: this.lastUpdateId + 1, limit: 1, timeout: 0 })
        .catch((error) => {
          this.log.warn(
            { event: "platform", platform: "telegram", err: error },
            "could not confirm handled updates",
          );
        });
    }
  }

  private async eventsOf(m: Message, edited: boolean): Promise<ChatEvent[]> {
    const me = this.bot.botInfo;
    const chat = chatRefOf(m.chat);
    await this.checkRights(chat);
    if (m.new_chat_members) {
      const from = m.from;
      // A member who joined by themselves (a link) is its own `from`: nobody added them.
      const adder =
        from && !m.new_chat_members.some((u) => u.id === from.id)
          ? await this.adderOf(chat.id, from)
          : undefined;
      return m.new_chat_members
        .filter((u) => u.id !== me.id)
        .map((u) => ({
          addedBy: adder,
          type: "join" as const,
          chat,
          sender: {
            id: String(u.id),
            displayName: displayName(u),
            username: u.username,
            isPlatformAdmin: false,
            isBot: u.is_bot,
          },
          at: m.date * 1000,
        }));
    }
    if (m.left_chat_member) {
      const u = m.left_chat_member;
      return [
        {
          type: "leave",
          chat,
          sender: { id: String(u.id), displayName: displayName(u), isPlatformAdmin: false },
          at: m.date * 1000,
        },
      ];
    }
    const from = m.from;
    if (!from || from.id === me.id) return [];
    // The group's own linked channel, copied in by Telegram (from 777000): the merchant's posts, not a member's.
    if (m.is_automatic_forward) return [];
    this.usernames.note(from);
    this.usernames.note(m.reply_to_message?.from);
    let text: string | undefined;
    const command = /^\/([A-Za-z0-9_]+)@([A-Za-z0-9_]+)/.exec(m.text ?? "");
    if (command) {
      // "/warn@other_bot" is for another bot in the group; "/warn@us" is ours, without the suffix.
      if (command[2]!.toLowerCase() !== me.username.toLowerCase()) return [];
      text = `/${command[1]}${(m.text ?? "").slice(command[0].length)}`;
    }
    // A post made as a channel (or by an anonymous admin, as the group itself) comes from a shared
    // placeholder user (136817688, 1087968824): the sender that counts is the sender chat.
    const sender = m.sender_chat
      ? senderChatOf(m.sender_chat, m.chat.id)
      : {
          id: String(from.id),
          displayName: displayName(from),
          username: from.username,
          isPlatformAdmin: await this.isAdmin(chat.id, String(from.id)),
          isBot: from.is_bot,
        };
    return [toMessageEvent(m, sender, this.usernames, { edited, text })];
  }

  /** The member who added others, as the rules judge them (an admin may add bots). */
  private async adderOf(chatId: string, user: User): Promise<Sender> {
    return {
      id: String(user.id),
      displayName: displayName(user),
      username: user.username,
      isPlatformAdmin: await this.isAdmin(chatId, String(user.id)),
      isBot: user.is_bot,
    };
  }

  private async isAdmin(chatId: string, userId: string): Promise<boolean> {
    try {
      return await this.admins.isAdmin(chatId, userId);
    } catch (error) {
      this.reportOnce(
        `admins:${chatId}`,
        { chat: chatId, err: error },
        "cannot read the chat's admins; treating the sender as a member",
      );
      return false;
    }
  }

  /** Reads the bot's own rights in a chat once; a missing one is reported to the group's admins once. */
  private async checkRights(chat: ChatRef): Promise<void> {
    if (this.rights.has(chat.id)) return;
    let member: ChatMember;
    try {
      member = await this.bot.api.getChatMember(chat.id, this.bot.botInfo.id);
    } catch (error) {
      this.reportOnce(`rights:${chat.id}`, { chat: chat.id, err: error }, "cannot read the bot's own rights");
      return;
    }
    const granted = new Set<Right>();
    for (const right of NEEDED_RIGHTS) {
      if (member.status === "creator" || (member.status === "administrator" && member[right]))
        granted.add(right);
    }
    this.rights.set(chat.id, granted);
    const missing = NEEDED_RIGHTS.filter((r) => !granted.has(r));
    if (missing.length > 0) {
      this.log.warn(
        { event: "rights", platform: "telegram", chat: chat.id, missing },
        "the bot lacks admin rights",
      );
      const rights = missing.map((r): "delete" | "ban" => (r === "can_delete_messages" ? "delete" : "ban"));
      const text = this.notices?.missingRights(chat, rights) ?? bilingualMissingRights(missing);
      await this.bot.api.sendMessage(chat.id, text).catch(() => {});
    }
  }

  useNotices(notices: AdapterNotices): void {
    this.notices = notices;
  }

  async sendText(chat: ChatRef, text: string, options: SendOptions = {}): Promise<string | undefined> {
    const max = this.capabilities.maxTextLength;
    let first: string | undefined;
    for (let i = 0; i < text.length; i += max) {
      const part = text.slice(i, i + max);
      // No parse_mode: the bot's words and members' names go out as plain text, nothing to inject.
      const payload = {
        chat_id: chat.id,
        text: part,
        reply_parameters:
          options.replyTo && i === 0
            ? { message_id: Number(options.replyTo), allow_sending_without_reply: true }
            : undefined,
        link_preview_options: { is_disabled: true },
      };
      if (i === 0 && options.onSending) this.leaving.set(payload, options.onSending);
      const sent = await this.call("sendMessage", chat, () => this.bot.api.raw.sendMessage(payload));
      first ??= String(sent.message_id);
    }
    return first;
  }

  async deleteMessage(chat: ChatRef, messageId: string): Promise<void> {
    await this.call("deleteMessage", chat, () => this.bot.api.deleteMessage(chat.id, Number(messageId)));
  }

  /**
   * A sender chat (a channel) has no permissions to take away: its mute is a ban of the channel
   * (banChatSenderChat has no end time), and the timed lifting of the mute (unmute) unbans it.
   */
  async mute(chat: ChatRef, userId: string, untilMs: number): Promise<void> {
    const senderChat = senderChatIdOf(userId);
    if (senderChat !== undefined) return this.banSenderChat(chat, senderChat);
    await this.call("restrictChatMember", chat, () =>
      this.bot.api.restrictChatMember(chat.id, Number(userId), NO_PERMISSIONS, {
        until_date: Math.ceil(untilMs / 1000),
        use_independent_chat_permissions: false,
      }),
    );
  }

  /** Gives the member back the group's default permissions (not "everything": the group may restrict media). */
  async unmute(chat: ChatRef, userId: string): Promise<void> {
    const senderChat = senderChatIdOf(userId);
    if (senderChat !== undefined) return this.unbanSenderChat(chat, senderChat);
    let permissions = this.defaultPermissions.get(chat.id);
    if (!permissions) {
      const info = await this.call("getChat", chat, () => this.bot.api.getChat(chat.id));
      permissions = ("permissions" in info && info.permissions) || { can_send_messages: true };
      this.defaultPermissions.set(chat.id, permissions);
    }
    const granted = permissions;
    await this.call("restrictChatMember", chat, () =>
      this.bot.api.restrictChatMember(chat.id, Number(userId), granted, {
        use_independent_chat_permissions: false,
      }),
    );
  }

  /** Telegram has no kick: ban, then unban at once so the member may come back. */
  async kick(chat: ChatRef, userId: string): Promise<void> {
    // A channel is not a member to remove and let back: removing its posts for good is a ban.
    const senderChat = senderChatIdOf(userId);
    if (senderChat !== undefined) return this.banSenderChat(chat, senderChat);
    await this.call("banChatMember", chat, () => this.bot.api.banChatMember(chat.id, Number(userId)));
    await this.call("unbanChatMember", chat, () =>
      this.bot.api.unbanChatMember(chat.id, Number(userId), { only_if_banned: true }),
    );
  }

  async ban(chat: ChatRef, userId: string, untilMs?: number): Promise<void> {
    // A timed ban of a channel is lifted by the bot's own timer: Telegram's takes no end time.
    const senderChat = senderChatIdOf(userId);
    if (senderChat !== undefined) return this.banSenderChat(chat, senderChat);
    await this.call("banChatMember", chat, () =>
      this.bot.api.banChatMember(chat.id, Number(userId), {
        until_date: untilMs === undefined ? undefined : Math.ceil(untilMs / 1000),
      }),
    );
  }

  async unban(chat: ChatRef, userId: string): Promise<void> {
    const senderChat = senderChatIdOf(userId);
    if (senderChat !== undefined) return this.unbanSenderChat(chat, senderChat);
    await this.call("unbanChatMember", chat, () =>
      this.bot.api.unbanChatMember(chat.id, Number(userId), { only_if_banned: true }),
    );
  }

  private async banSenderChat(chat: ChatRef, senderChat: number): Promise<void> {
    await this.call("banChatSenderChat", chat, () => this.bot.api.banChatSenderChat(chat.id, senderChat));
  }

  private async unbanSenderChat(chat: ChatRef, senderChat: number): Promise<void> {
    await this.call("unbanChatSenderChat", chat, () => this.bot.api.unbanChatSenderChat(chat.id, senderChat));
  }

  /** One API call, its failure turned into a PlatformError that says whether retrying could help. */
  private async call<T>(method: string, chat: ChatRef, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (error instanceof GrammyError) {
        const rights = /not enough rights|CHAT_ADMIN_REQUIRED|have no rights|need administrator/i.test(
          error.description,
        );
        if (rights) {
          this.reportOnce(
            `${method}:${chat.id}`,
            { chat: chat.id, method },
            `the bot lacks the rights for ${method}`,
          );
        } else if (error.error_code === 404) {
          this.reportOnce(`404:${method}`, { method }, `the Bot API server does not support ${method}`);
        }
        const permanent = error.error_code !== 429 && error.error_code < 500;
        throw new PlatformError(
          `${method} failed: ${error.description}`,
          permanent,
          error.parameters.retry_after === undefined ? undefined : error.parameters.retry_after * 1000,
          {
            cause: error,
          },
        );
      }
      if (error instanceof HttpError) {
        throw new PlatformError(`${method} failed: network error`, false, undefined, { cause: error });
      }
      throw error;
    }
  }

  private reportOnce(key: string, fields: Record<string, unknown>, message: string): void {
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.log.warn({ event: "platform", platform: "telegram", ...fields }, message);
  }
}

const NO_PERMISSIONS: ChatPermissions = {
  can_send_messages: false,
  can_send_audios: false,
  can_send_documents: false,
  can_send_photos: false,
  can_send_videos: false,
  can_send_video_notes: false,
  can_send_voice_notes: false,
  can_send_polls: false,
  can_send_other_messages: false,
  can_add_web_page_previews: false,
};

function isIn(member: ChatMember): boolean {
  return (
    member.status === "member" ||
    member.status === "administrator" ||
    member.status === "creator" ||
    (member.status === "restricted" && member.is_member)
  );
}

/** The adapter `qunguan start` runs when TELEGRAM_BOT_TOKEN is set. */
export function telegramAdapterFromEnv(env: NodeJS.ProcessEnv, logger: Logger): TelegramAdapter | undefined {
  const token = env.TELEGRAM_BOT_TOKEN?.trim();
  if (!token) return undefined;
  const url = env.TELEGRAM_WEBHOOK_URL?.trim();
  const secretToken = env.TELEGRAM_WEBHOOK_SECRET?.trim();
  if (url && !secretToken)
    throw new Error("TELEGRAM_WEBHOOK_URL needs TELEGRAM_WEBHOOK_SECRET (1-256 of A-Z a-z 0-9 _ -)");
  const webhook =
    url && secretToken ? { url, secretToken, port: Number(env.TELEGRAM_WEBHOOK_PORT ?? 8443) } : undefined;
  return new TelegramAdapter({ token, apiRoot: env.TELEGRAM_API_ROOT || undefined, logger, webhook });
}

/** For an adapter used without the bot (no chat languages known): both languages. */
function bilingualMissingRights(missing: readonly Right[]): string {
  const what = missing
    .map((r) => (r === "can_delete_messages" ? "删除消息 / Delete messages" : "封禁成员 / Ban users"))
    .join("、");
  return `⚠️ 群管机器人缺少管理员权限：${what}。请群主在群管理员设置中授予，否则只能提醒、不能处理。`;
}
