/**
 * pino, with secrets and personal data scrubbed before anything is written:
 * token-looking fields are censored by path, and every string (message and
 * fields) has phone numbers, ID numbers and bot tokens masked. Pretty in a
 * terminal, JSON otherwise (so `qunguan start | jq` and log shippers work).
 */
import pino, { type Logger } from "pino";
import { redactText } from "../engine/detectors/redact.js";

export type { Logger } from "pino";

/** Telegram bot tokens (`123456:AA…`) and Wechaty puppet tokens (`puppet_…`, `insecure_…`). */
const TOKEN_PATTERN = /\b\d{6,12}:[A-Za-z0-9_-]{30,}\b|\b(?:puppet|insecure)_[A-Za-z0-9_-]{6,}\b/g;

/** Masks secrets and personal data in one string. */
export function scrub(text: string): string {
  return redactText(text.replace(TOKEN_PATTERN, "[token]"));
}

function scrubValue(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return scrub(value);
  if (depth > 4 || value === null || typeof value !== "object") return value;
  if (value instanceof Error)
    return { name: value.name, message: scrub(value.message), stack: scrub(value.stack ?? "") };
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrubValue(v, depth + 1);
  return out;
}

export interface LoggerOptions {
  /** @defaultValue process.env.LOG_LEVEL ?? "info" */
  level?: string;
  /** Pretty, human output. @defaultValue whether stdout is a terminal */
  pretty?: boolean;
  /** Where JSON lines go (tests pass a stream). @defaultValue stdout */
  destination?: pino.DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? process.env.LOG_LEVEL ?? "info";
  const pretty = options.pretty ?? (options.destination === undefined && process.stdout.isTTY === true);
  const config: pino.LoggerOptions = {
    level,
    base: undefined,
    redact: {
      paths: [
        "token",
        "*.token",
        "botToken",
        "*.botToken",
        "password",
        "*.password",
        "authorization",
        "*.authorization",
      ],
      censor: "[token]",
    },
    formatters: {
      log: (object) => scrubValue(object) as Record<string, unknown>,
    },
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((a) => scrubValue(a)) as Parameters<typeof method>);
      },
    },
  };
  if (pretty) {
    return pino({
      ...config,
      transport: { target: "pino-pretty", options: { colorize: true, translateTime: "HH:MM:ss" } },
    });
  }
  return options.destination ? pino(config, options.destination) : pino(config);
}
