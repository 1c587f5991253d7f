/**
 * Every word of the HTML report, per locale: headings, tiles, chart titles, series, table
 * columns. zh-TW is the Simplified table converted (see words/traditional.ts).
 */
import type { Locale } from "../words/templates.js";
import { taiwanTable } from "../words/traditional.js";

const en = {
  title: "Qunguan report",
  /** "2026-11-16 – 2026-11-22 (7 days, Asia/Shanghai) · generated Nov 22, 2026, 18:00" */
  period: (from: string, until: string, days: number, zone: string, generated: string) =>
    `${from} – ${until} (${days} ${days === 1 ? "day" : "days"}, ${zone}) · generated ${generated}`,
  allGroups: "All groups",
  noCategory: "(no category)",
  categoryKind: "Category",
  groupKind: "Group",
  groupCount: (n: number) => `${n} ${n === 1 ? "group" : "groups"}`,
  platforms: { telegram: "Telegram", wechat: "WeChat", console: "console" } as Record<string, string>,
  /** A one-off broadcast has no name of its own: it is called by when it went out. */
  broadcast: (when: string) => `Broadcast of ${when}`,
  sections: {
    groups: "Groups",
    messages: "Messages",
    membership: "Joins and leaves",
    violations: "Violations by rule",
    faq: "FAQ answers",
    promos: "Promo deliveries",
    tickets: "Complaint tickets",
    actions: "Bot actions",
  } as Record<string, string>,
  columns: {
    group: "Group",
    platform: "Platform",
    category: "Category",
    messages: "Messages",
    joins: "Joins",
    leaves: "Leaves",
    violations: "Violations",
    faqAnswers: "FAQ answers",
  },
  messages: { figure: "messages", chart: "Messages per day", series: "messages" },
  /** `joins`, `leaves`: the tiles ("3 joins"); `series`: the chart's legend. */
  membership: {
    joins: "joins",
    leaves: "leaves",
    chart: "Joins and leaves per day",
    series: { joins: "joins", leaves: "leaves" },
  },
  violations: {
    figure: "violations",
    series: "violations",
    chart: "Violations by rule",
    empty: "No violations in this period.",
  },
  faq: {
    figure: "FAQ answers",
    series: "answers",
    chart: "FAQ answers by FAQ",
    empty: "No FAQ answers in this period.",
  },
  promos: {
    sent: "promos sent",
    failed: "promos failed",
    uncertain: "promos uncertain",
    chart: "Promo deliveries per promo",
    empty: "No promo deliveries in this period.",
    outcomes: {
      sent: "sent",
      failed: "failed",
      uncertain: "uncertain",
      skipped: "held back (cap, quiet hours)",
      pending: "pending",
    },
  },
  tickets: {
    count: "tickets",
    /** The first-response chart's series. */
    series: "tickets",
    answeredInTime: "answered in time",
    resolvedInTime: "resolved in time",
    averageScore: "average score (1–5)",
    empty: "No complaint tickets in this period.",
    firstResponse: "Time to first response",
    notAnswered: "not answered",
    deadlines: "Deadlines met",
    firstResponseDeadline: "first response",
    resolutionDeadline: "resolution",
    met: "met",
    missed: "missed",
    open: "open",
    satisfaction: "Satisfaction scores",
    customers: "customers",
    under: (minutes: string) => `< ${minutes}`,
    over: (hours: string) => `> ${hours}`,
    minutes: (n: number) => `${n} min`,
    hours: (n: number) => `${n} h`,
  },
  actions: { figure: "bot actions", chart: "Bot actions by outcome", empty: "No actions in this period." },
  learned: { spam: "spam samples taught", ham: "ordinary samples taught" },
};

export type ReportWords = typeof en;

const zh: ReportWords = {
  title: "群管报告",
  period: (from, until, days, zone, generated) =>
    `${from} 至 ${until}（${days} 天，${zone}）· 生成于 ${generated}`,
  allGroups: "全部群",
  noCategory: "（未分类）",
  categoryKind: "分类",
  groupKind: "群",
  groupCount: (n) => `${n} 个群`,
  platforms: { telegram: "Telegram", wechat: "微信", console: "终端" },
  broadcast: (when) => `群发（${when}）`,
  sections: {
    groups: "各群概况",
    messages: "消息",
    membership: "入群与退群",
    violations: "违规（按规则）",
    faq: "自动回答",
    promos: "推送送达",
    tickets: "投诉工单",
    actions: "机器人操作",
  },
  columns: {
    group: "群",
    platform: "平台",
    category: "分类",
    messages: "消息",
    joins: "入群",
    leaves: "退群",
    violations: "违规",
    faqAnswers: "自动回答",
  },
  messages: { figure: "条消息", chart: "每日消息", series: "消息" },
  membership: {
    joins: "人入群",
    leaves: "人退群",
    chart: "每日入群与退群",
    series: { joins: "入群", leaves: "退群" },
  },
  violations: {
    figure: "次违规",
    series: "违规",
    chart: "违规（按规则）",
    empty: "这段时间没有违规。",
  },
  faq: {
    figure: "次自动回答",
    series: "回答",
    chart: "自动回答（按问题）",
    empty: "这段时间没有自动回答。",
  },
  promos: {
    sent: "条推送已送达",
    failed: "条推送失败",
    uncertain: "条推送结果不明",
    chart: "各推送的送达情况",
    empty: "这段时间没有推送。",
    outcomes: {
      sent: "已送达",
      failed: "失败",
      uncertain: "结果不明",
      skipped: "未发（上限或免打扰）",
      pending: "进行中",
    },
  },
  tickets: {
    count: "张工单",
    series: "工单",
    answeredInTime: "按时首次回复",
    resolvedInTime: "按时处理完毕",
    averageScore: "平均评分（1–5）",
    empty: "这段时间没有投诉工单。",
    firstResponse: "首次回复用时",
    notAnswered: "未回复",
    deadlines: "期限达成",
    firstResponseDeadline: "首次回复",
    resolutionDeadline: "处理完毕",
    met: "按时",
    missed: "超时",
    open: "未到期",
    satisfaction: "满意度评分",
    customers: "顾客",
    under: (minutes) => `不到 ${minutes}`,
    over: (hours) => `超过 ${hours}`,
    minutes: (n) => `${n} 分钟`,
    hours: (n) => `${n} 小时`,
  },
  actions: { figure: "次机器人操作", chart: "机器人操作（按结果）", empty: "这段时间没有操作。" },
  learned: { spam: "条学到的垃圾样本", ham: "条学到的正常样本" },
};

export const REPORT_WORDS: Record<Locale, ReportWords> = {
  en,
  "zh-CN": zh,
  "zh-TW": taiwanTable(zh, { platforms: { telegram: "Telegram", wechat: "微信", console: "終端機" } }),
};
