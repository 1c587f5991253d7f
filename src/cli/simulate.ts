/**
 * `qunguan simulate --rules DIR [--category NAME]`: a dry run over a JSONL
 * transcript on stdin, one decision line per input line on stdout. Hermetic
 * (no network, no Redis, memory only) and deterministic: time comes from the
 * input, so the same transcript always gives byte-identical output.
 */
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { CommandRouter } from "../commands/mod.js";
import { TicketDesk } from "../complaints/ticket-desk.js";
import type { BookingRequest } from "../core/booking-request.js";
import type { Action } from "../core/decision.js";
import { dbChat, openDatabase, rememberChat } from "../db/mod.js";
import { compileRules } from "../engine/compile.js";
import { Engine } from "../engine/engine.js";
import { AdminLearning } from "../learning/admin-learning.js";
import type { RulePack } from "../rules/mod.js";
import { actionJson, bookingJson, parseTranscriptLine, type TranscriptLine, toEvent } from "./transcript.js";

export interface SimulateOptions {
  pack: RulePack;
  /** Category for every line that names none (overrides bindings). */
  category?: string;
  input: Readable;
  output: Writable;
}

export async function runSimulate(options: SimulateOptions): Promise<void> {
  const engine = new Engine(compileRules(options.pack), undefined, {
    isBotAdmin: (chat, user, category) => commands.state.isBotAdmin(chat, category, user),
  });
  // Commands keep their state (bot admins, dry-run switches) in a private in-memory database: hermetic.
  const database = openDatabase(":memory:");
  // /spam and /notspam teach as in a chat, into the private database: later lines see what was taught.
  const learning = new AdminLearning(database, options.pack.learning);
  engine.setJudge(learning.model);
  // The complaint desk opens and answers tickets as in a chat; no timers (no Redis) and no staff chats.
  const desk = new TicketDesk({
    database,
    pack: () => options.pack,
    memory: engine.memory,
    isAdmin: (event, category) => commands.isAdmin(event, category),
    isDryRun: (chat) => commands.state.isDryRun(chat),
  });
  const commands = new CommandRouter({
    engine,
    database,
    pack: () => options.pack,
    desk: () => desk,
    learning: () => learning,
    reload: () => ({ ok: true, pack: options.pack }),
  });
  // What a later reply_to needs of each line (its sender), not the whole parsed line: a long
  // transcript would otherwise keep every message text alive to the end.
  const senders: (Pick<TranscriptLine, "user" | "name"> | undefined)[] = [];
  const reader = createInterface({ input: options.input, crlfDelay: Number.POSITIVE_INFINITY });
  let buffer = "";
  let i = 0;
  for await (const raw of reader) {
    const index = i++;
    if (raw.trim() === "") {
      senders.push(undefined);
      buffer += `{"i":${index},"actions":[],"error":"empty line"}\n`;
      continue;
    }
    let out: string;
    try {
      const line = parseTranscriptLine(raw);
      if (line.category === undefined && options.category !== undefined) line.category = options.category;
      senders.push({ user: line.user, name: line.name });
      const event = toEvent(line, index, (n) => senders[n]);
      // As the bot does: tickets and staff alerts name the group by the title its lines gave.
      rememberChat(database.db, dbChat(event.chat), event.chat.title, engine.categoryOf(event), event.at);
      const command = event.type === "message" ? commands.handle(event) : undefined;
      const decision = command ?? engine.decide(event);
      if (!command && event.type === "message") decision.actions.push(...desk.onMessage(event, decision));
      out = decisionJson(index, decision.actions, decision.shadow, decision.booking, decision.quiet);
    } catch (error) {
      senders.push(undefined);
      out = JSON.stringify({ i: index, actions: [], error: (error as Error).message });
    }
    buffer += `${out}\n`;
    if (buffer.length > 65_536) {
      if (!options.output.write(buffer)) await new Promise((r) => options.output.once("drain", r));
      buffer = "";
    }
  }
  if (buffer) options.output.write(buffer);
  database.close();
}

/** One output line. Most messages draw no action: that line is written without building objects. */
function decisionJson(
  index: number,
  actions: Action[],
  shadow: Action[],
  booking?: BookingRequest,
  quiet?: true,
): string {
  if (actions.length === 0 && shadow.length === 0 && !booking) return `{"i":${index},"actions":[]}`;
  const result: Record<string, unknown> = { i: index, actions: actions.map(actionJson) };
  // Raid mode: carried out without a notice per member.
  if (quiet) result.quiet = true;
  if (shadow.length > 0) result.shadow = shadow.map(actionJson);
  if (booking) result.booking = bookingJson(booking);
  return JSON.stringify(result);
}
