/**
 * The bot's own words: notices, command answers, refusals, usage lines, in
 * Simplified Chinese, Traditional Chinese as Taiwan writes it (derived from the
 * Simplified words, see traditional.ts) and English. A category's `locale` picks the language;
 * the rule files may override any template (`templates:` section).
 *
 * Values are inserted in one pass, so a member called "{name}" or "{count}"
 * cannot make the bot expand a placeholder twice; names are cleaned so they
 * cannot break lines or start an @-mention of everyone.
 */
import { redactText } from "../engine/detectors/redact.js";
import { taiwanTable, toTaiwan } from "./traditional.js";

export type Locale = "zh-CN" | "zh-TW" | "en";

/** Every locale, in the order the rules schema lists them. */
export const LOCALES = ["zh-CN", "zh-TW", "en"] as const satisfies readonly Locale[];

const zh = {
  warn: "⚠️ {name}，你的消息违反了群规（{reason}），警告 {count}/{max}。",
  mute: "🔇 {name} 已被禁言 {duration}（{reason}）。",
  softMute: "🔇 {name} 请在 {duration}内不要发言（{reason}），继续发言将被移出群聊。",
  kick: "🚫 {name} 已被移出群聊（{reason}）。",
  ban: "⛔ {name} 已被封禁{duration}（{reason}）。",
  recall: "🙏 {name}，请撤回刚才的消息（{reason}），谢谢配合。",
  unmute: "🔈 {name} 已解除禁言。",
  unban: "✅ {name} 已解除封禁。",
  unwarn: "↩️ 已撤销 {name} 的一次警告，现有 {count}/{max}。",
  resetwarns: "↩️ 已清除 {name} 的全部警告。",
  warns: "{name} 现有警告 {count}/{max}。",
  refused: "⛔ 只有本群管理员可以使用 /{command}。",
  platformRefused: "⚠️ /{command} 没能执行：{reason}。",
  unknownCommand: "没有 /{command} 这个命令，发送 /help 查看可用命令。",
  usage: "用法：{usage}",
  noTarget: "请回复要处理的成员的消息，或 @ 该成员，或写出其用户 ID。",
  notInGroup: "在本群找不到成员 {target}。",
  impersonationStaff:
    "⚠️ 有成员（用户 ID {id}）的群昵称与管理员 {name} 相同或几乎一样，可能冒充店家收款，请核实，可用 /kick {id} 移出。",
  impersonationWarning:
    "⚠️ 提醒：本群有成员的昵称与群主或管理员相同或几乎一样。店家不会在群里让大家转账、付定金或扫码付款，付款前请私信店员确认。",
  ambiguousTarget:
    "本群有 {count} 位成员叫 {target}（或名字看起来一样），请 @ 要处理的那一位，或回复其消息。",
  adminShielded: "{name} 是管理员，只有群主（owner）可以处理管理员。",
  selfTarget: "不能对自己使用这个命令。",
  rules: "{text}",
  rulesNone: "本群还没有设置群规。",
  faqList: "本群可以直接问我：\n{text}",
  faqNone: "本群没有自动回答的问题。",
  admins: "本群管理员：\n{text}",
  adminAdded: "✅ 已任命 {name} 为本群管理员。",
  adminExists: "{name} 已经是本群管理员。",
  adminRemoved: "✅ 已撤销 {name} 的管理员身份。",
  adminMissing: "{name} 不是由机器人任命的管理员。",
  reloadOk: "✅ 规则已重新加载：{text}",
  reloadFailed: "❌ 规则有错误，仍使用上一版规则：\n{text}",
  stats: "最近 {days} 天本群统计：\n{text}",
  audit: "最近的操作：\n{text}",
  auditNone: "还没有操作记录。",
  dryrunOn: "🧪 本群已进入试运行模式：只记录处理结果，不做任何操作。",
  dryrunOff: "✅ 本群已退出试运行模式。",
  help: "你可以使用的命令：\n{text}",
  badDuration: "时长格式不对：{target}（例如 30s、10m、2h、1d、1w）。",
  promoList: "定时推送：\n{text}",
  promoPreview: "推送 {target} 预览：\n{text}",
  promoUnknown: "没有推送 {target}，发送 /promo list 查看。",
  promoNoQueue: "推送队列未启用（需要 Redis）。",
  promoSent: "📣 推送 {target} 已开始发送。",
  promoSentHeld: "📣 推送 {target} 已排队：现在是免打扰时段，将在 {time} 发出。",
  promoSentDropped: "🔕 现在是推送 {target} 的免打扰时段，按设置本次不发送。",
  promoPaused: "⏸ 推送 {target} 已暂停。",
  promoResumed: "▶️ 推送 {target} 已恢复。",
  promoStatus: "推送 {target} 最近 {count} 天的发送（{zone}）：\n{text}",
  promoNeverSent: "推送 {target} 最近 {count} 天还没有发送记录。",
  promoResent:
    "🔁 推送 {target}（{time}）正在补发到 {count} 个结果不明的群：{text}。已送达的 {sent} 个群不会重复发送。",
  promoNothingToResend: "推送 {target}（{time}）没有结果不明的群，无需补发（已送达 {sent} 个群）。",
  promoRunUnknown: "推送 {target} 最近没有 {time} 这次发送，发送 /promo status {target} 查看每次发送的编号。",
  broadcastPreview: "📣 将发送到 {count} 个群（{target}）：\n{text}\n5 分钟内发送 /broadcast confirm 确认。",
  broadcastSent: "📣 群发已开始（{target}）。",
  broadcastNothing: "没有待确认的群发。",
  broadcastUnknown: "没有分类 {target}。",
  ticketOpened: "📝 {name}，您的反馈已登记为工单 #{number}，店员会在 {duration}内回复您。",
  ticketStaffNew:
    "📝 新投诉工单 #{number}（{target}）\n顾客：{name}\n内容：{text}\n请在 {duration}内回复（/ticket take {number}）。",
  ticketEscalated:
    "⏰ 工单 #{number}（{target}）{text}已超时，现升级给您处理。\n顾客：{name}\n内容：{reason}",
  ticketMissedFirstResponse: "首次回复",
  ticketMissedResolution: "处理期限",
  ticketList: "未关闭的工单：\n{text}",
  ticketListNone: "没有未关闭的工单。",
  ticketShow: "工单 #{number}（{target}）\n顾客：{name}\n时间：{time}\n状态：{text}\n内容：{reason}",
  ticketUnknown: "没有工单 #{target}。",
  ticketTaken: "👤 工单 #{number} 由 {name} 负责。",
  ticketReply: "💬 关于工单 #{number}：{text}",
  ticketReplied: "✅ 已在 {target} 回复工单 #{number}。",
  ticketClosedAsk:
    "✅ {name}，您的工单 #{number} 已处理完毕。请为本次服务打分：直接回复 1–5（5 为非常满意），或发送 /rate {number} 分数。",
  ticketClosed: "✅ 工单 #{number} 已关闭。",
  ticketAlreadyClosed: "工单 #{number} 已经关闭。",
  ticketRated: "🙏 谢谢 {name}，工单 #{number} 的评分 {count} 分已记录。",
  ticketRateRefused: "只能为自己已关闭的工单打分一次。",
  myTickets: "{name} 未关闭的工单：\n{text}",
  myTicketsNone: "{name} 目前没有未关闭的工单。",
  // Bookings and FAQ pointers (booking desk, src/bookings).
  faqPointer: "👆 {name}，这个问题刚刚回答过，请看上方的回答。",
  bookingPrompt: "📅 {name}，订位请按“订位+日期+时间+人数”回复，例如：订位 12月5日 19:00 4人。{text}",
  bookingMissing: "还缺：{text}。",
  bookingFieldDate: "日期",
  bookingFieldTime: "时间",
  bookingFieldParty: "人数",
  bookingPast: "{text}已经过了，请换一个时间。",
  bookingTooFar: "目前只接受 {count} 天内的订位。",
  bookingTooMany: "线上订位最多 {count} 位，更多人数请致电门店。",
  bookingUnclear: "没看懂{target}“{text}”。",
  bookingWhen: "{date} {time}，{count} 位",
  bookingReceived: "✅ {name}，已收到您的订位：{text}。订位单 #{number}，店员会在 {duration}内确认。",
  bookingAgain: "📅 {name}，您的订位 #{number}（{text}）已登记，店员确认后会通知您。",
  bookingStaffNew:
    "📅 新订位 #{number}（{target}）\n顾客：{name}\n订位：{text}\n原话：{reason}\n请在 {duration}内确认：/ticket close {number} 确认，/ticket decline {number} 原因 婉拒。",
  bookingConfirmed: "✅ {name}，您的订位 #{number}（{text}）已确认，期待您的光临！",
  bookingDeclined: "🙏 {name}，很抱歉，您的订位 #{number}（{text}）未能安排：{reason}",
  bookingDeclinedReason: "该时段已订满，欢迎换个时间或致电门店",
  bookingConfirmedStaff: "✅ 订位 #{number} 已确认，已通知顾客。",
  bookingDeclinedStaff: "✅ 订位 #{number} 已婉拒，已通知顾客。",
  bookingList: "待确认的订位：\n{text}",
  bookingListNone: "没有待确认的订位。",
  bookingNotBooking: "工单 #{number} 不是订位。",
  bookingMissedConfirm: "订位确认",
  bookingMissedResolution: "到店前处理",
  bookingStateWaiting: "待确认",
  bookingStateConfirmed: "已确认",
  bookingStateDeclined: "已婉拒",
  ticketKindBooking: "订位",
  ticketKindComplaint: "投诉",
  raidStarted:
    "🛡️ 检测到大量新成员或广告涌入，已开启防护 {duration}：新成员发广告将被直接移出，欢迎语和逐条提醒暂停。",
  // Learning from admins (/spam, /notspam, /why, /report).
  spamLearned: "🧹 已删除并记住这条垃圾消息（{reason}）：之后本商家所有群里相同或相近的消息都会被处理。",
  spamAlready: "这条消息已经记住了（{reason}）。",
  spamNoMessage: "找不到要标记的消息：请回复那条消息发送 /spam，或 /spam @成员（标记他最近的一条）。",
  notSpamDone: "↩️ 已撤销对 {name} 的处理（{text}），并记住这类消息是正常的。",
  notSpamNothing:
    "找不到机器人对这条消息的处理：请回复机器人的提示发送 /notspam，或 /notspam 编号（见 /audit）。",
  notSpamDeleted: "被删除的消息无法恢复",
  whyText: "#{number} {reason}：\n{text}",
  whyNone: "找不到这条处理的记录：请回复机器人的提示发送 /why，或 /why 编号（见 /audit）。",
  whyNoSignals: "（没有记录原因）",
  whyClassifier: "分类器：{count}% 像{reason}",
  whyLearned: "和管理员标记过的第 {number} 条样本相近（{count}%）",
  reportSent: "🙏 已通知管理员，谢谢你的举报。",
  reportNoMessage: "请回复要举报的消息发送 /report，或 /report @成员（举报他最近的一条）。",
  reportStaff: "🚩 {name} 举报了 {target} 的消息（{reason}）：{text}",
  // What a platform adapter tells a group about the bot's own rights there.
  botLacksRights: "⚠️ 群管机器人缺少管理员权限：{text}。请群主在群管理员设置中授予，否则只能提醒、不能处理。",
  rightDeleteMessages: "删除消息",
  rightBanUsers: "封禁成员",
  kickRefusedNotice:
    "群管不是本群的群主或管理员，无法把 {name} 移出群聊，请群主处理（或把群管设为群管理员）。",
  // Said instead of a member's name that carries an advert (a handle, a link, a rule's hit).
  neutralMember: "该成员",
};

const en: typeof zh = {
  warn: "⚠️ {name}, your message breaks the group rules ({reason}): warning {count}/{max}.",
  mute: "🔇 {name} is muted for {duration} ({reason}).",
  softMute: "🔇 {name}, please stay quiet for {duration} ({reason}); talking on gets you removed.",
  kick: "🚫 {name} was removed from the group ({reason}).",
  ban: "⛔ {name} is banned{duration} ({reason}).",
  recall: "🙏 {name}, please recall your last message ({reason}).",
  unmute: "🔈 {name} can talk again.",
  unban: "✅ {name} is no longer banned.",
  unwarn: "↩️ Removed one warning of {name}: now {count}/{max}.",
  resetwarns: "↩️ Cleared all warnings of {name}.",
  warns: "{name} has {count}/{max} warnings.",
  refused: "⛔ Only this group's admins can use /{command}.",
  platformRefused: "⚠️ /{command} could not be carried out: {reason}.",
  unknownCommand: "There is no /{command}; send /help for the commands.",
  usage: "Usage: {usage}",
  noTarget: "Reply to the member's message, @mention them, or give their user id.",
  notInGroup: "No member {target} in this group.",
  impersonationStaff:
    "⚠️ A member (user id {id}) now goes by a name that is or looks the same as admin {name}'s: they may be posing as the shop to collect money. Check, and remove them with /kick {id} if so.",
  impersonationWarning:
    "⚠️ Heads-up: a member of this group has a name that is or looks the same as the owner's or an admin's. The shop never asks for transfers, deposits or QR payments in the group; check with our staff privately before paying anyone.",
  ambiguousTarget:
    "{count} members of this group go by {target} (or a name that looks the same): @mention the one you mean, or reply to their message.",
  adminShielded: "{name} is an admin; only an owner can act on admins.",
  selfTarget: "You cannot use this command on yourself.",
  rules: "{text}",
  rulesNone: "This group has no rules text yet.",
  faqList: "Ask me here about:\n{text}",
  faqNone: "This group has no automatic answers.",
  admins: "Admins of this group:\n{text}",
  adminAdded: "✅ {name} is now an admin of this group.",
  adminExists: "{name} is already an admin of this group.",
  adminRemoved: "✅ {name} is no longer an admin of this group.",
  adminMissing: "{name} is not an admin appointed through the bot.",
  reloadOk: "✅ Rules reloaded: {text}",
  reloadFailed: "❌ The rules have errors; the previous rules stay live:\n{text}",
  stats: "This group over the last {days} days:\n{text}",
  audit: "Latest actions:\n{text}",
  auditNone: "No actions recorded yet.",
  dryrunOn: "🧪 Dry-run mode on: decisions are logged, nothing is done.",
  dryrunOff: "✅ Dry-run mode off.",
  help: "Commands you can use:\n{text}",
  badDuration: "Not a duration: {target} (e.g. 30s, 10m, 2h, 1d, 1w).",
  promoList: "Scheduled pushes:\n{text}",
  promoPreview: "Preview of {target}:\n{text}",
  promoUnknown: "No promo {target}; send /promo list.",
  promoNoQueue: "The promo queue is off (it needs Redis).",
  promoSent: "📣 Promo {target} is going out now.",
  promoSentHeld: "📣 Promo {target} is queued: it is quiet hours now, so it goes out at {time}.",
  promoSentDropped: "🔕 It is quiet hours for promo {target} now; as set, it is not sent this time.",
  promoPaused: "⏸ Promo {target} paused.",
  promoResumed: "▶️ Promo {target} resumed.",
  promoStatus: "Runs of {target} in the last {count} days ({zone}):\n{text}",
  promoNeverSent: "Promo {target} has not been sent in the last {count} days.",
  promoResent:
    "🔁 Resending {target} ({time}) to the {count} groups where it was uncertain: {text}. The {sent} groups that got it do not get it again.",
  promoNothingToResend: "Nothing to resend for {target} ({time}): no group is uncertain ({sent} got it).",
  promoRunUnknown: "{target} has no recent run {time}; send /promo status {target} to see each run's number.",
  broadcastPreview:
    "📣 This goes to {count} groups ({target}):\n{text}\nSend /broadcast confirm within 5 minutes to send it.",
  broadcastSent: "📣 Broadcast on its way ({target}).",
  broadcastNothing: "No broadcast waiting for confirmation.",
  broadcastUnknown: "No category {target}.",
  ticketOpened:
    "📝 {name}, we have logged this as ticket #{number}; a staff member will reply within {duration}.",
  ticketStaffNew:
    "📝 New complaint, ticket #{number} ({target})\nCustomer: {name}\nMessage: {text}\nPlease reply within {duration} (/ticket take {number}).",
  ticketEscalated:
    "⏰ Ticket #{number} ({target}) missed its {text} deadline and is escalated to you.\nCustomer: {name}\nMessage: {reason}",
  ticketMissedFirstResponse: "first response",
  ticketMissedResolution: "resolution",
  ticketList: "Open tickets:\n{text}",
  ticketListNone: "No open tickets.",
  ticketShow:
    "Ticket #{number} ({target})\nCustomer: {name}\nOpened: {time}\nState: {text}\nMessage: {reason}",
  ticketUnknown: "No ticket #{target}.",
  ticketTaken: "👤 {name} is handling ticket #{number}.",
  ticketReply: "💬 About ticket #{number}: {text}",
  ticketReplied: "✅ Replied to ticket #{number} in {target}.",
  ticketClosedAsk:
    "✅ {name}, ticket #{number} is resolved. How did we do? Reply with 1–5 (5 = very satisfied), or send /rate {number} <score>.",
  ticketClosed: "✅ Ticket #{number} closed.",
  ticketAlreadyClosed: "Ticket #{number} is already closed.",
  ticketRated: "🙏 Thank you {name}: your score {count} for ticket #{number} is recorded.",
  ticketRateRefused: "You can score your own closed tickets, once each.",
  myTickets: "Open tickets of {name}:\n{text}",
  myTicketsNone: "{name} has no open tickets.",
  // Bookings and FAQ pointers (booking desk, src/bookings).
  faqPointer: "👆 {name}, this was just answered: see the answer above.",
  bookingPrompt:
    '📅 {name}, to book a table reply "book + date + time + party size", e.g. book a table for 4 on Dec 5 at 7pm. {text}',
  bookingMissing: "Still missing: {text}.",
  bookingFieldDate: "date",
  bookingFieldTime: "time",
  bookingFieldParty: "party size",
  bookingPast: "{text} has already passed; please pick another time.",
  bookingTooFar: "We take bookings up to {count} days ahead.",
  bookingTooMany: "Bookings here are for up to {count} guests; for more, please call us.",
  bookingUnclear: 'Could not read the {target} "{text}".',
  bookingWhen: "{date}, {time}, party of {count}",
  bookingReceived:
    "✅ {name}, we have your booking request: {text}. Booking #{number}; staff will confirm within {duration}.",
  bookingAgain:
    "📅 {name}, your booking #{number} ({text}) is noted; we will let you know once it is confirmed.",
  bookingStaffNew:
    "📅 New booking #{number} ({target})\nCustomer: {name}\nBooking: {text}\nMessage: {reason}\nPlease confirm within {duration}: /ticket close {number} confirms, /ticket decline {number} <reason> declines.",
  bookingConfirmed: "✅ {name}, your booking #{number} ({text}) is confirmed. See you then!",
  bookingDeclined: "🙏 {name}, sorry, we cannot take booking #{number} ({text}): {reason}",
  bookingDeclinedReason: "we are fully booked then; please try another time or call us",
  bookingConfirmedStaff: "✅ Booking #{number} confirmed; the customer has been told.",
  bookingDeclinedStaff: "✅ Booking #{number} declined; the customer has been told.",
  bookingList: "Bookings to confirm:\n{text}",
  bookingListNone: "No bookings waiting for confirmation.",
  bookingNotBooking: "Ticket #{number} is not a booking.",
  bookingMissedConfirm: "confirmation",
  bookingMissedResolution: "before-arrival",
  bookingStateWaiting: "to confirm",
  bookingStateConfirmed: "confirmed",
  bookingStateDeclined: "declined",
  ticketKindBooking: "booking",
  ticketKindComplaint: "complaint",
  botLacksRights:
    "⚠️ The bot lacks admin rights here: {text}. Please ask the owner to grant them in the group's admin settings; until then it can only remind, not act.",
  raidStarted:
    "🛡️ Raid detected: protection is on for {duration}. New members posting spam are removed at once; welcomes and notices are paused.",
  spamLearned:
    "🧹 Deleted and remembered this spam ({reason}): the same or a similar text is now caught in every group of this merchant.",
  spamAlready: "This message is remembered already ({reason}).",
  spamNoMessage: "No message to mark: reply /spam to it, or /spam @member (their latest message).",
  notSpamDone:
    "↩️ Undid what the bot did to {name} ({text}) and remembered that messages like this are ordinary.",
  notSpamNothing:
    "No bot action found for that: reply /notspam to the bot's notice, or /notspam <number> (see /audit).",
  notSpamDeleted: "a deleted message cannot be brought back",
  whyText: "#{number} {reason}:\n{text}",
  whyNone: "No record of that action: reply /why to the bot's notice, or /why <number> (see /audit).",
  whyNoSignals: "(no reasons recorded)",
  whyClassifier: "classifier: {count}% like {reason}",
  whyLearned: "near sample #{number} an admin marked ({count}%)",
  reportSent: "🙏 The admins have been told. Thank you for the report.",
  reportNoMessage:
    "Reply /report to the message you want to report, or /report @member (their latest message).",
  reportStaff: "🚩 {name} reported a message of {target} ({reason}): {text}",
  rightDeleteMessages: "Delete messages",
  rightBanUsers: "Ban users",
  kickRefusedNotice:
    "The bot is not an owner or admin of this group and cannot remove {name}. Please remove them yourself (or make the bot a group admin).",
  neutralMember: "this member",
};

export type TemplateKey = keyof typeof zh;
export const TEMPLATE_KEYS = Object.keys(zh) as TemplateKey[];
/** zh-TW: the Simplified words converted (Taiwan's phrasing where OpenCC's falls short is in traditional.ts). */
const tw: typeof zh = taiwanTable(zh);
export const DEFAULT_TEMPLATES: Record<Locale, Record<TemplateKey, string>> = {
  "zh-CN": zh,
  "zh-TW": tw,
  en,
};

/** Overrides from the rule files, per locale. */
export type TemplateOverrides = Partial<Record<Locale, Partial<Record<TemplateKey, string>>>>;

/** A display name made safe to quote: no line breaks or direction marks, no @, bounded length. */
export function safeName(name: string): string {
  // A phone or ID number some members put in their name is not repeated by the bot.
  const cleaned = redactText(name)
    .replace(/[\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, "")
    .replace(/@/g, "＠")
    .trim();
  return (cleaned.length > 32 ? `${cleaned.slice(0, 32)}…` : cleaned) || "?";
}

/** Fills a template: `name` is made safe; every placeholder is replaced once, unknown ones stay as written. */
export function render(
  locale: Locale,
  key: TemplateKey,
  values: Record<string, string | number | undefined>,
  overrides: TemplateOverrides = {},
): string {
  // A zh-CN override is the operator's wording: a zh-TW group reads it converted, not the default.
  const fromSimplified = locale === "zh-TW" ? overrides["zh-CN"]?.[key] : undefined;
  const template =
    overrides[locale]?.[key] ??
    (fromSimplified === undefined ? undefined : toTaiwan(fromSimplified)) ??
    DEFAULT_TEMPLATES[locale][key];
  return template.replace(/\{([a-z]+)\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) return whole;
    return name === "name" ? safeName(String(value)) : String(value);
  });
}
