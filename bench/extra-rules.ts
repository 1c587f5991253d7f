/**
 * The rule set a busy merchant grows into, generated from a seed: the default
 * pack plus N extra keywords, extra regexes and FAQ entries, written as a rule
 * file (JSON is YAML) beside a copy of rules/ so it loads through the real
 * loader (schema, recheck) like an operator's file would.
 */
import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { int, mulberry32, pick, type Rng } from "./corpus.js";

export interface ExtraRules {
  dir: string;
  /** Spam that the extra rules are written for, with the usual evasions. */
  violations: string[];
  /** Questions that name the extra FAQs' topics. */
  questions: string[];
}

export interface ExtraOptions {
  seed: number;
  keywords: number;
  regexes: number;
  faqs: number;
  /** Where the default pack lives. */
  rulesDir: string;
}

// Characters rare in the corpus' chatter, so extra keywords only fire where the generator put them.
const HAN =
  "龙凤麒麟鲲鹏貔貅饕餮琥珀翡翠玛瑙珊瑚琉璃钻铂钯铑锗硒锌钙镁硼锰钼钒钛钨铬钴镍铟铼铱锇钌钽铌锆铪碲铋锑砷硫磷氟氯溴碘氦氖氩氪氙氡镭钫铯铷钾钠锂铍锶钡镓铊铅锡汞铜银金铁铝硅碳氮氧氢";
const SYLLABLES = ["ka", "lo", "mi", "zu", "re", "ta", "no", "vi", "xe", "qu", "po", "sa", "de", "fu", "gi"];

function hanWord(rng: Rng): string {
  let w = "";
  for (let n = int(rng, 2, 4); n > 0; n--) w += pick(rng, [...HAN]);
  return w;
}

function latinWord(rng: Rng): string {
  let w = "";
  for (let n = int(rng, 3, 4); n > 0; n--) w += pick(rng, SYLLABLES);
  return w;
}

/** "加 V 信" style: separators between the characters of a CJK keyword. */
function evade(rng: Rng, word: string): string {
  if (/^[a-z]+$/.test(word) || rng() < 0.5) return word;
  const sep = pick(rng, [" ", ".", "-", "❤️", "·"]);
  return [...word].join(sep);
}

export function writeExtraRules(options: ExtraOptions): ExtraRules {
  const rng = mulberry32(options.seed);
  const words = new Set<string>();
  while (words.size < options.keywords) words.add(rng() < 0.8 ? hanWord(rng) : latinWord(rng));
  const all = [...words];
  const moderation: Record<string, unknown>[] = [];
  for (let i = 0; i * 50 < all.length; i++) {
    moderation.push({
      id: `bench-keywords-${i}`,
      priority: 40,
      match: { keywords: all.slice(i * 50, i * 50 + 50) },
      actions: ["delete", "warn"],
    });
  }
  const regexes: string[] = [];
  for (let i = 0; i < options.regexes; i++) {
    const a = hanWord(rng);
    const b = hanWord(rng);
    const l = latinWord(rng);
    const shapes = [
      `${a}\\s*\\d{3,}`,
      `(?:${a}|${b}).{0,6}(?:领取|免费|找我)`,
      `\\b${l}[-_ ]?\\d{2,}\\b`,
      `${a}[^,，。]{0,8}${b}`,
      `[${a[0]}${b[0]}]\\s*[${a[1]}${b[1]}]\\s*\\d{4}`,
    ];
    regexes.push(shapes[i % shapes.length]!);
  }
  for (let i = 0; i * 5 < regexes.length; i++) {
    moderation.push({
      id: `bench-regex-${i}`,
      priority: 30,
      match: { regex: regexes.slice(i * 5, i * 5 + 5) },
      actions: ["delete", "warn"],
    });
  }
  const entries: Record<string, unknown>[] = [];
  const topics: string[] = [];
  for (let i = 0; i < options.faqs; i++) {
    const keywords = [hanWord(rng), hanWord(rng), hanWord(rng), latinWord(rng)];
    topics.push(keywords[0]!, keywords[3]!);
    entries.push({
      id: `bench-faq-${i}`,
      keywords,
      hints: [hanWord(rng), latinWord(rng)],
      answer: `关于${keywords[0]}：请咨询店员。 About ${keywords[3]}: ask our staff.`,
    });
  }
  const dir = mkdtempSync(join(tmpdir(), "qunguan-bench-rules-"));
  cpSync(options.rulesDir, dir, { recursive: true });
  writeFileSync(
    join(dir, "bench-extra.yaml"),
    `${JSON.stringify({ moderation, faq: { cooldown: "2m", entries } }, null, 1)}\n`,
  );
  const violations: string[] = [];
  for (let i = 0; i < 200; i++) {
    const w = pick(rng, all);
    violations.push(`${evade(rng, w)} ${pick(rng, ["找我", "便宜", "dm me", "今天特价", ""])}`.trim());
  }
  const questions: string[] = [];
  for (let i = 0; i < 200; i++) {
    const t = pick(rng, topics);
    questions.push(/^[a-z]+$/.test(t) ? `how does ${t} work?` : pick(rng, [`请问${t}怎么弄？`, `${t}有吗`]));
  }
  return { dir, violations, questions };
}
