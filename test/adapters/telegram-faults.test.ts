import { afterAll, expect, it } from "vitest";
import { FakeTelegram, type Fault, type TgUser } from "../helpers/fake-telegram.js";
import { startTelegramBot } from "../helpers/telegram-bot.js";

const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const stop of cleanup.reverse()) await stop().catch(() => {});
});

it("429 storms, 500s and dropped connections: every answer and removal happens exactly once", async () => {
  const fake = await FakeTelegram.start();
  cleanup.push(() => fake.stop());
  const bot = await startTelegramBot(fake, { throttle: true });
  cleanup.push(() => bot.stop());
  const groups = Array.from({ length: 10 }, (_, i) => ({
    id: -1006600000000 - i,
    title: `香满楼优惠群${i}`,
  }));
  for (const g of groups) fake.botIsAdmin(g.id);
  const storm: Fault[] = [];
  for (let i = 0; i < 8; i++)
    storm.push({ kind: "429", retryAfter: 1 }, { kind: "500" }, { kind: "network" });
  fake.fail("sendMessage", ...storm);
  fake.fail("deleteMessage", { kind: "500" }, { kind: "network" }, { kind: "429", retryAfter: 1 });
  for (const [i, g] of groups.entries()) {
    const guest: TgUser = { id: 7000 + i, is_bot: false, first_name: `客人${i}` };
    const spammer: TgUser = { id: 7100 + i, is_bot: false, first_name: `推销${i}` };
    fake.message(g, guest, "请问几点开门？");
    fake.message(g, spammer, "兼职日结，日赚500，有意私聊");
    fake.message(g, guest, "How do I book a table?");
  }
  const answered = (g: { id: number }) => fake.sent(g.id).filter((t) => !t.includes("警告")).length;
  await expect
    .poll(() => groups.every((g) => answered(g) === 2 && fake.sent(g.id).length === 3), {
      timeout: 60_000,
      interval: 200,
    })
    .toBe(true);
  // Every fault was met (the storm happened) and then nothing more arrived.
  expect(fake.calls.filter((c) => c.answer !== "ok" && c.method === "sendMessage")).toHaveLength(
    storm.length,
  );
  await new Promise((r) => setTimeout(r, 1500));
  for (const g of groups) {
    const said = fake.sent(g.id);
    expect(said.filter((t) => t.includes("营业时间"))).toHaveLength(1);
    expect(said.filter((t) => t.includes("警告 1/5"))).toHaveLength(1);
    expect(said).toHaveLength(3);
    const removed = fake
      .callsOf("deleteMessage")
      .filter((c) => c.answer === "ok" && Number(c.params.chat_id) === g.id);
    expect(removed).toHaveLength(1);
  }
}, 90_000);
