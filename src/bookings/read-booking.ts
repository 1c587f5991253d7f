/**
 * Tells a booking request from chatter and reads it: "订位 12月5日 19:00 4人",
 * "预约 明天 18:30 2人", "訂位 12月5日 19:00 4位", "book a table for 4 on
 * Dec 5 at 7pm". Pure: the message, its time and the desk's settings in, a
 * BookingRequest (or undefined: not a booking) out.
 *
 * Precision first, like FAQ answers: a message is a request when it names a
 * booking and gives at least one field, or is a bare booking word ("订位",
 * "book a table") the bot itself asked customers to send. "我已经订好位了"
 * states and "怎么订位？" asks how (the FAQ answers that).
 */
import { BOOKING_FIELDS, type BookingProblem, type BookingRequest } from "../core/booking-request.js";
import { addDays, localDay, minuteOfDay, zonedInstant } from "../core/clock.js";
import { redactText } from "../engine/detectors/redact.js";
import { isQuestion } from "../engine/faq/question.js";
import { normalizePlain } from "../engine/text/normalize.js";
import { BookingText } from "./booking-text.js";
import { readDate } from "./read-date.js";
import { readParty } from "./read-party.js";
import { readTime, readTimeAt } from "./read-time.js";

/**
 * A booking request is a line or two: only this much of a message is read for one, so a megabyte
 * of text that happens to say 订位 costs what a short message does.
 */
export const MAX_BOOKING_CHARS = 1000;

export interface BookingReadOptions {
  /** The zone dates and times are read in. */
  timeZone: string;
  /** Largest party taken in the chat. */
  maxParty: number;
  /** How far ahead a booking may be, in days. */
  maxDaysAhead: number;
}

// Read on the normalised text, so 訂位 / 預約 / 預訂 arrive as 订位 / 预约 / 预订. 定位 alone is a
// map location ("发个定位"), not a table.
const ZH_BOOKING =
  /订位|订座|订桌|订台|订枱|订个位|订个座|订个桌|订一桌|订张桌|预约|预订|预定|留位|留个位|留座|留桌|定位子|定个位|定桌|定座|订个?(?:包间|包厢)|订个?[^\s，。,.!?？！]{0,3}桌/;
const EN_BOOKING = /\b(?:book(?:ing)?|reserv(?:e|ation))\b/;
// Done, changed, called off or merely talked about: for staff, or for nobody, not a new request.
const SETTLED =
  /已经|已订|订好|订过|订了|约好|约了|成功|幸好|幸亏|还好|有先|先订|不订|没订|取消|改期|改时间|退订|\balready\b|\bcancel|\bbooked\b|\breschedul/;
// What a bare request may hold besides the booking word: "我想订个位", "I'd like to book a table please".
const FILLER =
  /我们|我|想要|想|要|需要|请|帮我|帮忙|麻烦|你好|您好|老板|店家|一下|一张|个|桌子|桌|位子|位|谢谢|呀|啊|哈|的|吧|\b(?:please|pls|hi|hello|hey|i'?d|i|we'?d|we|would|like|want|to|can|could|a|an|one|table|make|thanks|thank|you)\b|[\s\p{P}\p{S}]/gu;
const ZH_NAME = /([\u4e00-\u9fff])\s*(先生|女士|小姐|太太)/u;
const SURNAME = /姓\s*([\u4e00-\u9fff])/u;
const LABELLED_NAME =
  /(?:联系人|联络人|名字|姓名|称呼|\bname\b|\bunder(?: the name)?(?: of)?\b)\s*[:：]?\s*([\u4e00-\u9fff]{1,4}|[A-Za-z][A-Za-z .'-]{0,30}[A-Za-z])/iu;

/** A cheap first look on the engine's normalised text: most messages name no booking at all. */
export function mayBeBooking(plain: string): boolean {
  return ZH_BOOKING.test(plain) || EN_BOOKING.test(plain);
}

/**
 * The booking request in `raw`, sent at `at`; undefined when the message is no booking request.
 * With `earlier` (the member's request the bot just asked to complete), a message that only gives
 * fields ("晚上7点") counts too, and what it leaves out comes from the earlier request.
 */
export function readBooking(
  raw: string,
  at: number,
  options: BookingReadOptions,
  earlier?: BookingRequest,
): BookingRequest | undefined {
  const masked = redactText(raw.slice(0, MAX_BOOKING_CHARS));
  const plain = normalizePlain(masked);
  const named = mayBeBooking(plain);
  if ((!named && !earlier) || SETTLED.test(plain)) return undefined;
  const today = localDay(at, options.timeZone);
  const text = new BookingText(plain);
  const request: BookingRequest = { missing: [], problems: [] };
  const date = readDate(text, today);
  const time = readTime(text, plain) ?? undefined;
  request.party = readParty(text);
  const lateTime = time ?? readTimeAt(text, plain);
  const given = date !== undefined || lateTime !== undefined || request.party !== undefined;
  if (!given && !(named && isBare(plain))) return undefined;
  if (date && "date" in date) request.date = date.date;
  else if (date) request.problems.push({ field: "date", kind: "invalid", text: date.invalid });
  if (lateTime && "minute" in lateTime) request.time = hhmm(lateTime.minute);
  else if (lateTime) request.problems.push({ field: "time", kind: "invalid", text: lateTime.invalid });
  // "零人" or a numeral that is no number: as good as not given.
  if (request.party !== undefined && !(request.party >= 1)) request.party = undefined;
  if (request.party !== undefined && request.party > options.maxParty) {
    request.problems.push({ field: "party", kind: "too_many", limit: options.maxParty });
  }
  contact(masked, request);
  if (earlier) carryOver(earlier, request, { date, time: lateTime });
  request.missing = BOOKING_FIELDS.filter(
    (f) => request[f] === undefined && !request.problems.some((p) => p.field === f),
  );
  request.problems.push(...whenProblems(request, today, minuteOfDay(at, options.timeZone), options));
  if (request.missing.length === 0 && request.problems.length === 0) {
    request.at = zonedInstant(request.date!, minutes(request.time!), options.timeZone);
  }
  return request;
}

/** Fields the follow-up does not give (nor gives wrongly) are the earlier request's. */
function carryOver(
  earlier: BookingRequest,
  request: BookingRequest,
  given: { date: unknown; time: unknown },
): void {
  if (given.date === undefined) request.date ??= earlier.date;
  if (given.time === undefined) request.time ??= earlier.time;
  if (request.party === undefined && !request.problems.some((p) => p.field === "party"))
    request.party = earlier.party;
  request.name ??= earlier.name;
  request.phone ??= earlier.phone;
}

/** A booking word and nothing but courtesy around it, and not a question (that one the FAQ answers). */
function isBare(plain: string): boolean {
  if (isQuestion(plain)) return false;
  return plain.replace(ZH_BOOKING, "").replace(EN_BOOKING, "").replace(FILLER, "").length === 0;
}

/** Days already past, too far ahead, or a time earlier today. */
function whenProblems(
  request: BookingRequest,
  today: string,
  nowMinute: number,
  options: BookingReadOptions,
): BookingProblem[] {
  if (request.date === undefined) return [];
  if (request.date < today) return [{ field: "date", kind: "past" }];
  if (request.date > addDays(today, options.maxDaysAhead))
    return [{ field: "date", kind: "too_far", limit: options.maxDaysAhead }];
  if (request.date === today && request.time !== undefined && minutes(request.time) <= nowMinute)
    return [{ field: "time", kind: "past" }];
  return [];
}

/** The name it is under and whether a phone number was left (masked already). */
function contact(masked: string, request: BookingRequest): void {
  if (masked.includes("[phone]")) request.phone = "[phone]";
  const text = masked.normalize("NFKC");
  const m = ZH_NAME.exec(text);
  if (m) request.name = `${m[1]}${m[2]}`;
  else {
    const labelled = LABELLED_NAME.exec(text) ?? SURNAME.exec(text);
    if (labelled) request.name = labelled[1]!.trim();
  }
}

function hhmm(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
}

function minutes(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}
