/**
 * A spam wave the default pack does not catch, for measuring how fast admins' /spam replies teach
 * the bot a new template: a fake after-sales "compensation" scam that poses as the shop and asks
 * for the member's name and card number. It names no contact app, no link, no price list and no
 * prize, so no keyword rule reads it as an ad (checked by test/eval/spam-wave.test.ts).
 *
 * The variants are what a spammer's script does to dodge an exact-text filter: another agent name,
 * work number or amount, a greeting swapped, emoji and spaces inserted, filler words, other
 * punctuation, Traditional script, the clauses reordered. Deterministic: the same index is always
 * the same text, so the figures of `npm run eval` are reproducible.
 */
import { int, mulberry32, pick, type Rng } from "../corpus.js";

// The template's wording is fixed (a spammer's script), its slots are not: a greeting now and then,
// the agent's name and number, the amount.
const GREETINGS = ["尊敬的顾客您好", "尊敬的顾客您好", "尊敬的顾客您好", "亲爱的顾客您好", "您好"];
const AGENTS = ["小林", "小王", "小陈", "小李", "小周", "小美"];
const EMOJI = ["", "", "🙏", "😊", "🎁", "‼️", "🔔"];
const FILLERS = ["哦", "呢", "这边", "现在", "马上"];
const COMMAS = ["，", ",", " ", "、", "。"];

/** Simplified → Traditional for the characters of this template (a spammer's converter does the same). */
const TRADITIONAL: Record<string, string> = {
  顾: "顧",
  会: "會",
  员: "員",
  亲: "親",
  爱: "愛",
  周: "週",
  费: "費",
  条: "條",
  补: "補",
  偿: "償",
  请: "請",
  复: "覆",
  姓: "姓",
  号: "號",
  后: "後",
  专: "專",
  为: "為",
  办: "辦",
  理: "理",
  退: "退",
  款: "款",
  获: "獲",
  倍: "倍",
  额: "額",
  联: "聯",
  系: "繫",
  处: "處",
  这: "這",
  边: "邊",
  现: "現",
  马: "馬",
  时: "時",
  间: "間",
  过: "過",
  期: "期",
  动: "動",
  效: "效",
};

function toTraditional(text: string): string {
  return [...text].map((ch) => TRADITIONAL[ch] ?? ch).join("");
}

function spaced(rng: Rng, text: string): string {
  // Spaces between some characters: the classic dodge of a keyword filter.
  return [...text].map((ch) => (rng() < 0.25 ? `${ch} ` : ch)).join("");
}

/** The wave's text number `index` (0, 1, 2, …); every index gives a different text. */
export function waveVariant(index: number): string {
  const rng = mulberry32(0x5eed_0000 + index);
  const comma = pick(rng, COMMAS);
  const filler = rng() < 0.3 ? pick(rng, FILLERS) : "";
  const agent = `售后专员${pick(rng, AGENTS)}${rng() < 0.5 ? `（工号${int(rng, 1000, 9999)}）` : ""}`;
  const claim = `您上周在本店的消费符合三倍补偿条件${rng() < 0.5 ? `${comma}可获补偿${int(rng, 100, 999)}元` : ""}`;
  const ask = `请回复您的姓名和卡号`;
  const act = `${agent}${filler}为您办理退款`;
  const tail = rng() < 0.3 ? `${comma}${int(rng, 24, 72)}小时内有效` : "";
  // A few reorderings: the agent first, or the request last.
  const order = rng();
  const clauses = order < 0.15 ? [act, claim, ask] : order < 0.3 ? [claim, act, ask] : [claim, ask, act];
  let text = `${pick(rng, GREETINGS)}${comma}${clauses.join(comma)}${tail}${pick(rng, EMOJI)}`;
  if (rng() < 0.2) text = toTraditional(text);
  if (rng() < 0.2) text = spaced(rng, text);
  return text;
}

/** The wave members see: texts 0 … count−1. */
export function waveVariants(count = 100): string[] {
  return Array.from({ length: count }, (_, i) => waveVariant(i));
}

/** Texts admins reply /spam to: further variants of the same wave, none of them among the measured ones. */
export function waveSamples(count: number, measured = 100): string[] {
  return Array.from({ length: count }, (_, i) => waveVariant(measured + i));
}
