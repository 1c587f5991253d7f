/**
 * Where `qunguan start` and `qunguan worker` write their logs.
 * - Console chat (no platform credentials): the terminal is the chat, so the JSON log goes to a
 *   file next to the database (or LOG_FILE) and only warnings and errors also reach the terminal,
 *   as one short line each; a person typing sees the conversation, not log lines.
 * - A platform: JSON on stderr for log shippers and `| jq`; human lines when stderr is a
 *   terminal; LOG_FILE sends the JSON to a file instead (warnings still reach stderr).
 */
import { dirname, join, resolve } from "node:path";
import pino from "pino";
import pretty from "pino-pretty";
import { createLogger, type Logger } from "../log/logger.js";

export interface StartLogging {
  logger: Logger;
  /** The file the full log goes to, when it goes to one. */
  file?: string;
}

export interface StartLoggingOptions {
  consoleChat: boolean;
  databasePath: string;
  env?: NodeJS.ProcessEnv;
  /** Where the terminal's lines go. @defaultValue process.stderr */
  terminal?: NodeJS.WriteStream;
}

export function startLogging(options: StartLoggingOptions): StartLogging {
  const env = options.env ?? process.env;
  const terminal = options.terminal ?? process.stderr;
  const level = env.LOG_LEVEL || "info";
  const file =
    env.LOG_FILE ||
    (options.consoleChat ? join(dirname(resolve(options.databasePath)), "qunguan.log") : undefined);
  if (!file) {
    return { logger: createLogger({ level, pretty: terminal.isTTY === true, destination: terminal }) };
  }
  const streams = pino.multistream([
    { level: level as pino.Level, stream: pino.destination({ dest: file, mkdir: true, sync: true }) },
    { level: "warn", stream: terminalLines(terminal) },
  ]);
  return { logger: createLogger({ level, pretty: false, destination: streams }), file };
}

/** One line per warning or error: time, level, message and the error's own message; no stacks, no fields. */
function terminalLines(terminal: NodeJS.WriteStream) {
  return pretty({
    destination: terminal,
    sync: true,
    colorize: terminal.isTTY === true,
    translateTime: "SYS:HH:MM:ss",
    hideObject: true,
    messageFormat: (log, messageKey) => {
      const err = log.err as { message?: string } | undefined;
      return err?.message ? `${log[messageKey]}: ${err.message}` : String(log[messageKey]);
    },
  });
}
