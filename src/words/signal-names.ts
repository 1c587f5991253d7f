/**
 * Evidence signals as an admin reads them in `/why`: the rule files name signals in English ids
 * (`handle`, `contact-to-buy`) for operators; staff see what each one means in the group's
 * language. A signal the dictionary does not know is shown by its id.
 */
import { inLocale, type LocalizedText } from "./localized.js";
import type { Locale } from "./templates.js";

const NAMES: Record<string, LocalizedText> = {
  // Evidence of the default pack (rules/moderation.yaml).
  handle: { "zh-CN": "留了联系方式（微信号、QQ、手机号）", en: "a contact handle (WeChat/QQ id, phone)" },
  invitation: { "zh-CN": "邀请加好友或进群", en: "an invitation to add or join" },
  "invitation-from-sender": { "zh-CN": "邀请加发消息的人", en: "an invitation to add the sender" },
  "contact-app": { "zh-CN": "提到聊天软件", en: "a messaging app named" },
  "contact-me": { "zh-CN": "叫人联系自己", en: "asks people to contact them" },
  "contact-to-buy": { "zh-CN": "联系购买的方式", en: "a way to buy (contact me, a number)" },
  "call-to-action": { "zh-CN": "号召行动（加、私聊、扫码）", en: "a call to action (add, DM, scan)" },
  lure: { "zh-CN": "诱饵（红包、优惠、好处）", en: "a lure (red envelopes, deals, gifts)" },
  cue: { "zh-CN": "拉人的暗示", en: "a hint of poaching" },
  "to-a-competitor": { "zh-CN": "拉去别家", en: "luring to a competitor" },
  "posing-as-staff": { "zh-CN": "冒充店员", en: "posing as staff" },
  "another-merchant": { "zh-CN": "别的商家", en: "another merchant" },
  "staff-named": { "zh-CN": "提到本店店员（减分）", en: "names the shop's staff (against)" },
  "addressed-to-staff": { "zh-CN": "是对店员说的（减分）", en: "addressed to the shop's staff (against)" },
  "ad-phrase": { "zh-CN": "广告用语", en: "advertising phrase" },
  "commerce-word": { "zh-CN": "生意用词", en: "a word of trade" },
  "commerce-words": { "zh-CN": "多个生意用词", en: "several words of trade" },
  "priced-offer": { "zh-CN": "标价的报价", en: "a priced offer" },
  pitch: { "zh-CN": "推销话术", en: "a sales pitch" },
  offer: { "zh-CN": "优惠或价格", en: "an offer or price" },
  "gambling-term": { "zh-CN": "赌博用语", en: "gambling term" },
  "porn-term": { "zh-CN": "色情用语", en: "porn term" },
  "ambiguous-term": { "zh-CN": "可疑词", en: "an ambiguous word" },
  "ambiguous-terms": { "zh-CN": "多个可疑词", en: "several ambiguous words" },
  "money-or-invitation": { "zh-CN": "钱或邀请", en: "money or an invitation" },
  "talk-about-spam": { "zh-CN": "在议论广告（减分）", en: "talking about spam (against)" },
  "warning-about-spam": { "zh-CN": "在提醒别人防骗（减分）", en: "warning others about spam (against)" },
  "asks-the-shop": { "zh-CN": "在问本店（减分）", en: "asking the shop (against)" },
  "own-order": { "zh-CN": "说自己的订单（减分）", en: "about their own order (against)" },
  "own-life": { "zh-CN": "说自己的生活（减分）", en: "about their own life (against)" },
  "food-or-chat": { "zh-CN": "在聊吃的或闲聊（减分）", en: "food or chat (against)" },
  "food-or-games-among-friends": {
    "zh-CN": "朋友间吃饭打牌（减分）",
    en: "food or games among friends (against)",
  },
  spam: { "zh-CN": "分类器认为是垃圾消息", en: "the classifier finds it spam" },
  classifier: { "zh-CN": "分类器认为是垃圾消息", en: "the classifier finds it spam" },
  // Leaf tests of rules without evidence.
  learned: { "zh-CN": "和管理员标记过的垃圾消息相同或相近", en: "same as, or near, spam an admin marked" },
  keywords: { "zh-CN": "关键词", en: "keywords" },
  regex: { "zh-CN": "文字模式", en: "a text pattern" },
  links: { "zh-CN": "外部链接", en: "an outside link" },
  noLinks: { "zh-CN": "没有链接", en: "no link" },
  pii: { "zh-CN": "个人信息（电话、证件、卡号、住址）", en: "personal data (phone, ID, card, address)" },
  flood: { "zh-CN": "短时间内发太多", en: "too many messages at once" },
  repeat: { "zh-CN": "重复发同样的内容", en: "the same text again and again" },
  kind: { "zh-CN": "消息类型", en: "the kind of message" },
  memberAge: { "zh-CN": "新成员", en: "a new member" },
  quietHours: { "zh-CN": "在安静时段", en: "during quiet hours" },
  mentions: { "zh-CN": "@了很多人", en: "mentions many members" },
  length: { "zh-CN": "消息长度", en: "the message's length" },
};

export function signalName(name: string, locale: Locale): string {
  const known = NAMES[name];
  return known ? inLocale(known, locale) : name;
}
