/**
 * A customer's booking request as the engine read it from a message: what
 * they asked for, what is still missing, and what cannot be taken as given.
 * The booking desk turns a complete one into a ticket for staff, and answers
 * an incomplete one with a prompt naming exactly what to add.
 */

/** The fields a booking needs, in the order the bot asks for them. */
export const BOOKING_FIELDS = ["date", "time", "party"] as const;
export type BookingField = (typeof BOOKING_FIELDS)[number];

/** A field given but not usable: a day or time already past, too far ahead, too many guests, no such time. */
export type BookingProblem =
  | { field: "date" | "time"; kind: "past" }
  | { field: "date"; kind: "too_far"; limit: number }
  | { field: "date" | "time"; kind: "invalid"; text: string }
  | { field: "party"; kind: "too_many"; limit: number };

export interface BookingRequest {
  /** The local day asked for, "YYYY-MM-DD" in the booking desk's time zone. */
  date?: string;
  /** The local time asked for, "HH:MM" (24 h). */
  time?: string;
  /** How many guests. */
  party?: number;
  /** The name it is under, when given ("张先生", "John"); phone and ID numbers masked. */
  name?: string;
  /** The message carried a phone number: its masked form ("[phone]"), never the number. */
  phone?: string;
  /** Fields not given at all. */
  missing: BookingField[];
  problems: BookingProblem[];
  /** The table's time (epoch ms) when every field is given and usable. */
  at?: number;
}

/** Whether the request can go to staff as it is. */
export function isComplete(request: BookingRequest): request is BookingRequest & { at: number } {
  return request.at !== undefined && request.missing.length === 0 && request.problems.length === 0;
}
