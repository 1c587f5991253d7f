/**
 * /promo list says each schedule the way the merchant would: the usual shapes in a few words,
 * anything else through cronstrue, in the group's language and with the zone named. Through the
 * console adapter and the real bot, with a promos file written for the shapes.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MIN, T0 } from "../helpers/bot.js";
import { type GroupOptions, group, groupRules, lastAnswer } from "./chat.js";

const SHAPES: [id: string, cron: string, zone?: string][] = [
  ["daily", "30 9 * * *"],
  ["weekends", "0 11,17 * * 6,0"],
  ["mwf", "0 18 * * 1,3,5"],
  ["monthly", "0 10 1 * *"],
  ["seconds", "0 0 12 * * 6", "Asia/Taipei"],
  ["every-15", "*/15 9-17 * * 1-5", "Europe/Berlin"],
];

function promoRules(options: GroupOptions): string {
  const dir = groupRules(options);
  const promos = SHAPES.map(([id, cron, zone]) =>
    [
      `  - id: ${id}`,
      "    targets: { categories: [promo] }",
      `    cron: "${cron}"`,
      ...(zone ? [`    time_zone: ${zone}`] : []),
      "    text: 今日特价",
    ].join("\n"),
  );
  writeFileSync(join(dir, "promos.yaml"), `promos:\n${promos.join("\n")}\n`);
  return dir;
}

async function listed(options: GroupOptions): Promise<string> {
  const h = await group(options, promoRules(options));
  await h.chat.message("mgr", "/promo list", T0 + MIN);
  return lastAnswer(h);
}

describe("/promo list schedules", () => {
  it("zh-CN", async () => {
    expect(await listed({})).toBe(
      [
        "定时推送：",
        "• daily：每天 09:30（北京时间） → 香满楼优惠群 · 启用中",
        "• weekends：周末 11:00、17:00（北京时间） → 香满楼优惠群 · 启用中",
        "• mwf：每周一、三、五 18:00（北京时间） → 香满楼优惠群 · 启用中",
        "• monthly：每月 1 日 10:00（北京时间） → 香满楼优惠群 · 启用中",
        "• seconds：每周六 12:00（台北时间） → 香满楼优惠群 · 启用中",
        "• every-15：每隔 15 分钟，在 09:00 和 17:59 之间，星期一至星期五（Europe/Berlin） → 香满楼优惠群 · 启用中",
      ].join("\n"),
    );
  });

  it("zh-TW", async () => {
    const text = await listed({ locale: "zh-TW" });
    expect(text).toContain("• weekends：週末 11:00、17:00（北京時間）");
    expect(text).toContain("• seconds：每週六 12:00（臺北時間）");
  });

  it("en", async () => {
    const text = await listed({ locale: "en" });
    expect(text).toContain("• weekends: weekends at 11:00 and 17:00 (Beijing time) → Deals · on");
    expect(text).toContain("• mwf: Mon, Wed, Fri at 18:00 (Beijing time)");
    expect(text).toContain("• monthly: day 1 of every month at 10:00 (Beijing time)");
    expect(text).toContain(
      "• every-15: Every 15 minutes, between 09:00 and 17:59, Monday through Friday (Europe/Berlin)",
    );
  });
});
