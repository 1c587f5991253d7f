/**
 * Is a question for the shop? A question about another place ("对面商场几点关门"), one put to the
 * other members ("你们谁开车来的"), or a complaint that names a topic ("外卖怎么还没到，等了一个小时了！")
 * is not answered with the shop's canned FAQ text: the first two are not the shop's to answer, and
 * a complaint wants a person (the complaint desk), not the delivery times. A question that names the
 * shop ("这家几点开门有人知道吗") is the shop's again. Works on the plain normalised form.
 */

// Names of the shop itself: a question that names it is for it, whoever it is put to.
const THE_SHOP =
  /你们(?!谁|都|住哪|说|平时)|他们家|他家|贵店|这家|本店|店里|店的?附近|店家|老板|店长|店员|客服|your (?:shop|store|place|restaurant|bakery|cafe)|\b(?:this|the) (?:shop|store|restaurant|bakery|cafe)\b|\bhere\b|\bu guys\b|\b(?:are|do|can|will|could) you\b|\byour\b/u;
// Another place: the mall opposite, the barber's next door, the parcel station. Not "商场" or "the
// mall" alone: many shops are in one ("商场停车几小时免费" asks about the shop's parking).
const ANOTHER_PLACE =
  /对面|隔壁|隔篱|快递站|理发店|便利店|菜市场|别家|next door|across the (?:road|street)|down the (?:road|street)/u;
// Put to the other members as a favour ("你们谁开车来的", "谁帮我看看").
const TO_MEMBERS =
  /你们谁|大家谁|谁帮我|谁有|谁要|有没有人(?!知道)|\banyone else\b|\bjust (?:me|mine)\b|群里有人|群友|你们都住|朋友问我|有谁知道|(?<!有)谁知道|有冇人知|大家知道|\bany(?:one|body) (?:been|tried|driving|going|coming)\b|\bwho(?:'s| is) (?:driving|going|coming)\b/u;
// A complaint that happens to name an FAQ's topic: waited, still not here, what is going on.
const COMPLAINT =
  /还没(?:送到|到|来|送|好)|怎么还(?:没|不)|等了.{0,6}(?:小时|分钟|半天|好久)|等.{0,4}(?:一个|两个|半个)小时|什么情况|怎么回事|搞什么|差评|投诉|退款|[!！]\s*$|\bstill (?:not|hasn'?t|haven'?t)\b|\bwaited\b|\bwhere is my\b|\bunacceptable\b/u;

// Put to the members even when it names the shop: what they did or think ("大家预订过他们家的包间吗？",
// "你们都是怎么过来的", "who's in?"). The shop's own answer is not theirs.
const MEMBERS_EXPERIENCE =
  /大家(?:有没有|都|觉得|预订过|去过|吃过|试过|订过)|你们都是|\bwho'?s in\b|\banyone (?:been|tried)\b/u;
// "Does anyone know…" is for the members ("有人知道附近哪里好停车吗"), unless it names the shop
// ("有人知道他们家几点打烊吗"), whose answer it then wants.
const MEMBERS_KNOW = /有人知道|有没有人知道|大家知道|\banyone know/u;
const SHOP_NAMED = /他们家|他家|这家|本店|店里|店家|老板|店长|店员|贵店|你们(?!谁|都)/u;

/** False when the question is about another place, put to the other members, or a complaint. */
export function asksTheShop(plain: string): boolean {
  if (COMPLAINT.test(plain)) return false;
  if (MEMBERS_EXPERIENCE.test(plain)) return false;
  if (MEMBERS_KNOW.test(plain) && !SHOP_NAMED.test(plain)) return false;
  if (THE_SHOP.test(plain)) return true;
  return !ANOTHER_PLACE.test(plain) && !TO_MEMBERS.test(plain);
}
