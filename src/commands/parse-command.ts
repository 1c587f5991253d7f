/**
 * "/warn@qunguan_bot spamming again" → { name: "warn", args: ["spamming", "again"] }.
 * Only the first word is the command; Telegram's "@botname" suffix tells which
 * bot a command is for in a group with several.
 */
export interface ParsedCommand {
  name: string;
  /** The bot the command was addressed to ("/cmd@name"), if any. */
  addressee?: string;
  args: string[];
  /** Everything after the command word, as typed. */
  rest: string;
}

const COMMAND = /^\/([a-z][a-z0-9_]{0,31})(?:@([a-z0-9_]{3,64}))?(?:\s+([\s\S]*))?$/i;

export function parseCommand(text: string): ParsedCommand | undefined {
  const m = COMMAND.exec(text.trim());
  if (!m) return undefined;
  const rest = (m[3] ?? "").trim();
  return {
    name: m[1]!.toLowerCase(),
    addressee: m[2]?.toLowerCase(),
    args: rest === "" ? [] : rest.split(/\s+/),
    rest,
  };
}
