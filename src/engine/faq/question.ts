/**
 * Does a message ask something? FAQ answers need precision more than recall:
 * an answer nobody asked for is spam. "我已经订好位了" mentions booking but
 * asks nothing; "怎么订位" and "can I book a table" ask. Works on the plain
 * normalised form (lower-case, Simplified, full-width folded).
 */

// Chinese question particles at the end of a clause: 开门吗 / 有停车位么 / 在哪呢 / 开了没.
// 呢 is left out: "我在排队呢" states. 这么/什么/干嘛 are not particles.
const ZH_FINAL_PARTICLE =
  /(?:吗|伐|冇|未|(?<![这那什怎多要干好])(?:么|麽|嘛)|(?<![还也都])没有?|(?<![我也都就还])不|与否)\s*[!.~。…啊呀哈]*$|(?:吗|伐|(?<![我也都就还])不)[\s,，。!~]/u;
// Words that ask: who/what/when/where/how/how much, A-not-A forms, and polite request openers.
// 几 after 十/百/千 or 好 counts ("三十几个人", "二十几块", "好几次") instead of asking. 点去 after a time
// ("十点去的时候") is when, not Cantonese how.
const ZH_ASKING =
  /(?<![十百千万好])几[点时号位个楼层站天分块钱人岁月年次桌折公路趟班米里]|什么时候|什么|啥|咋|怎么|怎样|如何|哪|多少|多久|多远|多长|多大|多贵|有没|是不是|能不能|可不可以|可以不|行不行|要不要|会不会|有木有|请问|问一下|问下|问问|求问|想问|想知道|有人知道|谁知道|知道吗|告诉我|咨询|发一下|发下|发个|给个|求个|麻烦发|有冇|边度|边个|喺边|边间|(?<![\d一二三四五六七八九十两半])点样|(?<![\d一二三四五六七八九十两半])点去|咩|乜|系咪|哪能|阿是/u;
// A-not-A questions: 送不送, 开没开, 有没有.
const ZH_A_NOT_A = /([\u4e00-\u9fff])[不没唔冇]\1/u;
// Exclamations that use asking words without asking: 怎么这么好吃 / 没什么 / 什么都好.
const ZH_NOT_ASKING =
  /怎么这么|怎么那么|没什么|什么都|啥都|多少有点|不知道怎么|不管怎么|怎么也|冇咩|(?:我们|咱们|他们|我哋)几个|没想好|想不出|不知道(?:该|要)?.{0,3}什么/u;
// 吗 asks wherever it stands ("停车位好找吗老板"), but for 干吗 (why / what for) and 吗啡.
const ZH_MA = /(?<!干)吗(?!啡)/u;

const EN_OPENER =
  /^(?:hi|hello|hey|excuse me|sorry|please|pls|plz|quick question|question)?[\s,!.]*(?:what|whats|when|whens|where|wheres|how|hows|which|who|why|is|are|am|do|does|did|can|could|will|would|should|may|might|any|anyone|anybody|has|have|r u|u open|wat)\b/;
const EN_ASKING =
  /\b(?:what time|how (?:do|can|much|many|long|far|to|late|early)|do you (?:have|know|open|deliver|offer|take|accept)|can (?:i|we|you)|could (?:i|we|you)|is there|are there|are you|is it|does anyone|anyone know|i wonder|wondering|tell me|let me know|any (?:idea|chance)|(?:are|do|can|r) u|ur (?:address|hours|location))\b/;

/** True when the text asks a question (in Chinese or English). */
export function isQuestion(plain: string): boolean {
  if (plain.length === 0) return false;
  if (plain.includes("?")) return true;
  if (hasCjk(plain)) {
    if (ZH_FINAL_PARTICLE.test(plain)) return true;
    if (ZH_MA.test(plain) || ZH_A_NOT_A.test(plain) || plain.includes("是否")) return true;
    if (ZH_ASKING.test(plain) && !ZH_NOT_ASKING.test(plain)) return true;
  }
  // Mixed messages ("老板 can i 订 a table") ask in English too.
  return EN_OPENER.test(plain) || EN_ASKING.test(plain);
}

function hasCjk(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x3400 && c <= 0x9fff) return true;
  }
  return false;
}
