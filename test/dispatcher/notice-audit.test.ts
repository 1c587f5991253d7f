/**
 * What the dispatcher records so a decision can be found again: the message it was about, the
 * bot's notice that announced it (an admin replies to that notice with /notspam or /why), and the
 * rule's explanation. Through the real Dispatcher and ActivityWriter, into a real SQLite file.
 */
import { PassThrough } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SendOptions } from "../../src/core/adapter.js";
import type { ChatRef } from "../../src/core/chat-event.js";
import type { Decision, Explanation } from "../../src/core/decision.js";
import { auditByNotice, auditEntry, auditForMessage } from "../../src/db/audit.js";
import { Dispatcher } from "../../src/dispatcher/dispatcher.js";
import { createLogger } from "../../src/log/logger.js";
import { openTempDb, type TempDb } from "../db/temp-db.js";
import { message, T0 } from "../helpers/events.js";
import { RecordingAdapter } from "../helpers/recording-adapter.js";
import { defaultPack } from "../helpers/rules.js";

/** A recording adapter that remembers which message id it gave each text it sent. */
class NoticeAdapter extends RecordingAdapter {
  readonly sentIds: { text: string; id: string }[] = [];
  override async sendText(chat: ChatRef, text: string, options: SendOptions = {}): Promise<string> {
    const id = await super.sendText(chat, text, options);
    this.sentIds.push({ text, id });
    return id;
  }
}

const explanation: Explanation = {
  signals: [
    { name: "contact-handle", weight: 2 },
    { name: "commerce-words", weight: 1.5 },
  ],
  classifier: { score: 0.93, kind: "ads" },
  learned: { sample: 17, similarity: 0.81, label: "spam" },
};

/** The usual answer to an ad: delete it and warn its sender, both under the rule. */
function deleteAndWarn(messageId: string, withExplanation = true): Decision {
  const why = withExplanation ? { explanation } : {};
  return {
    category: "promo",
    shadow: [],
    actions: [
      { type: "delete", rule: "ads", user: "u1", messageId, ...why },
      { type: "warn", rule: "ads", user: "u1", count: 1, ...why },
    ],
  };
}

describe("the dispatcher's record of notices and explanations", () => {
  let temp: TempDb;
  let dispatcher: Dispatcher;
  const chat = { platform: "telegram" as const, chatId: "g1" };
  beforeEach(() => {
    temp = openTempDb();
    const pack = defaultPack();
    dispatcher = new Dispatcher({
      db: temp.database,
      logger: createLogger({ destination: new PassThrough() }),
      rules: () => pack,
    });
  });
  afterEach(() => {
    dispatcher.stop();
    temp.dispose();
  });

  it("gives the warning's row the id of the warning notice, and the notice finds delete and warning", async () => {
    const adapter = new NoticeAdapter();
    const ad = message("加我微信 看片", { id: "m100", user: "u1", category: "promo" });
    await dispatcher.dispatch(adapter, ad, deleteAndWarn("m100"));
    // Another ad at the same moment, by the same member: its own decision, its own notice.
    const other = message("加我微信 买片", { id: "m101", user: "u1", category: "promo" });
    await dispatcher.dispatch(adapter, other, deleteAndWarn("m101"));

    expect(adapter.sentIds).toHaveLength(2);
    const [firstNotice, secondNotice] = adapter.sentIds.map((s) => s.id);
    expect(firstNotice).not.toBe(secondNotice);

    const rows = auditByNotice(temp.database.db, chat, firstNotice!);
    expect(rows.map((r) => [r.action, r.messageId, r.noticeId])).toEqual([
      ["delete", "m100", null],
      ["warn", "m100", firstNotice],
    ]);
    for (const r of rows) {
      expect(r.at).toBe(T0);
      expect(JSON.parse(r.explanation!)).toEqual(explanation);
    }
    expect(auditByNotice(temp.database.db, chat, secondNotice!).map((r) => r.messageId)).toEqual([
      "m101",
      "m101",
    ]);
    expect(auditForMessage(temp.database.db, chat, "m101").map((r) => r.action)).toEqual(["delete", "warn"]);
    expect(auditEntry(temp.database.db, chat, rows[1]!.id)?.noticeId).toBe(firstNotice);
    // The same ids in another chat are not this chat's.
    expect(auditByNotice(temp.database.db, { platform: "wechat", chatId: "g1" }, firstNotice!)).toEqual([]);
    expect(auditEntry(temp.database.db, { platform: "wechat", chatId: "g1" }, rows[1]!.id)).toBeUndefined();
  });

  it("stores no explanation when the action has none, and nothing for a notice the bot never sent", async () => {
    const adapter = new NoticeAdapter();
    await dispatcher.dispatch(
      adapter,
      message("加我微信", { id: "m7", category: "promo" }),
      deleteAndWarn("m7", false),
    );
    expect(auditForMessage(temp.database.db, chat, "m7").map((r) => r.explanation)).toEqual([null, null]);
    expect(auditByNotice(temp.database.db, chat, "no-such-notice")).toEqual([]);
  });

  it("gives a recall request its own notice where the platform cannot delete", async () => {
    const adapter = new NoticeAdapter();
    Object.assign(adapter.capabilities, { canDelete: false });
    const ad = message("加我微信", { id: "m9", category: "promo" });
    await dispatcher.dispatch(adapter, ad, {
      category: "promo",
      shadow: [],
      actions: [{ type: "delete", rule: "ads", user: "u1", messageId: "m9", explanation }],
    });
    const [recall] = adapter.sentIds;
    expect(auditByNotice(temp.database.db, chat, recall!.id).map((r) => [r.action, r.outcome])).toEqual([
      ["delete", "degraded"],
    ]);
  });
});
