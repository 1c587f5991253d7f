/**
 * Words around a number that tell what it is. Digits alone cannot tell a
 * Hong Kong mobile from a voucher code, or an ID with a typo from a receipt
 * number; the words people write next to them can. Matched on the raw text
 * (Traditional and Simplified, any case), only for the rare runs of digits
 * that need them.
 */

/** Before an ID number: 身份证 / 身分證 / 证件号 / ID / HKID / identity card. */
export const ID_CONTEXT = /身份|身分|证件|證件|\bid\b|hkid|\bnric|identity|\bi\.d\./i;

/** Before a bank card number: 卡号 / 銀行卡 / 信用卡 / account / card. */
export const CARD_CONTEXT =
  /卡号|卡號|银行卡|銀行卡|信用卡|借记卡|借記卡|储蓄卡|儲蓄卡|提款卡|金融卡|扣账卡|扣賬卡|账号|賬號|帳號|银联|銀聯|card|account|acct|visa|master|amex/i;

/**
 * Before an order, voucher, receipt or membership number: a Luhn-valid run after one of
 * these is still no card (one in ten random numbers passes Luhn).
 */
export const ORDER_CONTEXT =
  /订单|訂單|单号|單號|编号|編號|流水|小票|票号|票號|运单|運單|快递|快遞|取件|券码|券碼|核销|核銷|验证码|驗證碼|兑换码|兌換碼|会员|會員|储值|儲值|积分|積分|礼品卡|禮品卡|member|loyalty|gift|order|tracking|\bref\b|receipt|voucher|coupon/i;

/** Next to a phone number: 电话 / 電話 / 联系 / 聯絡 / call / WhatsApp. */
export const PHONE_CUE =
  /电话|電話|手机|手機|号码(?!牌)|號碼(?!牌)|联系|聯繫|联络|聯絡|致电|致電|打(?:俾|畀|给|給|我)|搵我|找我|whatsapp|\bwa\b|call|\btel|phone|mobile|\bcell|\btext\b|\bsms|contact|signal|telegram/i;

/** How far before a number its context word may stand (code units: "身份证号码是：" and spaces). */
const BEFORE = 14;
/** How far around a number a phone cue may stand ("电话 9123 4567 下午打" / "WhatsApp me on …"). */
const AROUND = 24;

/** Whether `words` match in the few characters before `start`. */
export function contextBefore(s: string, start: number, words: RegExp): boolean {
  return words.test(s.slice(Math.max(0, start - BEFORE), start));
}

/** Whether a phone cue stands shortly before or after s[start, end). */
export function phoneCueAround(s: string, start: number, end: number): boolean {
  return (
    PHONE_CUE.test(s.slice(Math.max(0, start - AROUND), start)) || PHONE_CUE.test(s.slice(end, end + AROUND))
  );
}
