/**
 * Bookings through `qunguan simulate` (the built CLI, as users' scripts run it): a request in the
 * form the bot asks for, and its natural variants in Simplified, Traditional and English, is read
 * relative to the group's time zone and the message's day, acknowledged in the group's language
 * with what was understood, and handed to staff as a booking ticket; a bare or incomplete one gets
 * a prompt naming what is missing and opens nothing; admins list, confirm and decline bookings.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { tempRules } from "../helpers/bot.js";
import { simulateLines } from "../helpers/cli.js";

const ROOT = resolve(import.meta.dirname, "../..");
const CLI = resolve(ROOT, "dist/src/cli/main.js");

/** Thursday 3 December 2026, noon in Shanghai, plus `min` minutes. */
const at = (min = 0) => new Date(Date.parse("2026-12-03T12:00:00+08:00") + min * 60_000).toISOString();

const simulate = simulateLines;

/** The default pack with an English booking group (`booking_en`) that takes bookings too. */
function rulesWithEnglishGroup(): string {
  const dir = tempRules();
  const categories = join(dir, "categories.yaml");
  writeFileSync(
    categories,
    `${readFileSync(categories, "utf8")}  booking_en:\n    name: Xiangmanlou bookings\n    locale: en\n    intro: Book a table here.\n`,
  );
  const bookings = join(dir, "bookings.yaml");
  writeFileSync(
    bookings,
    readFileSync(bookings, "utf8").replace(
      "categories: [booking, promo]",
      "categories: [booking, promo, booking_en]",
    ),
  );
  return dir;
}

const customer = (user: string, text: string, min: number, extra: object = {}) => ({
  chat: "g1",
  user,
  name: user,
  text,
  at: at(min),
  category: "booking",
  ...extra,
});

describe("qunguan simulate: bookings", () => {
  it("acknowledges a request in the form the bot asked for, repeating date, time and party, and alerts staff", () => {
    const [out] = simulate([customer("Alice", "订位 12月5日 19:00 4人", 0)]);
    expect(out!.booking).toEqual({
      date: "2026-12-05",
      time: "19:00",
      party: 4,
      missing: [],
      complete: true,
    });
    expect(out!.actions).toEqual([
      {
        type: "reply",
        rule: "booking",
        text: "✅ Alice，已收到您的订位：12月5日周六 19:00，4 位。订位单 #1，店员会在 30 分钟内确认。",
        ticket: 1,
      },
      { type: "notify", rule: "booking", text: expect.stringContaining("📅 新订位 #1"), ticket: 1 },
    ]);
    expect(out!.actions[1]!.text).toContain("订位：12月5日周六 19:00，4 位");
    expect(out!.actions[1]!.text).toContain("/ticket close 1");
  });

  it("reads the natural variants, Traditional Chinese included, relative to the group's day", () => {
    const out = simulate([
      customer("a", "订位 12/5 晚上7点 4位", 0),
      customer("b", "预约 明天 18:30 2人", 1),
      customer("c", "訂位 12月5日 19:00 4位", 2),
      customer("d", "帮我订个位 后天晚上6点 3个人", 3),
      customer("e", "預約 下週六 中午12點半 2大1小", 4),
      customer("f", "订位 周五 七点半 五位", 5),
      customer("g", "订位 十二月五号 晚上七点 四个人", 6),
      customer("h", "Book a table for four on Dec 5 at 7pm", 7),
      customer("i", "reservation tonight 8pm for 2 under John", 8),
      customer("j", "订个包间 下周六晚上6点 12人", 9),
    ]);
    const read = out.map((o) => [o.booking?.date, o.booking?.time, o.booking?.party]);
    expect(read).toEqual([
      ["2026-12-05", "19:00", 4],
      ["2026-12-04", "18:30", 2],
      ["2026-12-05", "19:00", 4],
      ["2026-12-05", "18:00", 3],
      ["2026-12-12", "12:30", 3],
      ["2026-12-04", "19:30", 5],
      ["2026-12-05", "19:00", 4],
      ["2026-12-05", "19:00", 4],
      ["2026-12-03", "20:00", 2],
      ["2026-12-12", "18:00", 12],
    ]);
    expect(out.map((o) => o.actions[0]?.ticket)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(out[8]!.booking?.name).toBe("John");
    expect(out[1]!.actions[0]!.text).toContain("12月4日周五 18:30，2 位");
  });

  it("reads '明天' in the group's time zone: just after midnight in Shanghai is already the next day", () => {
    // 16:30 UTC on 3 December is 00:30 on 4 December in Shanghai.
    const [out] = simulate([{ ...customer("a", "预约 明天 18:30 2人", 0), at: "2026-12-03T16:30:00Z" }]);
    expect(out!.booking?.date).toBe("2026-12-05");
  });

  it("answers an English request in an English group in English", () => {
    const [out, bare] = simulate(
      [
        customer("Carol", "book a table for 4 on Dec 5 at 7pm", 0, { category: "booking_en" }),
        customer("Dan", "book a table", 1, { category: "booking_en" }),
      ],
      rulesWithEnglishGroup(),
    );
    expect(out!.booking).toMatchObject({ date: "2026-12-05", time: "19:00", party: 4, complete: true });
    expect(out!.actions[0]!.text).toBe(
      "✅ Carol, we have your booking request: Sat, Dec 5, 7:00 PM, party of 4. Booking #1; staff will confirm within 30 minutes.",
    );
    expect(out!.actions[1]!.text).toContain("New booking #1");
    expect(bare!.actions).toEqual([
      {
        type: "reply",
        rule: "booking",
        text: '📅 Dan, to book a table reply "book + date + time + party size", e.g. book a table for 4 on Dec 5 at 7pm. Still missing: date, time, party size.',
      },
    ]);
  });

  it("a bare 订位 / 預約 (as the weekend promo asks) gets the format and what is missing, and opens no ticket", () => {
    const out = simulate([
      customer("a", "订位", 0),
      customer("b", "預約", 1, { category: "promo" }),
      customer("c", "我想订个位", 2),
    ]);
    for (const o of out) {
      expect(o.actions).toEqual([
        { type: "reply", rule: "booking", text: expect.stringContaining("订位+日期+时间+人数") },
      ]);
      expect(o.actions[0]!.text).toContain("还缺：日期、时间、人数。");
      expect(o.booking).toEqual({ missing: ["date", "time", "party"], complete: false });
    }
  });

  it("names exactly what is missing or wrong, and opens no ticket", () => {
    const out = simulate([
      customer("a", "订位 明天 4人", 0),
      customer("b", "订位 12月35日 19:00 4人", 1),
      customer("c", "订位 昨天 19:00 4人", 2),
      customer("d", "订位 今天 10:00 2人", 3),
      customer("e", "订位 12月5日 19:00 50人", 4),
      customer("f", "订位 12月5日 25:00", 5),
    ]);
    const prompts = out.map((o) => {
      expect(o.actions).toHaveLength(1);
      expect(o.actions[0]).not.toHaveProperty("ticket");
      return String(o.actions[0]!.text).replace(/^.*4人。/, "");
    });
    expect(prompts).toEqual([
      "还缺：时间。",
      "没看懂日期“12月35日”。",
      "12月2日周三已经过了，请换一个时间。",
      "10:00已经过了，请换一个时间。",
      "线上订位最多 20 位，更多人数请致电门店。",
      "没看懂时间“25:00”。还缺：人数。",
    ]);
    expect(out[0]!.booking).toEqual({ date: "2026-12-04", party: 4, missing: ["time"], complete: false });
  });

  it("a prompted member completes the request with the missing fields alone, for a while; others' words stay chatter", () => {
    const out = simulate([
      customer("a", "订位 明天 4人", 0),
      customer("b", "晚上7点", 1),
      customer("a", "晚上7点", 2),
      customer("c", "订位", 3),
      customer("c", "好的", 4),
      customer("c", "周六 2位", 5),
      customer("c", "18:00", 30),
    ]);
    expect(out[0]!.actions[0]!.text).toContain("还缺：时间。");
    expect(out[1]).toEqual({ i: 1, actions: [] });
    expect(out[2]!.booking).toEqual({
      date: "2026-12-04",
      time: "19:00",
      party: 4,
      missing: [],
      complete: true,
    });
    expect(out[2]!.actions[0]!.text).toContain("已收到您的订位：12月4日周五 19:00，4 位。订位单 #1");
    expect(out[4]).toEqual({ i: 4, actions: [] });
    expect(out[5]!.actions[0]!.text).toContain("还缺：时间。");
    // 25 minutes after the prompt: "18:00" is no longer taken as the answer to it.
    expect(out[6]).toEqual({ i: 6, actions: [] });
  });

  it("leaves questions about booking to the FAQ and statements alone", () => {
    const out = simulate([
      customer("a", "怎么订位？", 0),
      customer("b", "我已经订好位了", 1),
      customer("c", "预约成功了，周五见", 2),
    ]);
    expect(out[0]!.actions).toEqual([
      { type: "reply", faq: "booking", text: expect.stringContaining("订位+日期+时间+人数") },
    ]);
    expect(out[0]!.booking).toBeUndefined();
    expect(out[1]).toEqual({ i: 1, actions: [] });
    expect(out[2]).toEqual({ i: 2, actions: [] });
  });

  it("masks a phone number left in a booking wherever it goes, and keeps the name it is under", () => {
    const [out, again, show, confirmed] = simulate([
      customer("Dan", "订位 明天 19:00 2人 张先生 13812345678", 0),
      customer("Dan", "预约 明天 晚上7点 2位", 1),
      { ...customer("boss", "/ticket show 1", 2), admin: true },
      { ...customer("boss", "/ticket close 1", 3), admin: true },
    ]);
    // Staff see the name and that a phone was left; the customer is not shown their own "[phone]".
    expect(show!.actions[0]!.text).toContain("12月4日周五 19:00，2 位 · 张先生 [phone]");
    expect(again!.actions[0]!.text).toBe(
      "📅 Dan，您的订位 #1（12月4日周五 19:00，2 位）已登记，店员确认后会通知您。",
    );
    expect(confirmed!.actions[0]!.text).toBe(
      "✅ Dan，您的订位 #1（12月4日周五 19:00，2 位）已确认，期待您的光临！",
    );
    expect(out!.booking).toMatchObject({
      date: "2026-12-04",
      name: "张先生",
      phone: "[phone]",
      complete: true,
    });
    // The privacy rule still takes the number down (no warning), and the booking stands.
    expect(out!.actions.map((a) => `${a.type}:${a.rule}`)).toEqual([
      "delete:privacy",
      "reply:privacy",
      "reply:booking",
      "notify:booking",
    ]);
    const staff = String(out!.actions[3]!.text);
    expect(staff).toContain("张先生 [phone]");
    expect(JSON.stringify([out, again, show, confirmed])).not.toContain("13812345678");
  });

  it("the same table asked for again is the same booking, not a second alert", () => {
    const out = simulate([
      customer("a", "订位 12月5日 19:00 4人", 0),
      customer("a", "订位 12月5日 晚上7点 4位", 1),
    ]);
    expect(out[1]!.actions).toEqual([
      {
        type: "reply",
        rule: "booking",
        ticket: 1,
        text: "📅 a，您的订位 #1（12月5日周六 19:00，4 位）已登记，店员确认后会通知您。",
      },
    ]);
  });

  it("admins list bookings, confirm and decline them, and the customer hears either way", () => {
    const admin = (text: string, min: number) => ({
      ...customer("boss", text, min),
      name: "Boss",
      admin: true,
    });
    const out = simulate([
      customer("Alice", "订位 12月5日 19:00 4人", 0),
      customer("Bob", "预约 明天 18:30 2人", 1),
      customer("Carol", "我要投诉，菜里有头发", 2, { category: "complaints" }),
      admin("/bookings", 3),
      admin("/ticket list booking", 4),
      admin("/ticket close 1", 5),
      admin("/ticket decline 2 那天包场了", 6),
      admin("/bookings", 7),
      admin("/ticket decline 3", 8),
    ]);
    // Sorted by the table's time: Bob's tomorrow before Alice's Saturday.
    expect(out[3]!.actions[0]!.text).toBe(
      "待确认的订位：\n#2 · Bob: 12月4日周五 18:30，2 位 (待确认)\n#1 · Alice: 12月5日周六 19:00，4 位 (待确认)",
    );
    expect(out[4]!.actions[0]!.text).toBe(
      "未关闭的工单：\n#1 [订位] · Alice: 12月5日周六 19:00，4 位 (待确认)\n#2 [订位] · Bob: 12月4日周五 18:30，2 位 (待确认)",
    );
    expect(out[5]!.actions).toEqual([
      {
        type: "reply",
        rule: "booking",
        command: "ticket",
        ticket: 1,
        text: "✅ Alice，您的订位 #1（12月5日周六 19:00，4 位）已确认，期待您的光临！",
      },
    ]);
    expect(out[6]!.actions[0]!.text).toBe(
      "🙏 Bob，很抱歉，您的订位 #2（12月4日周五 18:30，2 位）未能安排：那天包场了",
    );
    expect(out[7]!.actions[0]!.text).toBe("没有待确认的订位。");
    // Complaints and bookings share the numbering, and a complaint cannot be declined.
    expect(out[8]!.actions[0]!.text).toBe("工单 #3 不是订位。");
  });
});

describe("qunguan check: the bookings section", () => {
  it("rejects a malformed section with file:line:col: a party size of 0, a duration that is none", () => {
    const dir = tempRules();
    writeFileSync(
      join(dir, "bookings.yaml"),
      "bookings:\n  categories: [booking, bistro]\n  max_party: 0\n  confirm_within: soon\n",
    );
    writeFileSync(join(dir, "complaints.yaml"), "");
    const r = spawnSync("node", [CLI, "check", dir], { cwd: ROOT, encoding: "utf8" });
    expect(r.status).toBe(1);
    const lines = r.stdout.split("\n");
    expect(lines).toContainEqual(expect.stringMatching(/bookings\.yaml:3:14 .*>=1/));
    expect(lines).toContainEqual(expect.stringMatching(/bookings\.yaml:4:19 .*duration/));
  });

  it("reports an unknown category and a desk without staff once the section is well formed", () => {
    const dir = tempRules();
    writeFileSync(join(dir, "bookings.yaml"), "bookings:\n  categories: [booking, bistro]\n");
    writeFileSync(join(dir, "complaints.yaml"), "");
    const r = spawnSync("node", [CLI, "check", dir], { cwd: ROOT, encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/bookings\.yaml:2:\d+ unknown category "bistro"/);
    expect(r.stdout).toMatch(/bookings\.yaml:\d+:\d+ bookings need staff/);
  });
});
