export { type ChatAdapter, PlatformError } from "./adapter.js";
export type { Capabilities } from "./capabilities.js";
export {
  type ChatEvent,
  type ChatRef,
  chatKey,
  type JoinEvent,
  type LeaveEvent,
  MESSAGE_KINDS,
  type MessageEvent,
  type MessageKind,
  type Platform,
  type Sender,
} from "./chat-event.js";
export type { Action, ActionType, Decision } from "./decision.js";
export { SANCTION_TYPES } from "./decision.js";
