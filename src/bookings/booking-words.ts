/**
 * A booking in the customer's language: "12月5日周六 19:00，4 位",
 * "Sat, Dec 5, 7:00 PM, party of 4"; and the prompt that names exactly what
 * a request still lacks. Dates and times are local to the booking desk's
 * time zone, where they were read.
 */
import type { BookingField, BookingProblem, BookingRequest } from "../core/booking-request.js";
import { localDay, minuteOfDay } from "../core/clock.js";
import type { TicketRow } from "../db/mod.js";
import type { RulePack } from "../rules/rule-pack.js";
import { type Locale, render, type TemplateKey, type TemplateOverrides } from "../words/templates.js";

const FIELD_WORDS: Readonly<Record<BookingField, TemplateKey>> = {
  date: "bookingFieldDate",
  time: "bookingFieldTime",
  party: "bookingFieldParty",
};

const dayFormats = new Map<string, Intl.DateTimeFormat>();
const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** "12月5日周六" / "Sat, Dec 5" (with the year when it is not this year's). */
function spokenDay(day: string, locale: Locale, withYear: boolean): string {
  const key = `${locale}|${withYear}`;
  let f = dayFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, {
      timeZone: "UTC",
      year: withYear ? "numeric" : undefined,
      month: locale === "en" ? "short" : "long",
      day: "numeric",
      weekday: "short",
    });
    dayFormats.set(key, f);
  }
  return f.format(Date.parse(`${day}T00:00:00Z`));
}

/** "19:00" / "7:00 PM". */
function spokenTime(time: string, locale: Locale): string {
  let f = timeFormats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, {
      timeZone: "UTC",
      hour: "numeric",
      minute: "2-digit",
      hourCycle: locale === "en" ? "h12" : "h23",
    });
    timeFormats.set(locale, f);
  }
  return f.format(Date.parse(`1970-01-01T${time}:00Z`));
}

/** What is booked, in the bot's words: day, time, party. `thisYear` leaves the year out. */
export function describeBooking(
  locale: Locale,
  booking: { date: string; time: string; party: number },
  thisYear: string,
  templates: TemplateOverrides,
): string {
  return render(
    locale,
    "bookingWhen",
    {
      date: spokenDay(booking.date, locale, booking.date.slice(0, 4) !== thisYear),
      time: spokenTime(booking.time, locale),
      count: booking.party,
    },
    templates,
  );
}

/**
 * A booking ticket's table, in `locale` and the desk's zone. `forStaff` adds the name it is under
 * and the masked phone: staff need them, while the customer's own "[phone]" would only puzzle them.
 */
export function describeTicketBooking(
  pack: RulePack,
  ticket: TicketRow,
  locale: Locale,
  forStaff = false,
): string {
  if (ticket.bookedFor === null || ticket.partySize === null) return "";
  const zone = pack.bookings?.time_zone ?? "Asia/Shanghai";
  const minute = minuteOfDay(ticket.bookedFor, zone);
  const time = `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
  const what = describeBooking(
    locale,
    { date: localDay(ticket.bookedFor, zone), time, party: ticket.partySize },
    localDay(ticket.openedAt, zone).slice(0, 4),
    pack.templates,
  );
  const contact = forStaff ? [ticket.contactName, ticket.contactPhone].filter(Boolean).join(" ") : "";
  return contact ? `${what} · ${contact}` : what;
}

/** The answer to a request that cannot go to staff yet: the format, and what to add or change. */
export function bookingPrompt(
  locale: Locale,
  request: BookingRequest,
  name: string,
  templates: TemplateOverrides,
): string {
  const word = (key: TemplateKey, values: Record<string, string | number> = {}) =>
    render(locale, key, values, templates);
  const parts = request.problems.map((p) => problemWords(p, request, locale, word));
  if (request.missing.length > 0) {
    const separator = locale === "en" ? ", " : "、";
    parts.push(
      word("bookingMissing", { text: request.missing.map((f) => word(FIELD_WORDS[f])).join(separator) }),
    );
  }
  return word("bookingPrompt", { name, text: parts.join(locale === "en" ? " " : "") });
}

function problemWords(
  p: BookingProblem,
  request: BookingRequest,
  locale: Locale,
  word: (key: TemplateKey, values?: Record<string, string | number>) => string,
): string {
  switch (p.kind) {
    case "invalid":
      return word("bookingUnclear", { target: word(FIELD_WORDS[p.field]), text: p.text });
    case "too_far":
      return word("bookingTooFar", { count: p.limit });
    case "too_many":
      return word("bookingTooMany", { count: p.limit });
    case "past": {
      const when =
        p.field === "time" && request.time !== undefined
          ? spokenTime(request.time, locale)
          : request.date !== undefined
            ? spokenDay(request.date, locale, false)
            : word(FIELD_WORDS[p.field]);
      return word("bookingPast", { text: when });
    }
  }
}
