/**
 * The simulate transcript contract (design): one JSON object per input line
 * becomes a ChatEvent; one decision line goes out per input line.
 */
import { z } from "zod";
import { type ChatEvent, MESSAGE_KINDS, type MessageKind } from "../core/chat-event.js";
import type { Action } from "../core/decision.js";

const line = z.object({
  chat: z.string().min(1),
  user: z.string().min(1),
  name: z.string().optional(),
  text: z.string().default(""),
  at: z.string().refine((s) => !Number.isNaN(Date.parse(s)), "an ISO 8601 time"),
  kind: z.enum(["message", "join", "leave", ...MESSAGE_KINDS]).default("message"),
  admin: z.boolean().default(false),
  category: z.string().optional(),
  platform: z.enum(["telegram", "wechat"]).default("telegram"),
  reply_to: z.number().int().nonnegative().optional(),
  mentions: z.array(z.string()).default([]),
  title: z.string().optional(),
});

export type TranscriptLine = z.output<typeof line>;

/** Parses one line; throws with a short reason when it breaks the contract. */
export function parseTranscriptLine(text: string): TranscriptLine {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error("not a JSON object");
  }
  const parsed = line.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${issue.path.join(".") || "line"}: ${issue.message}`);
  }
  return parsed.data;
}

/** The event a transcript line stands for; `earlier` resolves `reply_to`. */
export function toEvent(
  l: TranscriptLine,
  index: number,
  earlier: (i: number) => TranscriptLine | undefined,
): ChatEvent {
  const base = {
    chat: { platform: l.platform, id: l.chat, title: l.title },
    sender: { id: l.user, displayName: l.name ?? l.user, isPlatformAdmin: l.admin },
    at: Date.parse(l.at),
    category: l.category,
  };
  if (l.kind === "join" || l.kind === "leave") return { ...base, type: l.kind };
  const target = l.reply_to === undefined || l.reply_to >= index ? undefined : earlier(l.reply_to);
  return {
    ...base,
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
  return out;
}
