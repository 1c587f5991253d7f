/**
 * The text rules see for a WeChat card. Spammers keep the visible title bland
 * and put the payload where members still read it or tap through to it: a
 * mini-program's appid, its account (gh_…) and the page it opens with its
 * query ("pages/join?wx=abc123"), a contact card's nickname and WeChat id. So
 * every such field goes into the text, one a line, for keyword, handle and link
 * rules to judge whoever sends the card, established member or newcomer.
 *
 * Identifiers go in without the prefixes WeChat puts on every one of them
 * ("wx" on an appid, "gh_…@app" on an account, "wxid_" on a contact): the rest is
 * what a spammer chose, while "wx5f8…" or "wxid_…" would read to the handle rules
 * as a WeChat id handed out, on every card an ordinary member shares.
 */
import type { ContactInterface, MessageInterface } from "wechaty/impls";
import type { MessageKind } from "../../src/core/chat-event.js";

/** A card's text, or undefined for a message that is no card (its own text is judged). */
export async function cardText(message: MessageInterface, kind: MessageKind): Promise<string | undefined> {
  if (kind === "link_card") {
    const link = await message.toUrlLink();
    return lines([link.title(), link.description(), link.url()]);
  }
  if (kind === "mini_program") {
    const mini = await message.toMiniProgram();
    return lines([
      mini.title(),
      mini.description(),
      withoutPlatformAffixes(mini.appid()),
      withoutPlatformAffixes(mini.username()),
      mini.pagePath(),
    ]);
  }
  if (kind === "contact_card") return contactCardText(await message.toContact());
  return undefined;
}

/** The carded contact as members see it on the card: nickname, then its WeChat id (微信号, read from the payload: `weixin()` is deprecated and logs a trace) and id. */
function contactCardText(contact: ContactInterface): string {
  return lines([
    contact.name(),
    withoutPlatformAffixes(contact.payload?.weixin),
    withoutPlatformAffixes(contact.id),
  ]);
}

/** "wx1a2b…" → "1a2b…", "gh_3f2a@app" → "3f2a", "wxid_abc" → "abc": what is left was chosen by someone. */
function withoutPlatformAffixes(id: string | undefined): string | undefined {
  return id?.replace(/^(?:wxid_|gh_|wx(?=[0-9a-f]{16}$))/i, "").replace(/@app$/i, "");
}

function lines(fields: (string | undefined)[]): string {
  const seen = new Set<string>();
  for (const field of fields) {
    const value = field?.trim();
    if (value) seen.add(value);
  }
  return [...seen].join("\n");
}
