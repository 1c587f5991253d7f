/**
 * A seeded, deterministic group-chat corpus for the benchmarks: Simplified,
 * Traditional and English chatter with emoji, lengths from 2 to 2,000
 * characters (most short, a long tail), about 10% violations (many spelled to
 * dodge filters) and 5% FAQ questions. Same seed, same messages, so figures
 * from two runs or two machines compare. No Math.random anywhere.
 */
import { Buffer } from "node:buffer";

/** mulberry32: a tiny, fast 32-bit PRNG; good enough to shuffle a corpus, and reproducible. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rng = () => number;

export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)]!;
}

export function int(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

const ZH = [
  "今天的酸菜鱼好好吃",
  "老板辛苦了",
  "昨天带家人来吃了，孩子很喜欢",
  "哈哈哈哈",
  "收到",
  "好的谢谢",
  "排队的人好多啊",
  "下次还来",
  "服务员小姐姐很热情",
  "有点辣，不过很过瘾",
  "我已经订好位了",
  "大家周末愉快",
  "这个汤味道不错",
  "上菜速度挺快的",
  "我们一家五口来吃过了",
  "红烧肉有点咸",
  "拍照好看",
  "群里好热闹",
  "明天降温了大家注意保暖",
  "谢谢老板的小菜",
  "环境很干净",
  "同事推荐的，果然没让我失望",
];
const ZH_TW = [
  "今天的酸菜魚好好吃",
  "老闆辛苦了",
  "昨天帶家人來吃了，孩子很喜歡",
  "排隊的人好多啊",
  "服務員小姐姐很熱情",
  "這個湯味道不錯",
  "上菜速度挺快的",
  "環境很乾淨",
  "謝謝老闆的小菜",
  "下次還來",
];
const EN = [
  "the fish was great today",
  "thanks boss",
  "lol",
  "see you all this weekend",
  "service was quick and friendly",
  "a bit too spicy for me but tasty",
  "my kids loved the dumplings",
  "ok noted",
  "happy friday everyone",
  "the soup was amazing",
  "we came last night, really nice place",
  "good vibes in this group",
];
const EMOJI = ["😂", "👍", "🙏", "❤️", "🔥", "😋", "🍜", "🎉", "👌", "😊", "🤣", "💯"];

/** Spam the default pack is written for, much of it spelled to get past filters. */
const VIOLATIONS = [
  "加 V 信 abc12345 领优惠",
  "加.微.信 送红包",
  "薇信 kk9527 私聊",
  "有需要的加我微 tuan007",
  "联系我 １３８ 1234 5678",
  "电话一三八一二三四五六七八",
  "博 彩 注册送 88 元",
  "菠菜平台 首充送彩金",
  "网赌回血 跟单稳赚不赔",
  "兼职日结 在家打字 日赚 300",
  "无抵押贷款 秒批 不看征信",
  "代开发票 增值税专用",
  "约炮 同城交友 上门服务",
  "看片加群 福利视频 你懂的",
  "https://bit.ly/3kQz9Xa 领取",
  "t . me / cheapfood888",
  "www . xxx . com 免费领",
  "earn money from home, dm me",
  "crypto investment opportunity, passive income",
  "hot singles in your area 🔞",
  "add me on whatsapp for cheap iphone",
  "私信我 低价出售 一手货源",
  "加 扣 扣 10248866",
  "V❤️: t🍜u🍜a🍜n 0 0 7",
  "我的身份证号 110101199003074578",
  "住址 幸福小区3栋2单元501",
];

const FAQS = [
  "请问你们几点开门？",
  "幾點開門？",
  "今天营业到几点",
  "怎么订位？",
  "可以订个包间吗",
  "停车方便吗",
  "有停车位吗？",
  "外卖送不送",
  "地址在哪里",
  "最近有什么优惠活动吗",
  "what time do you open?",
  "how do i book a table?",
  "do you deliver?",
  "where is the restaurant?",
  "is there parking?",
];

export interface BenchMessage {
  chat: string;
  user: string;
  name: string;
  text: string;
  /** Unix ms. */
  at: number;
  mentions: string[];
  /** "violation", "faq" or "chat": what the generator meant it to be. */
  intent: "violation" | "faq" | "chat";
}

export interface CorpusOptions {
  seed: number;
  count: number;
  /** Extra spam and questions that use the generated extra rules, mixed in beside the default ones. */
  extraViolations?: readonly string[];
  extraQuestions?: readonly string[];
  chats?: number;
  users?: number;
}

export const T0 = Date.parse("2026-11-23T12:00:00+08:00");

/** A message length: most are a few words, a tail runs to 2,000 characters. */
function length(rng: Rng): number {
  const r = rng();
  if (r < 0.55) return int(rng, 2, 20);
  if (r < 0.85) return int(rng, 20, 80);
  if (r < 0.96) return int(rng, 80, 300);
  if (r < 0.99) return int(rng, 300, 1000);
  return int(rng, 1000, 2000);
}

function chatter(rng: Rng): string {
  const r = rng();
  const s = r < 0.55 ? pick(rng, ZH) : r < 0.7 ? pick(rng, ZH_TW) : pick(rng, EN);
  return rng() < 0.3 ? s + pick(rng, EMOJI) : s;
}

/** `core` padded with chatter to about `n` characters (never shorter than `core`, never splitting a surrogate pair). */
function pad(rng: Rng, core: string, n: number): string {
  let text = core === "" ? chatter(rng) : core;
  while (text.length < n) text += (rng() < 0.5 ? "，" : " ") + chatter(rng);
  let cut = Math.max(n, core.length);
  if (cut >= text.length) return text;
  const c = text.charCodeAt(cut - 1);
  if (c >= 0xd800 && c <= 0xdbff) cut--;
  return text.slice(0, cut);
}

/**
 * A flat copy of a string built by concatenation. V8 keeps `a + b` as a rope,
 * and reading a rope character by character is many times slower; messages
 * from the network (JSON.parse) are flat, so the corpus must be too.
 */
export function flat(s: string): string {
  return Buffer.from(s, "utf16le").toString("utf16le");
}

export function generateCorpus(options: CorpusOptions): BenchMessage[] {
  const rng = mulberry32(options.seed);
  const chats = options.chats ?? 50;
  const users = options.users ?? 2000;
  const violations = [...VIOLATIONS, ...(options.extraViolations ?? [])];
  const questions = [...FAQS, ...(options.extraQuestions ?? [])];
  const out: BenchMessage[] = [];
  let at = T0;
  for (let i = 0; i < options.count; i++) {
    // About 20 messages a second over all groups, in bursts.
    at += rng() < 0.1 ? int(rng, 200, 3000) : int(rng, 0, 60);
    const u = int(rng, 0, users - 1);
    const r = rng();
    const intent = r < 0.1 ? "violation" : r < 0.15 ? "faq" : "chat";
    const core =
      intent === "violation" ? pick(rng, violations) : intent === "faq" ? pick(rng, questions) : "";
    const n = length(rng);
    const text = pad(rng, core, n);
    const mentions: string[] = [];
    if (rng() < 0.03) for (let k = int(rng, 1, 6); k > 0; k--) mentions.push(`u${int(rng, 0, users - 1)}`);
    out.push({
      chat: `g${u % chats}`,
      user: `u${u}`,
      name: `member${u}`,
      text: flat(text.length < 2 ? `${text}ok` : text),
      at,
      mentions,
      intent,
    });
  }
  return out;
}
