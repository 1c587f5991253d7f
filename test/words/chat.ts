/** Shared by the tests of the bot's words in chat: a started console bot in a group of a chosen locale and zone. */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type Harness, harness, T0, tempDb, tempRules } from "../helpers/bot.js";

export interface GroupOptions {
  /** The console group's category (promo) speaks this. @defaultValue the pack's zh-CN */
  locale?: "zh-CN" | "zh-TW" | "en";
  /** The promo category's own time_zone. */
  timeZone?: string;
  databasePath?: string;
}

/** The default pack with the console group's category (promo) in `locale` and `timeZone`. */
export function groupRules(options: GroupOptions = {}): string {
  const dir = tempRules();
  const file = join(dir, "categories.yaml");
  const zone = options.timeZone ? `\n    time_zone: ${options.timeZone}` : "";
  writeFileSync(
    file,
    readFileSync(file, "utf8").replace(
      "name: 香满楼优惠群\n    locale: zh-CN",
      `name: ${options.locale === "en" ? "Deals" : "香满楼优惠群"}\n    locale: ${options.locale ?? "zh-CN"}${zone}`,
    ),
  );
  return dir;
}

/** A started bot whose console group has boss (owner), mgr (platform admin), bob and eve, who have each spoken once. */
export async function group(options: GroupOptions = {}, rulesDir = groupRules(options)): Promise<Harness> {
  const h = harness(rulesDir, options.databasePath ?? tempDb());
  await h.bot.start();
  h.chat.member("mgr", true);
  for (const name of ["boss", "bob", "eve"]) h.chat.member(name);
  for (const [i, name] of ["boss", "mgr", "bob", "eve"].entries())
    await h.chat.message(name, "大家好", T0 + i * 1000);
  return h;
}

/** The bot's last message as the member reads it (continuation lines joined back with "\n"). */
export function lastAnswer(h: Harness): string {
  const lines = h.screen().trimEnd().split("\n");
  const start = lines.findLastIndex((l) => l.startsWith("🤖"));
  if (start < 0) return "";
  const first = lines[start]!.replace(/^🤖 群管(?: ↪#\d+)?: /, "");
  const rest: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith("     ")) break;
    rest.push(line.slice(5));
  }
  return [first, ...rest].join("\n");
}
