/**
 * One argument parser for every `qunguan` command (node's util.parseArgs), so they all answer
 * `--help` with their usage and exit 0, and an unknown option or a missing value with an error
 * line plus the usage and exit 2, before anything starts, opens a database or reads a directory.
 */
import { type ParseArgsConfig, parseArgs } from "node:util";

export type OptionSpec = NonNullable<ParseArgsConfig["options"]>;

export interface CommandSpec<O extends OptionSpec> {
  usage: string;
  options: O;
  /** How many positional arguments it takes at most. @defaultValue 0 */
  positionals?: number;
}

export type Parsed<O extends OptionSpec> =
  | {
      kind: "run";
      values: { [K in keyof O]?: O[K]["type"] extends "boolean" ? boolean : string };
      positionals: string[];
    }
  | { kind: "exit"; code: number };

export interface Streams {
  out: (text: string) => void;
  err: (text: string) => void;
}

export const processStreams: Streams = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

/** Parses `args`; on --help or a usage error it has already printed what to print, and gives the exit code. */
export function parseCommand<O extends OptionSpec>(
  spec: CommandSpec<O>,
  args: string[],
  streams: Streams = processStreams,
): Parsed<O> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args,
      options: { ...spec.options, help: { type: "boolean", short: "h" } },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    streams.err(`${error instanceof Error ? error.message : error}\n${spec.usage}`);
    return { kind: "exit", code: 2 };
  }
  if (parsed.values.help) {
    streams.out(spec.usage);
    return { kind: "exit", code: 0 };
  }
  const allowed = spec.positionals ?? 0;
  if (parsed.positionals.length > allowed) {
    const extra = parsed.positionals.slice(allowed).join(" ");
    streams.err(
      `unexpected argument${parsed.positionals.length - allowed > 1 ? "s" : ""}: ${extra}\n${spec.usage}`,
    );
    return { kind: "exit", code: 2 };
  }
  const { help: _help, ...values } = parsed.values;
  return { kind: "run", values: values as never, positionals: parsed.positionals };
}
