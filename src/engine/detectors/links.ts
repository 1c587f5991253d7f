/**
 * Links in chat messages: URLs with a scheme, and bare domains with a known
 * top-level domain, including the spellings spammers use to dodge link
 * filters ("www . xxx . com", "xxx[.]com", "xxx 点 com", "t . me / xxx").
 * Scans `plain`, where full-width dots and letters are already ASCII.
 */
import type { NormalizedText } from "../text/normalize.js";

/** `host` is lower-case without "www."; offsets are UTF-16 positions in `text.plain`. */
export interface LinkHit {
  host: string;
  start: number;
  end: number;
}

/**
 * Top-level domains recognised in a bare domain. Deliberately compact: the
 * common gTLDs, the ccTLDs seen in this market, the ones link shorteners and
 * spam use. Words that end sentences or names ("mr.li", "log.in", "join.us",
 * "mr.wang") are left out, and so are all file extensions (jpg, png, pdf…).
 */
const TLDS = new Set(
  (
    "com net org edu gov int info biz pro mobi asia cn hk tw mo sg jp kr uk de fr ru au ca eu " +
    "nz vn th ph io me co cc ly tk tv ai gl gd gy im ws pw gg top xyz vip app shop site online " +
    "club dev ltd xin ink link live work fun icu store website space tech cloud life world win " +
    "bet casino red loan click buzz"
  ).split(" "),
);

/**
 * TLDs trusted after a loose separator ("点", "dot", " . ", "。"): ones that
 * are not also everyday words, so "8点vip包间" or "ok. me too" is no link.
 */
const STRONG_TLDS = new Set("com net org cn cc top xyz io me co tk ly hk tw info biz".split(" "));

/** File extensions are never TLDs here, whatever the list above grows into. */
const FILE_EXTENSIONS = (
  "jpg jpeg png gif webp bmp heic pdf doc docx xls xlsx ppt pptx txt zip rar 7z mp3 mp4 mov " +
  "avi apk exe js ts py md html htm php css json csv"
).split(" ");
for (const ext of FILE_EXTENSIONS) {
  TLDS.delete(ext);
  STRONG_TLDS.delete(ext);
}

const SEP_NONE = 0;
const SEP_TIGHT = 1;
/** "[.]", "(.)", "{.}", "<.>": unmistakably meant as a dot. */
const SEP_BRACKET = 2;
/** "dot", " . ", " .", "·": could be prose, so only strong TLDs count. */
const SEP_LOOSE = 3;
/** "点", "。": loose, and after a bare number it is a time ("8点top榜"), so the label before needs a letter. */
const SEP_DIAN = 4;

/** Where the separator last matched by `matchSeparator` ends (saves allocating a result). */
let sepEnd = 0;

function isLabelChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x5f;
}

function isLabelStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
}

/** A dot inside brackets: ".", "点", "dot". Returns the index after it, or -1. */
function bracketedDot(p: string, k: number): number {
  const c = p.charCodeAt(k);
  if (c === 0x2e || c === 0x70b9) return k + 1;
  if (p.startsWith("dot", k)) return k + 3;
  return -1;
}

/** The closing bracket for each opening one: [] () {} <>. */
const CLOSERS: Record<number, number> = { 91: 0x5d, 40: 0x29, 123: 0x7d, 60: 0x3e };

/** Matches a dot spelling at `k`; sets `sepEnd` and returns its looseness, or SEP_NONE. */
function matchSeparator(p: string, k: number): number {
  let c = p.charCodeAt(k);
  if (c === 0x2e) {
    sepEnd = k + 1;
    return SEP_TIGHT;
  }
  let spaced = false;
  let at = k;
  if (c === 0x20) {
    spaced = true;
    at = k + 1;
    c = p.charCodeAt(at);
  }
  let end = -1;
  let kind = SEP_LOOSE;
  if (c === 0x2e || c === 0xb7) {
    // " .", "·"
    end = at + 1;
  } else if (c === 0x70b9 || c === 0x3002) {
    // "点", "。"
    end = at + 1;
    kind = SEP_DIAN;
  } else if (CLOSERS[c] !== undefined) {
    const inner = bracketedDot(p, at + 1);
    if (inner > 0 && p.charCodeAt(inner) === CLOSERS[c]) {
      end = inner + 1;
      kind = SEP_BRACKET;
    }
  } else if (spaced && p.startsWith("dot ", at)) {
    end = at + 3;
  }
  if (end < 0) return SEP_NONE;
  // A trailing space belongs to the separator ("xxx 点 com"). (A plain dot
  // returned above: a space only after a dot is how sentences end, "ok. me too".)
  if (p.charCodeAt(end) === 0x20) end++;
  sepEnd = end;
  return kind;
}

/** Label spans and the separator before each, reused across calls. */
const labelStart: number[] = [];
const labelEnd: number[] = [];
const sepKind: number[] = [];

function label(p: string, k: number): string {
  return p.slice(labelStart[k]!, labelEnd[k]!);
}

/** End of a path, query or port after a host ("/3kQz9Xa", ":8080/x", " / giveaway"). */
function pathEnd(p: string, end: number, spacedSlash: boolean): number {
  let k = end;
  if (p.charCodeAt(k) === 0x3a && isDigit(p.charCodeAt(k + 1))) {
    k++;
    while (isDigit(p.charCodeAt(k))) k++;
  }
  let c = p.charCodeAt(k);
  if (spacedSlash && c === 0x20 && p.charCodeAt(k + 1) === 0x2f) {
    k++;
    c = 0x2f;
  }
  if (c !== 0x2f && c !== 0x3f && c !== 0x23) return k;
  k++;
  if (spacedSlash && p.charCodeAt(k) === 0x20) k++;
  // Printable ASCII other than space: CJK text right after a URL is not part of it.
  while (k < p.length) {
    c = p.charCodeAt(k);
    if (c <= 0x20 || c >= 0x7f) break;
    k++;
  }
  return k;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Drops leading "www." labels, keeping at least a name and a TLD ("www.com" stays). */
function stripWww(host: string): string {
  let h = host;
  while (h.startsWith("www.") && h.indexOf(".", 4) > 4) h = h.slice(4);
  return h;
}

/** Dotted-quad IPv4 address from labels 0..3, or undefined. */
function ipv4(p: string, count: number): string | undefined {
  if (count !== 4) return undefined;
  for (let k = 0; k < 4; k++) {
    if (k > 0 && sepKind[k] !== SEP_TIGHT) return undefined;
    const l = label(p, k);
    if (l.length > 3 || !/^\d+$/.test(l) || Number(l) > 255) return undefined;
  }
  return `${label(p, 0)}.${label(p, 1)}.${label(p, 2)}.${label(p, 3)}`;
}

/** URLs with a scheme ("https://…", "hxxp://…", "weixin://…"): any host counts. */
const SCHEME_URL = /\b[a-z][a-z0-9+.-]{1,15}:\/\/([a-z0-9._~%@\-[\]]+)/g;
const TRAILING_DOTS = /\.+$/;
/** Every bare-domain spelling needs one of these; most messages have none. */
const LINK_HINT = /[.。点·]|dot|:\/\//;
/**
 * The same as strings: the rule set's message scanner looks for them in its
 * one pass, so a links condition skips `findLinks` when none occurs.
 */
export const LINK_HINTS: ReadonlySet<string> = new Set([".", "。", "点", "·", "dot", "://"]);

/**
 * A scheme with spaces around its punctuation ("https : / / hongbao-888 . vip"), as the letters of
 * a spelled-out "h t t p s" read back leave it: the stretch after it, up to anything that is not
 * a letter, digit, space or URL punctuation, is read with the spaces beside the punctuation gone.
 */
const SPACED_SCHEME = /https? ?: ?\/ ?\/[a-z0-9 ._\-/]*/g;
const SPACE_BESIDE_PUNCTUATION = / ?([.:/-]) ?/g;

/** Characters spelled out one by one: "h t t p s : / / 5 u 8 . c c". */
const SPACED_OUT = /(?<![^ ])[!-~](?: [!-~]){3,}(?![^ ])/g;

/**
 * URLs and bare domains in text, including evasions: "www . xxx . com",
 * "xxx[.]com", "xxx(.)com", "xxx 点 com", "h t t p s : / / x . c c",
 * full-width dots, t.me/xxx, wa.me/…, bit.ly/…, IPs. Decimals, times,
 * abbreviations ("e.g.", "Mr.Li") and file names ("menu.jpg") are not links.
 * In order of position.
 */
export function findLinks(text: NormalizedText): LinkHit[] {
  const p = text.plain;
  if (!LINK_HINT.test(p)) return [];
  const out = scanLinks(p);
  if (p.includes(" ") && SPACED_OUT.test(p)) {
    // Rare path: read each spelled-out stretch with its spaces taken out. Its
    // characters stand two apart, so offsets map back by doubling.
    const before = out.length;
    SPACED_OUT.lastIndex = 0;
    for (let m = SPACED_OUT.exec(p); m !== null; m = SPACED_OUT.exec(p)) {
      const at = m.index;
      for (const h of scanLinks(m[0].replaceAll(" ", ""))) {
        out.push({ host: h.host, start: at + 2 * h.start, end: at + 2 * (h.end - 1) + 1 });
      }
    }
    if (out.length > before) dedupe(out);
  }
  if (p.includes(" ") && p.includes("http")) {
    const before = out.length;
    SPACED_SCHEME.lastIndex = 0;
    for (let m = SPACED_SCHEME.exec(p); m !== null; m = SPACED_SCHEME.exec(p)) {
      const stretch = m[0].trimEnd();
      if (!stretch.includes(" ")) continue;
      const at = m.index;
      // Read with the spaces beside punctuation gone ("bit . ly / x now"), or, when that leaves no
      // domain, with every space gone ("5 u 8 . c c / a b", spelled out to the end).
      let hits = scanLinks(stretch.replace(SPACE_BESIDE_PUNCTUATION, "$1")).filter((h) =>
        h.host.includes("."),
      );
      if (hits.length === 0) hits = scanLinks(stretch.replaceAll(" ", ""));
      for (const h of hits) out.push({ host: h.host, start: at, end: at + stretch.length });
    }
    if (out.length > before) dedupe(out);
  }
  return out;
}

/** Links in `p`, in order of position, none overlapping. */
function scanLinks(p: string): LinkHit[] {
  const out: LinkHit[] = [];
  let covered = 0;
  if (p.includes("://")) {
    SCHEME_URL.lastIndex = 0;
    for (let m = SCHEME_URL.exec(p); m !== null; m = SCHEME_URL.exec(p)) {
      const hostPart = m[1]!;
      const at = hostPart.lastIndexOf("@");
      // Drop user info ("user@host") and the trailing dot of a fully qualified name.
      const host = stripWww((at >= 0 ? hostPart.slice(at + 1) : hostPart).replace(TRAILING_DOTS, ""));
      if (host.length === 0) continue;
      const end = pathEnd(p, m.index + m[0].length, false);
      out.push({ host, start: m.index, end });
      SCHEME_URL.lastIndex = end;
    }
    if (out.length > 0) covered = 1;
  }
  const n = p.length;
  let hit = 0;
  for (let i = 0; i < n; i++) {
    if (!isLabelStart(p.charCodeAt(i))) continue;
    if (i > 0) {
      const before = p.charCodeAt(i - 1);
      if (isLabelChar(before) || before === 0x2e) continue;
    }
    if (covered && insideHit(out, i)) continue;
    // Read the chain of labels and separators starting here.
    let count = 0;
    let k = i;
    for (;;) {
      const s = k;
      while (k < n && isLabelChar(p.charCodeAt(k))) k++;
      labelStart[count] = s;
      labelEnd[count] = k;
      count++;
      const sep = matchSeparator(p, k);
      if (sep === SEP_NONE || !isLabelStart(p.charCodeAt(sepEnd))) break;
      sepKind[count] = sep;
      k = sepEnd;
    }
    if (count >= 2) {
      const found = judgeChain(p, count);
      if (found !== undefined) {
        out.push(found);
        hit++;
        i = found.end - 1;
        continue;
      }
    }
    i = k - 1;
  }
  // A bare domain's path can run over a URL with a scheme ("a.com/http://b").
  if (covered && hit > 0) dedupe(out);
  return out;
}

/** Sorts hits by position and drops any overlapping an earlier one. */
function dedupe(out: LinkHit[]): void {
  out.sort((a, b) => a.start - b.start);
  let w = 1;
  for (let r = 1; r < out.length; r++) if (out[r]!.start >= out[w - 1]!.end) out[w++] = out[r]!;
  out.length = w;
}

function insideHit(hits: readonly LinkHit[], i: number): boolean {
  for (const h of hits) if (i >= h.start && i < h.end) return true;
  return false;
}

/** A link from the chain of `count` labels just read, or undefined. */
function judgeChain(p: string, count: number): LinkHit | undefined {
  const ip = ipv4(p, count);
  if (ip !== undefined) return { host: ip, start: labelStart[0]!, end: pathEnd(p, labelEnd[3]!, false) };
  let loose = false;
  let last = -1;
  let lastLoose = false;
  for (let k = 1; k < count; k++) {
    if (sepKind[k] === SEP_DIAN && !/[a-z]/.test(label(p, k - 1))) break;
    if (sepKind[k]! >= SEP_LOOSE) loose = true;
    const l = label(p, k);
    if (TLDS.has(l) && (!loose || STRONG_TLDS.has(l))) {
      last = k;
      lastLoose = loose;
    }
  }
  // "www." announces a URL whatever follows it ("www.example.unknowntld").
  if (last < 0 && count >= 3 && label(p, 0) === "www" && label(p, 1) !== "www") {
    last = count - 1;
    lastLoose = loose;
  }
  if (last < 0) return undefined;
  let host = label(p, 0);
  for (let k = 1; k <= last; k++) host += `.${label(p, k)}`;
  return {
    host: stripWww(host),
    start: labelStart[0]!,
    end: pathEnd(p, labelEnd[last]!, lastLoose),
  };
}

/** True when host equals an allowed domain or is a subdomain of it ("m.dianping.com" under "dianping.com"). */
export function isHostAllowed(host: string, allow: readonly string[]): boolean {
  const h = stripWww(host.toLowerCase());
  for (const entry of allow) {
    let d = entry.toLowerCase();
    // Accept "*.example.com", ".example.com" and "www.example.com" as meaning example.com.
    if (d.startsWith("*.")) d = d.slice(2);
    else if (d.startsWith(".")) d = d.slice(1);
    d = stripWww(d);
    if (d.length === 0) continue;
    if (h === d) return true;
    if (h.length > d.length && h.endsWith(d) && h.charCodeAt(h.length - d.length - 1) === 0x2e) return true;
  }
  return false;
}
