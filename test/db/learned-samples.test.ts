/** What admins teach, stored once per text and merchant, moved between labels, capped per label. Real SQLite file. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  forgetSample,
  loadSamples,
  type NewSample,
  sampleCounts,
  saveSample,
} from "../../src/db/learned-samples.js";
import { openTempDb, type TempDb } from "./temp-db.js";

function sample(textKey: string, label: NewSample["label"], o: Partial<NewSample> = {}): NewSample {
  return {
    merchant: "shop-a",
    label,
    rule: "ads",
    text: `text of ${textKey}`,
    textKey,
    platform: "telegram",
    chatId: "-100123",
    userId: "u1",
    byUser: "admin1",
    at: 1_000,
    ...o,
  };
}

describe("learned samples", () => {
  let temp: TempDb;
  beforeEach(() => {
    temp = openTempDb();
  });
  afterEach(() => temp.dispose());

  it("stores every field as given", () => {
    const { db } = temp.database;
    const { id, created } = saveSample(db, sample("加v看片", "spam", { rule: "porn", auditId: 42 }));
    expect(created).toBe(true);
    expect(loadSamples(db, "shop-a")).toEqual([
      {
        id,
        merchant: "shop-a",
        label: "spam",
        rule: "porn",
        text: "text of 加v看片",
        textKey: "加v看片",
        platform: "telegram",
        chatId: "-100123",
        userId: "u1",
        byUser: "admin1",
        at: 1_000,
        auditId: 42,
      },
    ]);
  });

  it("keeps one row when the same text is taught with the same label again and again", () => {
    const { db } = temp.database;
    const first = saveSample(db, sample("今天营业吗", "ham"));
    for (let i = 0; i < 10_000; i++) {
      const again = saveSample(db, sample("今天营业吗", "ham", { byUser: `admin${i % 3}`, at: 2_000 + i }));
      expect(again).toEqual({ id: first.id, created: false });
    }
    expect(loadSamples(db, "shop-a")).toHaveLength(1);
    // The first teaching stands: repeating it rewrote nothing.
    expect(loadSamples(db, "shop-a")[0]).toMatchObject({ byUser: "admin1", at: 1_000 });
    expect(sampleCounts(db, "shop-a")).toEqual({ spam: 0, ham: 1 });
  });

  it("moves a text to the other label under a new id, so a poller past the old id sees it", () => {
    const { db } = temp.database;
    const spam = saveSample(db, sample("加我微信", "spam"));
    const ham = saveSample(db, sample("加我微信", "ham", { byUser: "admin2" }));
    expect(ham.created).toBe(true);
    expect(ham.id).toBeGreaterThan(spam.id);
    expect(loadSamples(db, "shop-a").map((r) => [r.id, r.label, r.byUser])).toEqual([
      [ham.id, "ham", "admin2"],
    ]);
    expect(loadSamples(db, "shop-a", spam.id).map((r) => r.id)).toEqual([ham.id]);
    expect(sampleCounts(db, "shop-a")).toEqual({ spam: 0, ham: 1 });
  });

  it("keeps at most maxPerLabel rows per merchant and label, forgetting the oldest", () => {
    const { db } = temp.database;
    const spamIds = [1, 2, 3, 4, 5].map((i) => saveSample(db, sample(`spam ${i}`, "spam"), 3).id);
    const hamIds = [1, 2].map((i) => saveSample(db, sample(`ham ${i}`, "ham"), 3).id);
    const other = saveSample(db, sample("spam 1", "spam", { merchant: "shop-b" }), 3).id;
    const kept = loadSamples(db, "shop-a");
    expect(kept.filter((r) => r.label === "spam").map((r) => r.id)).toEqual(spamIds.slice(2));
    // The other label and the other merchant are not squeezed by a full spam list.
    expect(kept.filter((r) => r.label === "ham").map((r) => r.id)).toEqual(hamIds);
    expect(loadSamples(db, "shop-b").map((r) => r.id)).toEqual([other]);
    // A forgotten text is new again when taught once more.
    expect(saveSample(db, sample("spam 1", "spam"), 3).created).toBe(true);
  });

  it("keeps merchants apart: the same text in two merchants is two samples, counted apart", () => {
    const { db } = temp.database;
    const a = saveSample(db, sample("免费领取", "spam"));
    const b = saveSample(db, sample("免费领取", "ham", { merchant: "shop-b" }));
    expect(b.id).not.toBe(a.id);
    expect(loadSamples(db, "shop-a").map((r) => r.label)).toEqual(["spam"]);
    expect(loadSamples(db, "shop-b").map((r) => r.label)).toEqual(["ham"]);
    expect(sampleCounts(db, "shop-a")).toEqual({ spam: 1, ham: 0 });
    expect(sampleCounts(db)).toEqual({ spam: 1, ham: 1 });
    expect(forgetSample(db, "shop-b", a.id)).toBe(false);
    expect(forgetSample(db, "shop-a", a.id)).toBe(true);
    expect(sampleCounts(db)).toEqual({ spam: 0, ham: 1 });
  });

  it("loads the samples after an id, oldest first, at most limit", () => {
    const { db } = temp.database;
    const ids = [1, 2, 3, 4].map((i) => saveSample(db, sample(`t${i}`, i % 2 ? "spam" : "ham")).id);
    expect(loadSamples(db, "shop-a", 0).map((r) => r.id)).toEqual(ids);
    expect(loadSamples(db, "shop-a", ids[1]).map((r) => r.id)).toEqual(ids.slice(2));
    expect(loadSamples(db, "shop-a", ids[0], 2).map((r) => r.id)).toEqual(ids.slice(1, 3));
    expect(loadSamples(db, "shop-a", ids[3])).toEqual([]);
  });
});
