/**
 * Home addresses in chat messages. A Chinese address must reach building +
 * unit/room granularity (or, in Taiwan, section + house number + floor), so a
 * shop's street address ("人民路88号"), tables, floors and metro lines do not
 * fire. An English street address is a house number, street words and a
 * street type, and needs one more sign that it is someone's home: a flat or
 * unit, a postcode, or a word saying it is where someone lives or wants a
 * delivery ("I live at", "ship it to"), since "88 Nathan Road" alone is as
 * often the shop a member asks about. Matched on the raw text, so offsets are
 * exact; the hints, which every pattern needs, let most messages skip the
 * regex.
 */
import type { PiiHit } from "./pii.js";

const D = "[0-9０-９]";
const CN = "[一二三四五六七八九十两兩零〇]";
const NUM = `(?:${D}{1,5}|${CN}{1,3})`;
const LETTER = "[A-Za-zＡ-Ｚａ-ｚ]";
const SEP = "[\\s,，、\\-－—]{0,2}";
/** People type a space between a number and its unit ("23 号楼 4 单元", "12 樓之 1"). */
const SP = "[ \\u3000]?";
const BUILDING = `(?:${NUM}${SP}(?:栋|棟|幢|座|号楼|號樓|号院|號院|弄|[#＃](?:楼|樓)?)|${LETTER}${SP}(?:座|栋|棟|幢))`;
const UNIT = `${NUM}${SP}(?:单元|單元)`;
const HOUSE_NO = `${NUM}${SP}(?:号|號)`;
const ROOM_MARKED = `(?:${NUM}|${LETTER})${SP}(?:室|房|户|戶)`;
/** A bare room number after a building ("3栋2单元501"), not a price, count or time. */
const ROOM_BARE = `(?:${D}{3,4}|[一二三四五六七八九零〇]{3,4})(?![0-9０-９号號楼樓层層元块塊人位点點分米个個桌]|${SP}(?:元|块|塊|人|位|点|點|分|个|個|桌|号|號))`;
const FLOOR = `${NUM}${SP}(?:楼|樓|层|層|[fF](?![a-zA-Z]))`;
/** Part N of a floor or house divided into several homes (Taiwan: 5樓之3, 182號之1). */
const PART = `之${SP}${NUM}`;
/** A Taiwan road section ("文化路二段", "台灣大道 3 段"): what makes 號 + 樓 one home. */
const SECTION = `(?:路|街|道)${SP}${NUM}${SP}段${SEP}`;
/**
 * Not where the words before, in the same clause, make it a shop's address
 * ("你們店在中山路二段 3 號 2 樓嗎", "is your shop at 12 King St, Toronto M5V 3L9"):
 * for the forms that are a home only by their layout, which a shop shares.
 */
const NOT_SHOP = `(?<!(?:店|铺|舖|餐厅|餐廳|门市|門市|你们|你們|贵|貴|\\b(?:your|the)\\s+(?:shop|store|restaurant|branch|cafe|bakery|outlet)\\b)[^，。,.!?！？\\n]{0,24})`;
const ZH_ADDRESS = [
  // 幸福小区3栋2单元501, 朝阳路18号院5号楼1203室, 某某路100弄5号302室, 23 号楼 4 单元 501
  // 景鹏大厦B座18楼1803室: a floor may stand between the building and the room.
  `(?:${BUILDING}|${UNIT})${SEP}(?:${UNIT}${SEP})?(?:${HOUSE_NO}${SEP})?(?:${FLOOR}${SEP})?(?:${ROOM_MARKED}|${D}{3,4}${SP}(?:号|號)|${ROOM_BARE})`,
  // 朝阳路18号1203室, 彌敦道88號12樓B室, 文化路一段188號7樓之2
  `${HOUSE_NO}院?${SEP}(?:${FLOOR}${SEP}(?:${PART}|${ROOM_MARKED})|${ROOM_MARKED})`,
  // 12樓A室, 5楼502室: a flat by floor and room, the way Hong Kong and Taiwan write it.
  `${FLOOR}${SEP}${ROOM_MARKED}`,
  // 幸福小区3-2-501 (building-unit-room after a housing estate's name)
  `(?=${D})(?<=(?:小区|小區|花园|花園|家园|家園|新村|社区|社區|公寓|大厦|大廈|苑|园|園|城|府|庭|湾|灣|期|里)\\s{0,2})${D}{1,3}[-－—]${D}{1,2}[-－—]${D}{3,4}(?![0-9０-９])`,
  // 和平東路二段100巷5弄3號, 忠孝東路四段100巷5弄3號5樓 (lane and alley)
  `${NUM}${SP}巷${SEP}${NUM}${SP}(?:弄|衖)${SEP}${HOUSE_NO}(?:${SEP}${FLOOR}(?:${SEP}${PART})?)?`,
  // 某某路100弄5号: a Shanghai lane and its house is a home, room number or not.
  `${NUM}${SP}弄${SEP}${HOUSE_NO}`,
  // 文化路二段 182 號 7 樓, 台灣大道三段 99 號 12 樓之 1, 中正路一段 5 巷 20 號之 3: a house on a
  // section of a Taiwan road, down to its floor or part (the road itself is left out of the hit).
  `(?=${NUM})(?<=${SECTION})${NOT_SHOP}(?:${NUM}${SP}巷${SEP})?(?:${NUM}${SP}(?:弄|衖)${SEP})?${HOUSE_NO}(?:${SEP}${PART}(?:${SEP}${FLOOR})?|${SEP}${FLOOR}(?:${SEP}${PART})?)`,
].join("|");

/** Words that never stand inside a street's name, so "4 people on the way" is no street. */
const NOT_STREET_WORD =
  "(?:the|a|an|of|on|in|at|to|for|and|or|by|from|with|my|our|your|me|us|people|persons|pax|guests|pm|am|min|mins|minutes|hours|more|boxes|pieces|pcs)\\b";
/** One word of a street's name: "Baker", "West", "47th", "St." */
const STREET_WORD = `(?:(?!${NOT_STREET_WORD})[a-z]+\\.?|\\d{1,3}(?:st|nd|rd|th))`;
const STREET_TYPE_WORDS =
  "road|rd|street|st|avenue|ave|lane|ln|drive|dr|boulevard|blvd|terrace|crescent|court|ct|pl|highway|hwy|parkway|pkwy|square|sq";
/** Street types that are common English words too ("2 close friends"): only with a unit or postcode. */
const STREET_TYPE_AMBIGUOUS = "way|close|place";
/** House number (221B, 310), then up to three words of the name, then the street type. */
const street = (types: string) => `\\b\\d{1,5}[a-z]?,?\\s+(?:${STREET_WORD}\\s+){0,3}(?:${types})\\b`;
const EN_STREET = street(`${STREET_TYPE_WORDS}|${STREET_TYPE_AMBIGUOUS}`);
const EN_STREET_PLAIN_WORDS = street(STREET_TYPE_WORDS);
/** UK (NW1 6XE), US ZIP after a state (NY 10036, NY 10036-1234), Canada (M5V 3L9). */
const EN_POSTCODE =
  "\\b(?:[a-z]{1,2}\\d[a-z\\d]?\\s*\\d[a-z]{2}|[a-z]{2}\\s+\\d{5}(?:-\\d{4})?|[a-z]\\d[a-z]\\s?\\d[a-z]\\d)\\b";
/** Words saying the street that follows is someone's home or where a parcel goes. */
const EN_HOME_CUE =
  "\\b(?:live|lives|living|stay|staying|ship|send|deliver|bring|drop|mail|(?:my|our|home|delivery|shipping)\\s+address|(?:my|our)\\s+(?:place|home|house|flat|apartment))\\b[^.!?\\n\\d]{0,24}";

const EN_UNIT = "\\b(?:flat|apt|apartment|room|rm|unit|suite)\\.?\\s*#?\\s*(?:\\d{1,5}[a-z]?|[a-z])\\b";
const EN_BUILDING =
  "\\b(?:block|blk|tower|building|bldg)\\.?\\s*(?:\\d{1,4}[a-z]?|[a-z])\\b|\\b(?:\\d{1,3}|g)\\s*/\\s*f\\b|\\b\\d{1,3}(?:st|nd|rd|th)\\s+floor\\b|\\bfloor\\s+\\d{1,3}\\b";
// Flat 12B, 88 Nathan Road / Apt 5, 123 Main Street / Room 1203, Block 4 (either order), and
// Block 5, 16/F, Flat C: a block, a floor and a street may come together.
// Singapore HDB: Blk 456 Ang Mo Kio Ave 10 #08-123 (block, street, then #floor-unit)
const SG_HDB = "\\b(?:blk|block)\\.?\\s*\\d{1,4}[a-z]?\\b[^#\\n]{0,40}#\\s?\\d{1,3}-\\d{1,5}[a-z]?\\b";
const EN_ADDRESS = [
  `${EN_UNIT}(?:(?:[\\s,]{0,3}(?:${EN_BUILDING})){1,2}(?:[\\s,]{0,3}${EN_STREET})?|[\\s,]{0,3}${EN_STREET})`,
  `(?:(?:${EN_BUILDING}|${EN_STREET})[\\s,]{0,3}){1,3}${EN_UNIT}`,
  SG_HDB,
  // 221B Baker Street, London NW1 6XE / 1600 Pennsylvania Ave, Washington, DC 20500
  `(?=\\d)${NOT_SHOP}${EN_STREET}(?:,?\\s+[a-z]+){0,3},?\\s+${EN_POSTCODE}`,
  // I live at 42 Elm Street / ship it to 310 West 47th St
  `(?=\\d)(?<=${EN_HOME_CUE})${EN_STREET_PLAIN_WORDS}`,
].join("|");

const ADDRESS_SOURCE = `${ZH_ADDRESS}|${EN_ADDRESS}`;
const ADDRESS_ALL = new RegExp(ADDRESS_SOURCE, "gi");
const ADDRESS_ANY = new RegExp(ADDRESS_SOURCE, "i");
/**
 * For storage, any house number and street ("posted 221B Baker Street"): in
 * English that is most often one home, and masking a shop's costs little.
 */
const ADDRESS_ALL_GREEDY = new RegExp(`${ADDRESS_SOURCE}|${EN_STREET_PLAIN_WORDS}`, "gi");

/**
 * Every address pattern needs one of these, in raw text; most messages have
 * none and skip the big regex. A house number before a word ("221B Baker") is
 * the English street's: broader than `addressHint`, as redaction may mask more.
 */
const ADDRESS_HINT_RAW =
  /[栋棟幢座弄单單室房户戶巷之段#＃]|号楼|號樓|号院|號院|[0-9０-９][-－—][0-9０-９]|[0-9][a-z]?,?\s+[a-z]|flat|apt|apartment|room|rm|unit|suite/i;

// The same hint on `plain` text (lower-case, Simplified, half-width, one kind of
// space), as a table-driven loop: the per-message path, where the regex above
// measured several times slower than the loop below.
const H_CHAR = 1;
/** 号, a hint when 楼 or 院 follows. */
const H_HAO = 2;
/** A digit, a hint when a dash and a digit follow ("3-2-501"), or words and a street type ("221b baker street"). */
const H_DIGIT = 3;
/** A letter that may start "flat", "apt", "apartment", "room", "rm", "unit", "suite". */
const H_WORD = 4;
const HINT = new Uint8Array(0x10000);
for (const ch of "栋幢座弄单室房户巷之段#") HINT[ch.charCodeAt(0)] = H_CHAR;
HINT["号".charCodeAt(0)] = H_HAO;
for (let c = 0x30; c <= 0x39; c++) HINT[c] = H_DIGIT;
for (const ch of "farus") HINT[ch.charCodeAt(0)] = H_WORD;
const LOU = "楼".charCodeAt(0);
const YUAN = "院".charCodeAt(0);

const isLower = (c: number) => c >= 0x61 && c <= 0x7a;

/** Whether `plain` holds something every address pattern needs. */
export function addressHint(p: string): boolean {
  const n = p.length;
  for (let i = 0; i < n; i++) {
    const h = HINT[p.charCodeAt(i)];
    if (h === 0) continue;
    if (h === H_CHAR) return true;
    if (h === H_HAO) {
      const c = p.charCodeAt(i + 1);
      if (c === LOU || c === YUAN) return true;
    } else if (h === H_DIGIT) {
      const c = p.charCodeAt(i + 1);
      const d = p.charCodeAt(i + 2);
      if ((c === 0x2d || c === 0x2014) && d >= 0x30 && d <= 0x39) return true;
      if (houseNumberEndsAt(p, i)) return true;
    } else if (unitWordAt(p, i)) {
      return true;
    }
  }
  return false;
}

const STREET_TYPES = new Set(`${STREET_TYPE_WORDS}|${STREET_TYPE_AMBIGUOUS}`.split("|"));
const isWordChar = (c: number) => isLower(c) || (c >= 0x30 && c <= 0x39);

/**
 * A house number ending at `i` (after an optional letter and comma) and a
 * street type among the next four words: "221b baker street", "310 west 47th st".
 */
function houseNumberEndsAt(p: string, i: number): boolean {
  let j = i + 1;
  if (isLower(p.charCodeAt(j))) j++;
  if (p.charCodeAt(j) === 0x2c) j++;
  for (let word = 0; word < 4; word++) {
    if (p.charCodeAt(j) !== 0x20 || !isWordChar(p.charCodeAt(j + 1))) return false;
    const from = ++j;
    while (isWordChar(p.charCodeAt(j))) j++;
    if (STREET_TYPES.has(p.slice(from, j))) return true;
    if (p.charCodeAt(j) === 0x2e) j++;
  }
  return false;
}

/** "flat", "apt", "apartment", "room", "rm", "unit" or "suite" at `i`. */
function unitWordAt(p: string, i: number): boolean {
  // Letter pairs first: they rule out nearly every English word without a string compare.
  const pair = (p.charCodeAt(i) << 8) | p.charCodeAt(i + 1);
  switch (pair) {
    case 0x666c: // fl
      return p.startsWith("flat", i);
    case 0x6170: // ap
      return p.startsWith("apt", i) || p.startsWith("apartment", i);
    case 0x726d: // rm
      return true;
    case 0x726f: // ro
      return p.startsWith("room", i);
    case 0x756e: // un
      return p.startsWith("unit", i);
    case 0x7375: // su
      return p.startsWith("suite", i);
    default:
      return false;
  }
}

/** The hint for raw text, as redaction (which has no `plain` form) checks it. */
export function addressHintRaw(s: string): boolean {
  return ADDRESS_HINT_RAW.test(s);
}

/** Whether `s` holds an address (stops at the first). */
export function hasAddress(s: string): boolean {
  return ADDRESS_ANY.test(s);
}

/** Finds addresses in `s`, appending hits to `out`; `greedy` takes every English street with a house number. */
export function scanAddresses(s: string, out: PiiHit[], greedy = false): void {
  const re = greedy ? ADDRESS_ALL_GREEDY : ADDRESS_ALL;
  re.lastIndex = 0;
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    out.push({ kind: "address", start: m.index, end: m.index + m[0].length });
  }
}
