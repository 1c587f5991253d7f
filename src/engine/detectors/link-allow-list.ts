/**
 * Whether a link found in a message is admitted by a links condition's
 * allow-list. An entry is one of:
 *
 * - a domain ("dianping.com"): the domain and its subdomains, any path;
 * - a URL prefix ("weixin.qq.com/g/abc123", "https://mp.weixin.qq.com/s/xyz"): that host
 *   exactly, and paths that start with it and end there or go on with "/", "?", "#" or "&";
 * - an id, with no dot and no slash ("abc123", an official account's __biz "mzi3ndu2nzg5mq=="):
 *   the WeChat invitation or contact link that names it (below).
 *
 * WeChat's invitation and contact links live under hosts a merchant allows for
 * its own pages: a group invitation (weixin.qq.com/g/…), a personal QR code
 * (weixin.qq.com/r/…, weixin.qq.com/q/…, u.wechat.com/…), an official account's
 * article or home page (mp.weixin.qq.com/s…, /mp/profile_ext…), any account's.
 * Spammers post these to take the group's customers elsewhere, so a domain entry
 * never admits them: only a URL prefix or an id naming the merchant's own does.
 */
import { isHostAllowed, type LinkHit } from "./links.js";

/** Path prefixes of WeChat's invitation and contact links, by host ("" for every path), each ending where a URL part does ("/g" covers "/g/…" and a bare "/g", not "/go"). */
const INVITATION_PATHS: ReadonlyMap<string, readonly string[]> = new Map([
  ["weixin.qq.com", ["/g", "/r", "/q"]],
  ["u.wechat.com", [""]],
  ["mp.weixin.qq.com", ["/s", "/mp/profile_ext"]],
]);

const SCHEME = /^[a-z][a-z0-9+.-]{1,15}:\/\//;

/** `link` as `plain` has it (findLinks' offsets), admitted by `allow` (entries in lower case, no "www."). */
export function isLinkAllowed(link: LinkHit, plain: string, allow: readonly string[]): boolean {
  const path = pathOf(plain.slice(link.start, link.end));
  if (isInvitation(link.host, path)) return allow.some((entry) => namesInvitation(entry, link.host, path));
  return (
    isHostAllowed(link.host, allow.filter(isDomainEntry)) ||
    allow.some((e) => prefixAdmits(e, link.host, path))
  );
}

/** A WeChat group invitation, personal QR code or official-account page. */
export function isInvitation(host: string, path: string): boolean {
  const prefixes = INVITATION_PATHS.get(host);
  return prefixes?.some((prefix) => continues(path, prefix)) ?? false;
}

/** The path, query and fragment of a link's text ("" for a bare host), spaces of an evasion taken out. */
function pathOf(linkText: string): string {
  const rest = linkText.replaceAll(" ", "").replace(SCHEME, "");
  const at = rest.search(/[/?#]/);
  return at < 0 ? "" : rest.slice(at);
}

function isDomainEntry(entry: string): boolean {
  return entry.includes(".") && !entry.includes("/");
}

/** A URL prefix entry or an id entry that names this invitation. */
function namesInvitation(entry: string, host: string, path: string): boolean {
  if (entry.includes("/")) return prefixAdmits(entry, host, path);
  if (entry.includes(".") || entry.length === 0) return false;
  return invitationIds(host, path).includes(entry);
}

/** The ids an invitation names: its path's last segment (the code) and an official account's __biz. */
function invitationIds(host: string, path: string): string[] {
  const [beforeQuery = "", query = ""] = path.split(/[?#]/, 2);
  const ids: string[] = [];
  const code = beforeQuery.split("/").filter(Boolean).at(-1);
  if (code !== undefined && !(host === "mp.weixin.qq.com" && (code === "s" || code === "profile_ext")))
    ids.push(code);
  for (const pair of query.split("&")) {
    const eq = pair.indexOf("=");
    if (eq > 0 && pair.slice(0, eq) === "__biz") ids.push(decodeURIComponentSafely(pair.slice(eq + 1)));
  }
  return ids;
}

/** Whether a URL prefix entry ("host/path…") admits this link: same host, path continuing the prefix at a boundary. */
function prefixAdmits(entry: string, host: string, path: string): boolean {
  if (!entry.includes("/")) return false;
  const bare = entry.replace(SCHEME, "").replace(/^www\./, "");
  const slash = bare.indexOf("/");
  if (bare.slice(0, slash) !== host) return false;
  return continues(path, bare.slice(slash));
}

/** `path` is `prefix`, or goes on from it where a URL's parts meet ("/s" is continued by "/s/x" and "/s?a", not "/sale"). */
function continues(path: string, prefix: string): boolean {
  if (!path.startsWith(prefix)) return false;
  if (path.length === prefix.length || prefix === "" || prefix.endsWith("/")) return true;
  return "/?#&".includes(path[prefix.length]!);
}

function decodeURIComponentSafely(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
