/**
 * Which messages open tickets, on the default rule pack, through `qunguan simulate`'s own code
 * (no Redis: the desk acknowledges and records, deadlines are not watched).
 */
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { runSimulate } from "../../src/cli/simulate.js";
import { defaultPack } from "../helpers/rules.js";

const T0 = Date.parse("2026-11-22T11:00:00+08:00");

interface Line {
  user: string;
  text: string;
  chat?: string;
  category?: string;
  admin?: boolean;
  reply_to?: number;
  platform?: string;
  mentions?: string[];
}

async function simulate(
  lines: Line[],
  pack = defaultPack(),
): Promise<{ type: string; rule?: string; text?: string }[][]> {
  const input = new PassThrough();
  const output = new PassThrough();
  let out = "";
  output.on("data", (d) => {
    out += d;
  });
  input.end(
    lines
      .map((l, i) =>
        JSON.stringify({
          chat: "g1",
          category: "complaints",
          name: l.user,
          at: new Date(T0 + i * 60_000).toISOString(),
          ...l,
        }),
      )
      .join("\n"),
  );
  await runSimulate({ pack, input, output });
  return out
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l).actions);
}

const opened = (actions: { type: string; rule?: string; text?: string }[]) =>
  actions.find((a) => a.type === "reply" && a.rule === "complaint")?.text?.match(/工单 #(\d+)/)?.[1];

describe("complaint detection (default pack)", () => {
  it("opens tickets for complaints in Simplified, Traditional and English, one per customer", async () => {
    const complaints = [
      "你们的鱼一点都不新鲜，我要投诉！",
      "外賣等了一個多小時還沒到，要求退款",
      "服務態度太差了，我要投訴",
      "菜里吃出一根头发，差评",
      "等了40分钟还没上菜",
      "We waited over an hour and the soup was cold.",
      "I want a refund, the chicken was undercooked",
      "The waiter was rude to my kids. Complaint!",
      "ＲＥＦＵＮＤ please, the fish smelled off and was not fresh",
    ];
    const out = await simulate(complaints.map((text, i) => ({ user: `c${i}`, text })));
    expect(out.map(opened)).toEqual(complaints.map((_, i) => String(i + 1)));
    // Staff hear of each: the notify action is the audit log's record of the alert.
    for (const actions of out)
      expect(actions.map((a) => `${a.type}:${a.rule}`)).toEqual(["reply:complaint", "notify:complaint"]);
  });

  it("ordinary chatter, thanks and settled matters open nothing", async () => {
    const chatter = [
      "今天的菜很好吃",
      "请问几点开门？",
      "好的，收到",
      "少送的那杯饮料退款已经到账了，谢谢店长处理",
      "謝謝店長，問題已解決",
      "明天中午还有位子吗",
      "The dumplings were great, thanks!",
      "Thanks, the refund arrived",
      "what time do you open?",
      "我等了一会儿，刚到",
      "5",
    ];
    const out = await simulate(chatter.map((text, i) => ({ user: `m${i}`, text })));
    expect(out.map(opened)).toEqual(chatter.map(() => undefined));
  });

  it("only in desk groups, never for admins, never for spam that borrows complaint words", async () => {
    const out = await simulate([
      { user: "a", text: "我要投诉", category: "promo" },
      { user: "boss", text: "有顾客投诉菜不新鲜，大家注意", admin: true },
      { user: "s", text: "退款请加微信 abc12345 办理" },
      { user: "b", text: "我要投诉" },
    ]);
    expect(out.map(opened)).toEqual([undefined, undefined, undefined, "1"]);
    expect(out[2]!.map((a) => a.type)).toEqual(["delete", "warn"]);
  });

  it("an admin's reply answers the ticket; close asks for a score; the customer's digit is recorded", async () => {
    const out = await simulate([
      { user: "wang", text: "菜是馊的，我要投诉" },
      { user: "boss", admin: true, text: "非常抱歉，马上处理", reply_to: 0 },
      { user: "boss", admin: true, text: "/ticket show 1" },
      { user: "boss", admin: true, text: "/ticket close 1" },
      { user: "wang", text: "5" },
      { user: "boss", admin: true, text: "/ticket show 1" },
      { user: "wang", text: "/mytickets" },
    ]);
    expect(out[2]![0]!.text).toContain("状态：已回复");
    expect(out[3]![0]!.text).toContain("请为本次服务打分");
    expect(out[4]![0]!.text).toContain("工单 #1 的评分 5 分已记录");
    expect(out[5]![0]!.text).toContain("状态：已关闭, 评分 5/5");
    expect(out[6]![0]!.text).toContain("没有未关闭的工单");
  });

  it("WeChat: an admin's @mention of the customer is the first response", async () => {
    const out = await simulate([
      { user: "wang", text: "上错菜了，还多收钱", platform: "wechat" },
      { user: "boss", admin: true, text: "@wang 您好，马上退差价", platform: "wechat", mentions: ["wang"] },
      { user: "boss", admin: true, text: "/ticket show 1", platform: "wechat" },
    ]);
    expect(opened(out[0]!)).toBe("1");
    expect(out[2]![0]!.text).toContain("状态：已回复");
  });

  it("speaks the category's language: an English complaints group hears English", async () => {
    const pack = defaultPack();
    pack.categories.complaints!.locale = "en";
    const out = await simulate(
      [
        { user: "Tom", text: "We waited over an hour for a cold soup" },
        { user: "boss", admin: true, text: "/ticket close 1" },
      ],
      pack,
    );
    expect(out[0]![0]!.text).toBe(
      "📝 Tom, we have logged this as ticket #1; a staff member will reply within 15 minutes.",
    );
    expect(out[1]![0]!.text).toMatch(/^✅ Tom, ticket #1 is resolved\. How did we do\? Reply with 1–5/);
  });
});
