/**
 * Requests still missing a field, per chat and member, for a while after the
 * bot asked for it: "订位 明天 4人" is answered "还缺：时间", and the member's
 * "晚上7点" a moment later completes it, without the booking word again.
 * Memory only and bounded: losing one on a restart costs the customer a retype.
 */
import type { BookingRequest } from "../core/booking-request.js";

/** How long a prompted member's next words may complete their request. @defaultValue 15 min */
export const FOLLOW_UP_MS = 15 * 60_000;
/** Requests remembered at most; the oldest goes first. @defaultValue 10,000 */
const MAX_PENDING = 10_000;

export class PendingBookings {
  private readonly pending = new Map<string, { request: BookingRequest; at: number }>();

  /** The member's incomplete request, when they were prompted less than FOLLOW_UP_MS before `now`. */
  get(chat: string, user: string, now: number): BookingRequest | undefined {
    if (this.pending.size === 0) return undefined;
    const key = `${chat}\u0000${user}`;
    const found = this.pending.get(key);
    if (!found) return undefined;
    if (now - found.at >= FOLLOW_UP_MS || now < found.at) {
      this.pending.delete(key);
      return undefined;
    }
    return found.request;
  }

  set(chat: string, user: string, request: BookingRequest, at: number): void {
    const key = `${chat}\u0000${user}`;
    this.pending.delete(key);
    this.pending.set(key, { request, at });
    if (this.pending.size > MAX_PENDING) this.pending.delete(this.pending.keys().next().value!);
  }

  delete(chat: string, user: string): void {
    this.pending.delete(`${chat}\u0000${user}`);
  }
}
