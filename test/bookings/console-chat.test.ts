/**
 * A booking as a new user meets it in `qunguan start` without credentials: the console group chat
 * (the promo category, as the default pack binds its title), a real SQLite file, the default rules.
 * A bare 订位 as the weekend promo asks gets the format; the request in that format is repeated back
 * with its number; the admin lists it with /bookings and confirms it, and the customer hears.
 */
import { expect, it } from "vitest";
import { getTicket } from "../../src/db/mod.js";
import { harness, MIN, T0, tempDb, tempRules } from "../helpers/bot.js";

it("the console chat takes a booking from prompt to confirmation", async () => {
  const h = harness(tempRules(), tempDb());
  await h.bot.start();
  await h.chat.submit("/as 小美");
  await h.chat.submit("订位", T0);
  expect(h.screen()).toMatch(
    /🤖 群管 ↪#1: @小美 📅 小美，订位请按“订位\+日期\+时间\+人数”回复.*还缺：日期、时间、人数。/,
  );
  await h.chat.submit("订位 12月5日 19:00 4人", T0 + MIN);
  expect(h.screen()).toContain(
    "✅ 小美，已收到您的订位：12月5日周六 19:00，4 位。订位单 #1，店员会在 30 分钟内确认。",
  );
  await h.chat.submit("/as 老板 admin");
  await h.chat.submit("/bookings", T0 + 2 * MIN);
  expect(h.screen()).toContain("待确认的订位：\n     #1 · 小美: 12月5日周六 19:00，4 位 (待确认)");
  await h.chat.submit("/ticket close 1", T0 + 3 * MIN);
  expect(h.screen()).toContain("@小美 ✅ 小美，您的订位 #1（12月5日周六 19:00，4 位）已确认，期待您的光临！");
  expect(getTicket(h.bot.database.db, 1)).toMatchObject({ kind: "booking", closedBy: "老板", partySize: 4 });
  // The action log has the booking desk's actions under their rule. The default pack's staff group
  // is on Telegram, which a console run does not have: that alert is logged as failed, honestly.
  const actions = h.logs().filter((l) => l.event === "action" && l.rule === "booking");
  expect(actions.map((l) => [l.type, l.outcome])).toEqual([
    ["reply", "done"],
    ["notify", "failed"],
    ["reply", "done"],
    ["notify", "done"],
    ["reply", "done"],
  ]);
});
