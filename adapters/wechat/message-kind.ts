/**
 * Wechaty's message types → the engine's message kinds. Rules match kinds
 * (a contact card from a newcomer, a red envelope at night), so each WeChat
 * type that spammers use must land on its own kind, not on "other".
 */
import { types } from "wechaty";
import type { MessageKind } from "../../src/core/chat-event.js";

const T = types.Message;

/** The kind of a message, or "recalled" for the notice that a member took a message back (not content). */
export function messageKind(type: types.Message): MessageKind | "recalled" {
  switch (type) {
    case T.Text:
      return "text";
    case T.Image:
      return "image";
    case T.Video:
      return "video";
    case T.Audio:
      return "voice";
    case T.Attachment:
      return "file";
    case T.Emoticon:
      return "sticker";
    case T.Url:
      return "link_card";
    case T.Contact:
      return "contact_card";
    case T.MiniProgram:
      return "mini_program";
    case T.RedEnvelope:
      return "red_envelope";
    case T.Transfer:
      return "transfer";
    case T.ChatHistory:
      return "forward";
    case T.Location:
      return "location";
    case T.Recalled:
      return "recalled";
    default:
      // GroupNote, Post, Unknown: still moderated by text and flood rules.
      return "other";
  }
}
