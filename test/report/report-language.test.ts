/**
 * `qunguan report` in the merchant's language, through the built CLI on a database the real bot
 * wrote: the page's lang, its labels, rules and FAQs by their names in the rule files, "—" where
 * there is nothing to measure, a broadcast by when it went out, dry-run hits not counted.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type BotMadeDb, botMadeDb } from "./bot-made-db.js";

const ROOT = resolve(import.meta.dirname, "../..");
const CLI = resolve(ROOT, "dist/src/cli/main.js");

/** The words a chart holds: its labels and its series' names. */
interface ChartWords {
  data: { labels: string[]; datasets: { label: string }[] };
}

let made: BotMadeDb;
beforeAll(async () => {
  made = await botMadeDb();
}, 60_000);

/** The report's HTML for these extra arguments. */
function report(args: string[] = []): string {
  const out = join(made.rulesDir, `report-${args.join("-") || "default"}.html`);
  const r = spawnSync(
    "node",
    [
      CLI,
      "report",
      "--db",
      made.databasePath,
      "--rules",
      made.rulesDir,
      "--until",
      "2026-11-23",
      "--days",
      "7",
      "--out",
      out,
      ...args,
    ],
    { cwd: ROOT, encoding: "utf8" },
  );
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  return readFileSync(out, "utf8");
}

/** The headline tiles of the overview, as "value label". */
function overviewTiles(html: string): string[] {
  const overview = html.slice(html.indexOf('<section id="all"'), html.indexOf("</section>"));
  return [
    ...overview.matchAll(
      /<div class="figure"><span class="value">([^<]*)<\/span><span class="label">([^<]*)<\/span>/g,
    ),
  ].map((m) => `${m[1]} ${m[2]}`);
}

describe("qunguan report in the rules' language", () => {
  it("is zh-CN by default for a zh-CN pack: lang, headings and every headline tile", () => {
    const html = report();
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain("<h1>群管报告</h1>");
    expect(html).toContain("2026-11-17 至 2026-11-23（7 天，Asia/Shanghai）");
    expect(overviewTiles(html)).toEqual([
      "9 条消息",
      "0 人入群",
      "0 人退群",
      // eve's 百家乐 and bob's WeChat id; bob's 百家乐 came in dry-run mode and does not count.
      "2 次违规",
      "1 次自动回答",
      "1 条推送已送达",
      "0 条推送失败",
      "0 条推送结果不明",
      // No tickets: no share and no score to show, rather than "0 %".
      "0 张工单",
      "— 按时首次回复",
      "— 按时处理完毕",
      "— 平均评分（1–5）",
      expect.stringMatching(/^\d+ 次机器人操作$/),
      // No admin taught the bot in this run.
      "0 条学到的垃圾样本",
      "0 条学到的正常样本",
    ]);
    for (const heading of ["各群概况", "投诉工单"]) expect(html).toContain(`<h3>${heading}</h3>`);
    for (const chart of [
      "每日消息",
      "违规（按规则）",
      "自动回答（按问题）",
      "各推送的送达情况",
      "机器人操作（按结果）",
    ])
      expect(html).toContain(`<figcaption>${chart}</figcaption>`);
    expect(html).toContain("这段时间没有投诉工单。");
    // The category by its name, the platform in words.
    expect(html).toContain('<span class="kind">分类</span> 香满楼优惠群');
    expect(html).toContain("<td>终端</td><td>香满楼优惠群</td>");
  });

  it("names rules and FAQs by their descriptions, the broadcast by when it went out, and no id or English label shows", () => {
    const html = report();
    const data = html.slice(html.indexOf('<script type="application/json" id="report-data">'));
    expect(data).toContain('"labels":["拉人、私加联系方式","赌博"]');
    expect(data).toContain('"labels":["营业时间"]');
    expect(data).toContain('"labels":["群发（11月23日 12:10）"]');
    expect(data).toContain('"label":"已送达"');
    expect(data).toContain('"label":"仅试运行"');
    // What a reader sees (text outside tags, scripts and styles) and the charts' words hold no id or English.
    const text = html.replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/g, " ").replace(/<[^>]+>/g, " ");
    const json = data.slice(data.indexOf(">") + 1, data.indexOf("</script>"));
    const charts = (JSON.parse(json) as { charts: Record<string, ChartWords> }).charts;
    const chartWords = Object.values(charts)
      .flatMap((c) => [...c.data.labels, ...c.data.datasets.map((d) => d.label)])
      .join(" ");
    for (const english of [
      "poaching",
      "gambling",
      "hours",
      "broadcast",
      "Violations",
      "messages",
      "answered",
    ]) {
      expect(text).not.toContain(english);
      expect(chartWords).not.toContain(english);
    }
  });

  it("speaks Traditional Chinese with --locale zh-TW and English with --locale en, names from the rules either way", () => {
    const tw = report(["--locale", "zh-TW"]);
    expect(tw).toContain('<html lang="zh-TW">');
    expect(tw).toContain("<figcaption>違規（按規則）</figcaption>");
    expect(overviewTiles(tw)).toContain("— 按時首次回覆");
    expect(tw).toContain('"labels":["拉人、私加聯絡方式","賭博"]');
    const en = report(["--locale", "en"]);
    expect(en).toContain('<html lang="en">');
    expect(en).toContain("<figcaption>Violations by rule</figcaption>");
    expect(overviewTiles(en)).toEqual(
      expect.arrayContaining(["2 violations", "— answered in time", "— average score (1–5)"]),
    );
    expect(en).toContain('"labels":["Broadcast of Nov 23, 12:10"]');
  });
});
