/**
 * Staying connected to the puppet service. When the gRPC stream to the service
 * drops (the service restarts, the network blips), Wechaty reports an error
 * and stays disconnected: nothing reconnects by itself. The adapter restarts
 * the puppet with exponential backoff until the service answers again.
 */

export interface BackoffOptions {
  /** First wait before reconnecting, ms. @defaultValue 1000 */
  initialMs?: number;
  /** Longest wait between attempts, ms. @defaultValue 60000 */
  maxMs?: number;
}

/**
 * Wait before attempt `attempt` (0-based): doubling from `initialMs` up to
 * `maxMs`, with jitter in [50 %, 100 %] so that many bots restarted by one
 * service outage do not all knock at the same instant.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = {}, random = Math.random): number {
  const initial = options.initialMs ?? 1000;
  const max = options.maxMs ?? 60_000;
  const base = Math.min(max, initial * 2 ** Math.min(attempt, 30));
  return Math.round(base * (0.5 + random() / 2));
}

/** gRPC status codes that mean "the service is gone", not "this call was wrong". */
const CONNECTION_CODES = new Set([1 /* CANCELLED */, 4 /* DEADLINE_EXCEEDED */, 14 /* UNAVAILABLE */]);

/** Does this error (a Wechaty GError, a gRPC error) say the connection to the puppet service was lost? */
export function isConnectionLoss(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (
    typeof code === "number" &&
    CONNECTION_CODES.has(code) &&
    /cancel|unavailable|connect|deadline/i.test(message)
  )
    return true;
  return /\b(?:UNAVAILABLE|CANCELLED): |No connection established|Connection dropped|ECONNREFUSED|ECONNRESET/.test(
    message,
  );
}
