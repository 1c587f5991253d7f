/**
 * The report's learned-samples figures: samples taught within the window, counted in the groups
 * where they were taught, shown with the other totals in the reader's language. Real SQLite file.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DbChat } from "../../src/db/chat.js";
import { rememberChat } from "../../src/db/chats.js";
import { type NewSample, saveSample } from "../../src/db/learned-samples.js";
import { buildReport, reportChats } from "../../src/report/build.js";
import { reportLabels } from "../../src/report/labels.js";
import { reportScopes } from "../../src/report/scope.js";
import { learnedSamplesSection } from "../../src/report/sections/learned-samples.js";
import { reportWindow } from "../../src/report/window.js";
import { openTempDb, type TempDb } from "../db/temp-db.js";

const at = (local: string) => Date.parse(`${local}+08:00`);
const NOODLES: DbChat = { platform: "telegram", chatId: "-1001" };
const WAITLIST: DbChat = { platform: "telegram", chatId: "-1003" };
const window = reportWindow("2026-11-22", 7, "Asia/Shanghai");

function teach(temp: TempDb, chat: DbChat, label: NewSample["label"], text: string, when: string): void {
  saveSample(temp.database.db, {
    merchant: "xiangmanlou",
    label,
    rule: "ads",
    text,
    textKey: text,
    platform: chat.platform,
    chatId: chat.chatId,
    userId: "u1",
    byUser: "admin1",
    at: at(when),
  });
}

describe("report: learned samples", () => {
  let temp: TempDb;
  beforeEach(() => {
    temp = openTempDb();
    const db = temp.database.db;
    rememberChat(db, NOODLES, "Noodle Bar deals", "promo", at("2026-11-22T12:00:00"));
    rememberChat(db, WAITLIST, "Waitlist Jing'an", "waitlist", at("2026-11-19T12:00:00"));
    teach(temp, NOODLES, "spam", "加微信看片", "2026-11-16T00:00:00"); // the window's first instant
    teach(temp, NOODLES, "spam", "代开发票", "2026-11-20T10:00:00");
    teach(temp, NOODLES, "ham", "今天营业吗", "2026-11-22T23:59:59");
    teach(temp, WAITLIST, "spam", "刷单日结", "2026-11-19T10:00:00");
    teach(temp, NOODLES, "spam", "百家乐", "2026-11-15T23:59:59"); // the day before
    teach(temp, NOODLES, "ham", "几点开门", "2026-11-23T00:00:00"); // the day after
  });
  afterEach(() => temp.dispose());

  it("counts the samples taught in the window per scope", () => {
    const db = temp.database.db;
    const loaded = learnedSamplesSection.load(db, window);
    const scopes = reportScopes(reportChats(db, loaded.chats));
    const figures = (title: string) =>
      loaded.view(scopes.find((s) => s.title === title)!)?.figures?.map((f) => f.value);
    expect(figures("All groups")).toEqual([3, 1]);
    expect(figures("Noodle Bar deals")).toEqual([2, 1]);
    expect(figures("Waitlist Jing'an")).toEqual([1, 0]);
    expect(loaded.view(scopes[0]!)?.charts).toEqual([]);
  });

  it("shows them with the other totals, in the reader's language", () => {
    const zh = buildReport(temp.database.db, {
      window,
      now: at("2026-11-23T09:00:00"),
      labels: reportLabels({ locale: "zh-CN", timeZone: "Asia/Shanghai" }),
    });
    const overview = zh.slice(zh.indexOf('id="all"'), zh.indexOf('id="cat-1"'));
    expect(overview).toContain('<span class="value">3</span><span class="label">条学到的垃圾样本</span>');
    expect(overview).toContain('<span class="value">1</span><span class="label">条学到的正常样本</span>');
    const tw = buildReport(temp.database.db, {
      window,
      labels: reportLabels({ locale: "zh-TW", timeZone: "Asia/Shanghai" }),
    });
    expect(tw).toContain("條學到的垃圾樣本");
    const en = buildReport(temp.database.db, { window });
    expect(en).toContain('<span class="value">1</span><span class="label">ordinary samples taught</span>');
  });
});
