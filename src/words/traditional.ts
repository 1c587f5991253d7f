/**
 * Taiwanese Traditional Chinese (zh-TW) from the Simplified words: OpenCC's
 * cn → twp conversion (characters and Taiwan's phrases: 信息 → 訊息,
 * 用户 → 使用者), so every Simplified text the bot has gets its zh-TW form
 * without a second copy to keep in step. Where OpenCC's phrase table reads
 * oddly for a chat bot, TAIWAN_PHRASES says it the way Taiwan does.
 *
 * Conversions are cached: the bot's words are few and said often.
 */
import { Converter } from "opencc-js/cn2t";

const convert = Converter({ from: "cn", to: "twp" });

/** After OpenCC: phrases where its Taiwan table reads wrong in a moderation bot's words. */
const TAIWAN_PHRASES: readonly [string, string][] = [
  // 试运行 (dry run) becomes 試執行; Taiwanese admin consoles say 試運行.
  ["試執行", "試運行"],
  // 群聊 stays Mainland usage; a LINE/Telegram group in Taiwan is a 群組.
  ["群聊", "群組"],
  // OpenCC leaves some 回复 (reply) as 回復, which in Taiwan reads "restore"; a reply is 回覆.
  ["回復", "回覆"],
  // 反馈 is Mainland wording for a customer's complaint or comment; Taiwan says 意見.
  ["反饋", "意見"],
  // 权限 becomes 許可權 (a Windows term); a group admin's rights in Taiwan are 權限.
  ["許可權", "權限"],
];

const cache = new Map<string, string>();
/** Beyond this many distinct texts the cache starts over (names and numbers make texts unique). */
const CACHE_LIMIT = 5000;

/** Simplified Chinese text in Taiwan's Traditional script and phrasing. */
export function toTaiwan(text: string): string {
  const known = cache.get(text);
  if (known !== undefined) return known;
  let out = convert(text);
  for (const [from, to] of TAIWAN_PHRASES) out = out.replaceAll(from, to);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, out);
  return out;
}

/**
 * Converts a text made by `make` from values without converting the values themselves: a
 * member's name or a group's title is shown as its owner wrote it. The values pass through
 * the conversion as private-use markers, which OpenCC leaves alone.
 */
export function toTaiwanAround<A extends unknown[]>(make: (...args: A) => string): (...args: A) => string {
  return (...args: A) => {
    const kept: string[] = [];
    const marked = args.map((a) => {
      if (typeof a !== "string") return a;
      kept.push(a);
      return `\uE000${kept.length - 1}\uE001`;
    }) as A;
    return toTaiwan(make(...marked)).replace(/\uE000(\d+)\uE001/g, (_, i: string) => kept[Number(i)]!);
  };
}

/**
 * A table of words in zh-TW made from its zh-CN form: strings converted, functions converted
 * around their arguments (see toTaiwanAround), nested tables likewise. `overrides` replace
 * entries where Taiwan says something else.
 */
export function taiwanTable<T extends object>(zhCN: T, overrides: Partial<T> = {}): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(zhCN)) {
    if (key in overrides) out[key] = (overrides as Record<string, unknown>)[key];
    else if (typeof value === "string") out[key] = toTaiwan(value);
    else if (typeof value === "function") out[key] = toTaiwanAround(value as (...a: unknown[]) => string);
    else if (Array.isArray(value)) out[key] = value.map((v) => (typeof v === "string" ? toTaiwan(v) : v));
    else if (value !== null && typeof value === "object") out[key] = taiwanTable(value as object);
    else out[key] = value;
  }
  return out as T;
}
