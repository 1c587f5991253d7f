/**
 * The simulate transcript contract (design): one JSON object per input line
 * becomes a ChatEvent; one decision line goes out per input line.
 */

import { type BookingRequest, isComplete } from "../core/booking-request.js";
import { type ChatEvent, MESSAGE_KINDS, type MessageKind } from "../core/chat-event.js";
import type { Action } from "../core/decision.js";

const KINDS = ["message", "join", "leave", ...MESSAGE_KINDS] as const;
const PLATFORMS = ["telegram", "wechat"] as const;

export interface TranscriptLine {
  chat: string;
  user: string;
  name?: string;
  text: string;
  /** ISO 8601 time. */
  at: string;
  kind: (typeof KINDS)[number];
  admin: boolean;
  category?: string;
  platform: (typeof PLATFORMS)[number];
  reply_to?: number;
  mentions: string[];
  title?: string;
}

// The contract was first written as a zod schema; simulate checks every line
// of transcripts of hundreds of thousands, where zod cost more than the
// engine. This hand-written check keeps the schema's rules, key order and
// words ("chat: Too small: expected string to have >=1 characters"), so the
// error a user sees is the same.

const KIND_SET: ReadonlySet<string> = new Set(KINDS);
const PLATFORM_SET: ReadonlySet<string> = new Set(PLATFORMS);
const options = (values: readonly string[]) => values.map((v) => `"${v}"`).join("|");
const KIND_ERROR = `kind: Invalid option: expected one of ${options(KINDS)}`;
const PLATFORM_ERROR = `platform: Invalid option: expected one of ${options(PLATFORMS)}`;

/** The name zod gives a JSON value's type in "received …". */
function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

function invalid(path: string, expected: string, value: unknown): Error {
  return new Error(`${path}: Invalid input: expected ${expected}, received ${typeName(value)}`);
}

function str(data: Record<string, unknown>, key: string, optional: boolean): string | undefined {
  const value = data[key];
  if (typeof value === "string") return value;
  if (value === undefined && optional) return undefined;
  throw invalid(key, "string", value);
}

/** Parses one line; throws with a short reason when it breaks the contract. */
export function parseTranscriptLine(text: string): TranscriptLine {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error("not a JSON object");
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) throw invalid("line", "object", data);
  const d = data as Record<string, unknown>;
  const chat = str(d, "chat", false)!;
  if (chat.length < 1) throw new Error("chat: Too small: expected string to have >=1 characters");
  const user = str(d, "user", false)!;
  if (user.length < 1) throw new Error("user: Too small: expected string to have >=1 characters");
  const name = str(d, "name", true);
  const body = str(d, "text", true) ?? "";
  const at = str(d, "at", false)!;
  if (Number.isNaN(parseTime(at))) throw new Error("at: an ISO 8601 time");
  const kind = d.kind === undefined ? "message" : d.kind;
  if (typeof kind !== "string" || !KIND_SET.has(kind)) throw new Error(KIND_ERROR);
  const admin = d.admin === undefined ? false : d.admin;
  if (typeof admin !== "boolean") throw invalid("admin", "boolean", admin);
  const category = str(d, "category", true);
  const platform = d.platform === undefined ? "telegram" : d.platform;
  if (typeof platform !== "string" || !PLATFORM_SET.has(platform)) throw new Error(PLATFORM_ERROR);
  const replyTo = d.reply_to;
  if (replyTo !== undefined) checkIndex(replyTo);
  const mentions = d.mentions === undefined ? [] : d.mentions;
  if (!Array.isArray(mentions)) throw invalid("mentions", "array", mentions);
  for (let k = 0; k < mentions.length; k++) {
    if (typeof mentions[k] !== "string") throw invalid(`mentions.${k}`, "string", mentions[k]);
  }
  const title = str(d, "title", true);
  // Keys in the schema's order, absent optional ones left out, as zod gave them.
  const line = { chat, user } as TranscriptLine;
  if (name !== undefined) line.name = name;
  line.text = body;
  line.at = at;
  line.kind = kind as TranscriptLine["kind"];
  line.admin = admin;
  if (category !== undefined) line.category = category;
  line.platform = platform as TranscriptLine["platform"];
  if (replyTo !== undefined) line.reply_to = replyTo as number;
  line.mentions = mentions as string[];
  if (title !== undefined) line.title = title;
  return line;
}

/** `reply_to`: a non-negative safe integer, with zod's words and order of checks. */
function checkIndex(value: unknown): void {
  if (typeof value !== "number") throw invalid("reply_to", "number", value);
  if (!Number.isInteger(value)) throw invalid("reply_to", "int", value);
  if (value > Number.MAX_SAFE_INTEGER)
    throw new Error(`reply_to: Too big: expected int to be <=${Number.MAX_SAFE_INTEGER}`);
  if (value < Number.MIN_SAFE_INTEGER)
    throw new Error(`reply_to: Too small: expected int to be >=${Number.MIN_SAFE_INTEGER}`);
  if (value < 0) throw new Error("reply_to: Too small: expected number to be >=0");
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{3}))?(Z|[+-]\d{2}:\d{2})$/;
let lastTimeText: string | undefined;
let lastTime = Number.NaN;

/**
 * `Date.parse`, faster on the common shape ("2026-11-22T11:00:00+08:00",
 * "…00.000Z"): computed directly when every field is plainly in range (days up
 * to 28, so month lengths never matter), and Date.parse otherwise. The
 * result is kept for the next call: validating a line and making its event
 * parse the same text.
 */
export function parseTime(text: string): number {
  if (text !== lastTimeText) {
    lastTime = fastIso(text) ?? Date.parse(text);
    lastTimeText = text;
  }
  return lastTime;
}

/** The common ISO shape with every field plainly valid; undefined leaves the rest to Date.parse. */
function fastIso(text: string): number | undefined {
  const m = ISO.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  // Years below 1000 are left out: Date.UTC reads 0–99 as 1900–1999.
  if (y < 1000 || mo < 1 || mo > 12 || d < 1 || d > 28 || h > 23 || mi > 59 || s > 59) return undefined;
  const zone = m[8]!;
  let offset = 0;
  if (zone !== "Z") {
    const zh = Number(zone.slice(1, 3));
    const zm = Number(zone.slice(4, 6));
    if (zh > 14 || zm > 59) return undefined;
    offset = (zone[0] === "-" ? -1 : 1) * (zh * 60 + zm);
  }
  return Date.UTC(y, mo - 1, d, h, mi, s, m[7] === undefined ? 0 : Number(m[7])) - offset * 60_000;
}

/** The event a transcript line stands for; `earlier` resolves `reply_to`. */
export function toEvent(
  l: TranscriptLine,
  index: number,
  earlier: (i: number) => Pick<TranscriptLine, "user" | "name"> | undefined,
): ChatEvent {
  // Object literals written out rather than spread from a shared base: one shape per event type,
  // which the engine's property reads stay fast on.
  const chat = { platform: l.platform, id: l.chat, title: l.title };
  const sender = { id: l.user, displayName: l.name ?? l.user, isPlatformAdmin: l.admin };
  const at = parseTime(l.at);
  if (l.kind === "join" || l.kind === "leave")
    return { chat, sender, at, category: l.category, type: l.kind };
  const target = l.reply_to === undefined || l.reply_to >= index ? undefined : earlier(l.reply_to);
  return {
    chat,
    sender,
    at,
    category: l.category,
    type: "message",
    messageId: String(index),
    text: l.text,
    kind: (l.kind === "message" ? "text" : l.kind) as MessageKind,
    mentions: l.mentions,
    replyTo:
      target && l.reply_to !== undefined
        ? { messageId: String(l.reply_to), senderId: target.user, senderName: target.name }
        : undefined,
  };
}

/** An action as the contract prints it: fixed key order, internal fields (message ids) left out. */
export function actionJson(a: Action): Record<string, unknown> {
  const out: Record<string, unknown> = { type: a.type };
  if (a.rule !== undefined) out.rule = a.rule;
  if (a.faq !== undefined) out.faq = a.faq;
  if (a.command !== undefined) out.command = a.command;
  if (a.user !== undefined && a.type !== "reply" && a.type !== "delete" && a.type !== "notify")
    out.user = a.user;
  if (a.type === "warn" || a.type === "unwarn") out.count = a.count;
  if (a.type === "mute" || (a.type === "ban" && a.seconds !== undefined)) out.seconds = a.seconds;
  if (a.type === "reply" || a.type === "notify") out.text = a.text;
  // Added after the contract's first fields, which keep their order and meaning.
  if (a.ticket !== undefined) out.ticket = a.ticket;
  if (a.type === "reply" && a.pointer) out.pointer = true;
  // Why a rule sanctioned: the signals that held (with weights), the classifier's score, a learned sample.
  if (a.explanation) {
    out.signals = a.explanation.signals;
    if (a.explanation.classifier) out.classifier = a.explanation.classifier;
    if (a.explanation.learned) out.learned = a.explanation.learned;
  }
  return out;
}

/** A booking request as simulate prints it: what was read, what is missing or unusable. */
export function bookingJson(b: BookingRequest): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (b.date !== undefined) out.date = b.date;
  if (b.time !== undefined) out.time = b.time;
  if (b.party !== undefined) out.party = b.party;
  if (b.name !== undefined) out.name = b.name;
  if (b.phone !== undefined) out.phone = b.phone;
  out.missing = b.missing;
  if (b.problems.length > 0) out.problems = b.problems;
  out.complete = isComplete(b);
  return out;
}
