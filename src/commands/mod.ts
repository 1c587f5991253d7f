export { CommandRouter, type CommandRouterOptions, REFUSAL_INTERVAL_MS } from "./command-router.js";
export { CommandState } from "./command-state.js";
export { type ParsedCommand, parseCommand } from "./parse-command.js";
