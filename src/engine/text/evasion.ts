/**
 * Alias tables for the evasions spammers use to slip contact details and ad
 * words past keyword filters. Data only: `normalize.ts` compiles them into
 * lookup tables once at module load. All entries are in the form they take
 * after the `plain` step (lower-case, NFKC, Simplified), because `compact` is
 * built from `plain`.
 */

/**
 * Chinese numerals read digit by digit (phone numbers: "一三八…", "幺三八…"),
 * including the financial forms. Folded to ASCII digits only inside a run of
 * `NUMERAL_RUN_MIN` or more numerals/digits, so words like "一个" stay intact.
 * "○" (white circle) is a common stand-in for 〇.
 */
export const CHINESE_NUMERALS: Readonly<Record<string, string>> = {
  零: "0",
  〇: "0",
  "○": "0",
  一: "1",
  幺: "1",
  壹: "1",
  二: "2",
  贰: "2",
  三: "3",
  叁: "3",
  四: "4",
  肆: "4",
  五: "5",
  伍: "5",
  六: "6",
  陆: "6",
  七: "7",
  柒: "7",
  八: "8",
  捌: "8",
  九: "9",
  玖: "9",
};

/**
 * Shortest run of numerals/digits in which Chinese numerals are read as
 * digits, and in which the letters of `DIGIT_LETTERS` are.
 */
export const NUMERAL_RUN_MIN = 5;

/**
 * Shortest run of numerals read as digits right after a Latin letter: the
 * digits of a handle ("abc一二三", "tuan壹贰叁"). A handle's letters come
 * first, so numerals before letters ("一二三go") stay words.
 */
export const HANDLE_NUMERAL_MIN = 3;

/**
 * Letters written for digits in phone and QQ numbers ("138 OO12 3456",
 * "1O24886", "l38…"), as found in `plain` (lower case). Read as digits only
 * between digits, inside a run of NUMERAL_RUN_MIN or more that is mostly
 * digits: "lol", "hello2025", "iphone15" and "5o元" keep their letters.
 */
export const DIGIT_LETTERS: Readonly<Record<string, string>> = { o: "0", i: "1", l: "1" };

/** Look-alikes of 微 used in "薇信", "威信", "徽信": folded to 微 when a 信-like char follows. */
export const WEI_ALIASES = "薇威徽嶶溦徾";

/** Look-alikes of 信 used in "微芯", "v芯": folded to 信 after 微 (or an alias of it) or "v". */
export const XIN_ALIASES = "芯伈訫㐰";

/** Plus signs read as 加 ("+v", "➕微", "+q") when one of `PLUS_FOLLOWERS` comes next. */
export const PLUS_SIGNS = "+➕✚✙✛✜";

/** What may follow a plus sign for it to mean 加: v/w(x) for WeChat, q/扣 for QQ, 微 and its aliases. */
export const PLUS_FOLLOWERS = `vwq扣微${WEI_ALIASES}`;

/** Symbols drawn as a "v" ("加√", "加∨"): read as v only right after 加. */
export const V_SYMBOLS = "√∨✓✔";

/**
 * Look-alikes of Latin letters that Unicode's confusables data (see
 * lookalikes.ts) does not resolve to an ASCII letter: handwriting-style ones
 * (Cyrillic г for r, п for n, ш for w), letters listed only as another
 * non-ASCII letter, and small capitals. Lower-case only (`plain` is already
 * lower-cased). Where Unicode's data has an entry, it wins.
 */
export const HANDWRITTEN_LOOKALIKES: Readonly<Record<string, string>> = {
  // Cyrillic
  а: "a",
  в: "b",
  г: "r",
  е: "e",
  ё: "e",
  і: "i",
  ї: "i",
  ј: "j",
  к: "k",
  м: "m",
  н: "h",
  о: "o",
  п: "n",
  р: "p",
  с: "c",
  т: "t",
  у: "y",
  х: "x",
  ш: "w",
  щ: "w",
  ъ: "b",
  ь: "b",
  ѕ: "s",
  ѵ: "v",
  ԁ: "d",
  ԛ: "q",
  ԝ: "w",
  һ: "h",
  ӏ: "l",
  // Greek
  α: "a",
  β: "b",
  γ: "y",
  ε: "e",
  η: "n",
  ι: "i",
  κ: "k",
  μ: "u",
  ν: "v",
  ο: "o",
  π: "n",
  ρ: "p",
  σ: "o",
  ς: "c",
  τ: "t",
  υ: "u",
  χ: "x",
  ω: "w",
  // Latin letters outside ASCII that NFKC leaves alone
  ı: "i",
  ȷ: "j",
  ɑ: "a",
  ɡ: "g",
  ɩ: "i",
  ʏ: "y",
  ᴀ: "a",
  ᴄ: "c",
  ᴅ: "d",
  ᴇ: "e",
  ᴋ: "k",
  ᴍ: "m",
  ᴏ: "o",
  ᴘ: "p",
  ᴛ: "t",
  ᴜ: "u",
  ᴠ: "v",
  ᴡ: "w",
  ᴢ: "z",
  ʙ: "b",
  ʜ: "h",
  ɪ: "i",
  ʟ: "l",
  ɴ: "n",
  ʀ: "r",
  ꜱ: "s",
  ꜰ: "f",
  ɢ: "g",
  ᴊ: "j",
  ǫ: "q",
};

/**
 * Shortest whole-pinyin spelling of a keyword that counts ("weixin",
 * "jiakoukou"): shorter ones ("jiav") are too easily English or other words.
 */
export const PURE_PINYIN_MIN = 5;

/**
 * Words whose whole-pinyin spelling is itself the evasion: the contact apps.
 * Only keywords holding one of them are matched in whole pinyin ("jia wei
 * xin", "weixin hao"). Whole pinyin is otherwise too ambiguous: "bocai" is 博彩
 * to a spammer but 菠菜 (spinach) or a name to everyone else, while "bo彩"
 * keeps the character that says which word it is.
 */
export const PURE_PINYIN_WORDS: readonly string[] = ["微信", "扣扣"];

/** Latin letters written for one character besides its pinyin: v for 微 ("v信", "加v"). */
export const PINYIN_ALIASES: Readonly<Record<string, readonly string[]>> = { 微: ["v"] };

/**
 * Latin abbreviations written for a whole word: wx/vx for 微信. (Not qq for
 * 扣扣: "qq" is the app's own name, which "QQ音乐" shares, and rule files
 * list it where they mean it.)
 */
export const PINYIN_ABBREVIATIONS: Readonly<Record<string, readonly string[]>> = { 微信: ["wx", "vx"] };

/** English words for digits, as members read a number out ("one three eight…", "oh nine"). */
export const DIGIT_WORDS: Readonly<Record<string, string>> = {
  zero: "0",
  oh: "0",
  one: "1",
  two: "2",
  three: "3",
  four: "4",
  five: "5",
  six: "6",
  seven: "7",
  eight: "8",
  nine: "9",
};
