/**
 * What the engine decides about one event: ordered actions, each naming the
 * rule, FAQ or command that caused it. The dispatcher carries them out.
 */
import type { BookingRequest } from "./booking-request.js";

export type ActionType =
  | "reply"
  | "delete"
  | "warn"
  | "unwarn"
  | "mute"
  | "unmute"
  | "kick"
  | "ban"
  | "unban"
  | "notify";

/** One piece of evidence that held when a rule matched, with the weight the rule gives it. */
export interface Signal {
  name: string;
  weight: number;
}

/**
 * Why a rule sanctioned: the signals that held, the spam classifier's opinion when it was asked,
 * and the admin's sample the text was near when a learned sample decided. Recorded in the audit
 * log, shown by `/why`, printed by `qunguan simulate`.
 */
export interface Explanation {
  signals: Signal[];
  /** The classifier's probability that the text is spam (not ordinary), and the kind it leans to. */
  classifier?: { score: number; kind: string };
  /** The learned sample (its id) the text was found near, and how near (0–1). */
  learned?: { sample: number; similarity: number; label: "spam" | "ham" };
}

interface ActionBase {
  /** Why the rule fired (sanctions of moderation rules; absent on commands and answers). */
  explanation?: Explanation;
  /** Moderation rule id that caused the action. */
  rule?: string;
  /** FAQ id, for a reply that answers an FAQ. */
  faq?: string;
  /** Slash command that caused the action. */
  command?: string;
  /** The member the action is about. */
  user?: string;
  /** The desk ticket (complaint or booking) the action is about. */
  ticket?: number;
}

export interface ReplyAction extends ActionBase {
  type: "reply";
  text: string;
  /**
   * A brief pointer to the answer of `faq` given moments ago (within its cooldown), not the answer
   * itself: sent as a reply to that answer where the platform can, mentioning the member.
   */
  pointer?: true;
}
export interface DeleteAction extends ActionBase {
  type: "delete";
  user: string;
  messageId: string;
}
export interface WarnAction extends ActionBase {
  type: "warn";
  user: string;
  /** Active warnings after this one. */
  count: number;
  reason?: string;
}
export interface UnwarnAction extends ActionBase {
  type: "unwarn";
  user: string;
  /** Active warnings after it. */
  count: number;
  /** Every warning revoked (`/resetwarns`), not only the latest. */
  all?: boolean;
}
export interface MuteAction extends ActionBase {
  type: "mute";
  user: string;
  seconds: number;
  reason?: string;
}
export interface UnmuteAction extends ActionBase {
  type: "unmute";
  user: string;
}
export interface KickAction extends ActionBase {
  type: "kick";
  user: string;
  reason?: string;
}
export interface BanAction extends ActionBase {
  type: "ban";
  user: string;
  /** Omitted for a permanent ban. */
  seconds?: number;
  reason?: string;
}
export interface UnbanAction extends ActionBase {
  type: "unban";
  user: string;
}
export interface NotifyAction extends ActionBase {
  type: "notify";
  /** A short note for the chat's admins. */
  text: string;
}

export type Action =
  | ReplyAction
  | DeleteAction
  | WarnAction
  | UnwarnAction
  | MuteAction
  | UnmuteAction
  | KickAction
  | BanAction
  | UnbanAction
  | NotifyAction;

export interface Decision {
  /** Actions to carry out, in order. */
  actions: Action[];
  /** Actions of rules in `dry_run` (shadow) mode: logged, never carried out. */
  shadow: Action[];
  /** The category the event was judged under. */
  category: string;
  /**
   * Raid mode: carry the actions out without a notice per member (a raid would make the bot post
   * one per raider); the summary reply, when there is one, says what is going on.
   */
  quiet?: true;
  /** The message asks for a table: what it asks (the booking desk answers it and hands it to staff). */
  booking?: BookingRequest;
}

export const SANCTION_TYPES: ReadonlySet<ActionType> = new Set(["delete", "warn", "mute", "kick", "ban"]);

/** Puts `explanation` on the sanctions among `actions` (replies and notes need none); returns them. */
export function explained(actions: Action[], explanation: Explanation | undefined): Action[] {
  if (explanation === undefined) return actions;
  for (const a of actions) if (a.type !== "reply" && a.type !== "notify") a.explanation = explanation;
  return actions;
}
