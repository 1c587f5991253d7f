/**
 * Routes slash commands: parses, checks the caller's rights in THIS chat
 * (platform admin, owner, bot admin of the chat or its category), runs the
 * command and returns its Decision. Refusals and unknown commands are
 * answered once per member per minute, then ignored, so nobody can make the
 * bot spam the group by repeating them.
 */
import type { TicketDesk } from "../complaints/ticket-desk.js";
import { chatKey, type MessageEvent } from "../core/chat-event.js";
import type { Action, Decision } from "../core/decision.js";
import type { Database } from "../db/mod.js";
import type { Engine } from "../engine/engine.js";
import type { AdminLearning } from "../learning/admin-learning.js";
import { RecentMessages } from "../learning/recent-messages.js";
import { maintenanceCommand } from "../maintenance/maintenance-command.js";
import type { LoadResult } from "../rules/load.js";
import type { RulePack } from "../rules/rule-pack.js";
import { timeZoneOf } from "../words/local-time.js";
import { inLocale } from "../words/localized.js";
import { ADMIN_COMMANDS } from "./admin-commands.js";
import {
  type Access,
  type CommandContext,
  type CommandSpec,
  type PromoControl,
  say,
} from "./command-context.js";
import { CommandState } from "./command-state.js";
import { INFO_COMMANDS } from "./info-commands.js";
import { learningCommands } from "./learning-commands.js";
import { MODERATION_COMMANDS } from "./moderation-commands.js";
import { OPS_COMMANDS } from "./ops-commands.js";
import { parseCommand } from "./parse-command.js";
import { PROMO_COMMANDS } from "./promo-commands.js";
import { TICKET_COMMANDS } from "./ticket-commands.js";

/** Between two refusals (or unknown-command hints) to the same member in a chat. @defaultValue 60 s */
export const REFUSAL_INTERVAL_MS = 60_000;

export interface CommandRouterOptions {
  engine: Engine;
  database: Database;
  pack: () => RulePack;
  reload: () => LoadResult;
  /** The promo queue of this process, for /promo send|pause|resume. */
  promos?: PromoControl;
  /** The bot's username: "/cmd@other_bot" is left to the other bot. */
  botUsername?: string;
  /** The complaint desk, for /ticket, /mytickets and /rate. */
  desk?: () => TicketDesk | undefined;
  /** What admins teach, for /spam and /notspam. */
  learning?: () => AdminLearning | undefined;
}

export class CommandRouter {
  readonly state: CommandState;
  /** Every chat's latest messages: what /spam learns and /report quotes. */
  readonly recent = new RecentMessages();
  private readonly specs = new Map<string, CommandSpec>();
  private readonly all: CommandSpec[];
  private readonly lastRefusal = new Map<string, number>();

  constructor(private readonly options: CommandRouterOptions) {
    this.state = new CommandState(options.database);
    const help: CommandSpec = {
      name: "help",
      aliases: ["start"],
      access: "anyone",
      usage: { "zh-CN": "/help 查看可用命令", en: "/help the commands you can use" },
      run: (ctx) => {
        const lines = this.all
          .filter((s) => this.allowed(s.access, ctx))
          .map((s) => inLocale(s.usage, ctx.locale));
        return [say(ctx, "help", { text: lines.join("\n") })];
      },
    };
    this.all = [
      help,
      ...INFO_COMMANDS,
      ...MODERATION_COMMANDS,
      ...ADMIN_COMMANDS,
      ...OPS_COMMANDS,
      ...PROMO_COMMANDS,
      maintenanceCommand,
      ...TICKET_COMMANDS,
      ...learningCommands(),
    ];
    for (const spec of this.all)
      for (const name of [spec.name, ...(spec.aliases ?? [])]) this.specs.set(name, spec);
  }

  /** Whether the member is an admin of this chat in any of the ways the permission model allows. */
  isAdmin(event: MessageEvent, category: string): boolean {
    return (
      this.options.engine.isAdmin(event, category) ||
      this.state.isBotAdmin(event.chat, category, event.sender.id)
    );
  }

  /** The decision for a slash command, or undefined when the message is not one (it goes to the engine). */
  handle(event: MessageEvent): Decision | undefined {
    this.recent.note(event);
    if (event.edited || event.caption) return undefined;
    const command = parseCommand(event.text);
    if (!command) return undefined;
    const engine = this.options.engine;
    const category = engine.categoryOf(event);
    const decision: Decision = { actions: [], shadow: [], category };
    if (
      command.addressee &&
      this.options.botUsername &&
      command.addressee !== this.options.botUsername.toLowerCase()
    ) {
      return decision;
    }
    // Commands count as seen messages too (member age, names for targeting).
    engine.memory.markSeen(chatKey(event.chat), event.sender.id, event.at);
    engine.memory.noteMember(
      chatKey(event.chat),
      event.sender.id,
      event.sender.displayName,
      event.sender.isPlatformAdmin,
    );
    const pack = this.options.pack();
    const platform = event.chat.platform;
    const desk = this.options.desk?.();
    const ctx: CommandContext = {
      event,
      command,
      chat: chatKey(event.chat),
      category,
      locale: pack.categories[category]?.locale ?? "zh-CN",
      timeZone: timeZoneOf(pack, category),
      pack,
      engine,
      state: this.state,
      database: this.options.database,
      caller: {
        id: event.sender.id,
        admin: this.isAdmin(event, category),
        owner: pack.admins.owners.some((o) => o.platform === platform && o.id === event.sender.id),
        staff: desk?.isDeskStaff(event) ?? false,
      },
      reload: this.options.reload,
      promos: this.options.promos,
      desk,
      learning: this.options.learning?.(),
      recent: this.recent,
    };
    const spec = this.specs.get(command.name);
    if (!spec) {
      decision.actions = this.limited(ctx, () => [say(ctx, "unknownCommand", { command: command.name })]);
      return decision;
    }
    if (!this.allowed(spec.access, ctx)) {
      decision.actions = this.limited(ctx, () => [say(ctx, "refused", { command: command.name })]);
      return decision;
    }
    decision.actions = spec.run(ctx).map((a) => ({ ...a, command: a.command ?? spec.name }));
    return decision;
  }

  private allowed(access: Access, ctx: CommandContext): boolean {
    if (access === "anyone") return true;
    if (access === "admin") return ctx.caller.admin;
    if (access === "owner") return ctx.caller.owner;
    if (access === "staff") return ctx.caller.admin || ctx.caller.staff === true;
    return ctx.caller.owner || (ctx.pack.admins.appoint === "admins" && ctx.caller.admin);
  }

  /** Answers at most once per member per interval; later attempts get silence. */
  private limited(ctx: CommandContext, answer: () => Action[]): Action[] {
    const key = `${ctx.chat}\u0000${ctx.caller.id}`;
    const last = this.lastRefusal.get(key);
    if (last !== undefined && ctx.event.at - last < REFUSAL_INTERVAL_MS) return [];
    this.lastRefusal.set(key, ctx.event.at);
    return answer();
  }
}
