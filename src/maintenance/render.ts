/**
 * The maintenance report as chat text, in Simplified Chinese or English. Plain text (no markup to
 * inject into), every member-chosen string (names, group titles) through safeName, and each list cut
 * at `top` lines with "…and N more", so a group of 5,000 quiet members is still one readable message.
 */

import { localDay } from "../core/clock.js";
import type { Action } from "../core/decision.js";
import { formatLocalTime } from "../words/local-time.js";
import { zhOrEn } from "../words/localized.js";
import { type Locale, safeName } from "../words/templates.js";
import { taiwanTable } from "../words/traditional.js";
import type { MaintenanceReport, Suggestion } from "./report-data.js";

const BY_LOCALE = {
  "zh-CN": {
    title: (t: string) => `🧹 群维护报告：${t}`,
    header: (day: string, members: number, period: number) =>
      `${day} · 已知成员 ${members} 人 · 统计最近 ${period} 天`,
    inactive: (days: number, n: number) => `😴 超过 ${days} 天未发言（${n}）`,
    silentFor: (days: number) => `${days} 天未发言`,
    warned: "⚠️ 警告最多",
    warnedLine: (active: number, given: number, period: number) =>
      `有效警告 ${active}，${period} 天内共 ${given} 次`,
    sanctioned: (n: number) => `🔇 正在禁言/封禁（${n}）`,
    mute: "禁言",
    softMute: "禁言（机器人执行）",
    ban: "封禁",
    forever: "直到解除",
    until: (t: string) => `至 ${t}`,
    ruleHits: (period: number) => `📊 规则命中（${period} 天）`,
    faqHits: (period: number) => `❓ 问得最多的问题（${period} 天）`,
    bannedElsewhere: (n: number) => `🚫 在其他群被封禁、仍在本群（${n}）`,
    bannedIn: (groups: string) => `封禁于 ${groups}`,
    suggestions: "💡 建议",
    none: "无",
    more: (n: number) => `…还有 ${n} 项`,
    morePeople: (n: number) => `…还有 ${n} 人`,
    paren: (t: string) => `（${t}）`,
    list: "、",
    comma: "，",
    suggestion: (s: Suggestion): string => {
      switch (s.kind) {
        case "remove_inactive":
          return `移出 ${s.count} 位超过 ${s.days} 天未发言的成员`;
        case "remove_banned_elsewhere":
          return `处理 ${s.count} 位在其他群被封禁的成员`;
        case "review_sanctions":
          return `复查 ${s.count} 项已持续 ${s.days} 天以上、没有期限的禁言/封禁`;
        case "quiet_rules":
          return `${s.days} 天内没有命中的规则，可检查是否仍需要：${s.ids.join("；")}`;
        case "unasked_faqs":
          return `${s.days} 天内无人问过的问题，可考虑删减：${s.ids.join("；")}`;
      }
    },
    auto: "🤖 自动清理",
    autoDry: "🤖 自动清理（试运行，不会执行）",
    autoPlanned: "🤖 下次定时维护将自动清理",
    kick: (name: string, why: string) => `移出 ${name}（${why}）`,
    cappedAuto: (n: number) => `另有 ${n} 人超出每次上限，留待下次`,
  },
  en: {
    title: (t: string) => `🧹 Group maintenance: ${t}`,
    header: (day: string, members: number, period: number) =>
      `${day} · ${members} known members · last ${period} days`,
    inactive: (days: number, n: number) => `😴 Silent for over ${days} days (${n})`,
    silentFor: (days: number) => `silent ${days} days`,
    warned: "⚠️ Most warned",
    warnedLine: (active: number, given: number, period: number) =>
      `${active} active, ${given} in ${period} days`,
    sanctioned: (n: number) => `🔇 Muted or banned now (${n})`,
    mute: "muted",
    softMute: "muted (by the bot)",
    ban: "banned",
    forever: "until lifted",
    until: (t: string) => `until ${t}`,
    ruleHits: (period: number) => `📊 Rule hits (${period} days)`,
    faqHits: (period: number) => `❓ Most asked (${period} days)`,
    bannedElsewhere: (n: number) => `🚫 Banned in another group, still here (${n})`,
    bannedIn: (groups: string) => `banned in ${groups}`,
    suggestions: "💡 Suggestions",
    none: "none",
    more: (n: number) => `…and ${n} more`,
    morePeople: (n: number) => `…and ${n} more`,
    paren: (t: string) => ` (${t})`,
    list: ", ",
    comma: ", ",
    suggestion: (s: Suggestion): string => {
      switch (s.kind) {
        case "remove_inactive":
          return `remove ${s.count} members silent for over ${s.days} days`;
        case "remove_banned_elsewhere":
          return `deal with ${s.count} members banned in another group`;
        case "review_sanctions":
          return `review ${s.count} open-ended mutes/bans older than ${s.days} days`;
        case "quiet_rules":
          return `rules with no hit in ${s.days} days, still needed? ${s.ids.join(", ")}`;
        case "unasked_faqs":
          return `FAQs nobody asked in ${s.days} days, worth trimming? ${s.ids.join(", ")}`;
      }
    },
    auto: "🤖 Automatic clean-up",
    autoDry: "🤖 Automatic clean-up (dry run: nothing is done)",
    autoPlanned: "🤖 The next scheduled run will clean up",
    kick: (name: string, why: string) => `remove ${name} (${why})`,
    cappedAuto: (n: number) => `${n} more over the per-run limit, left for next time`,
  },
} as const;

/** zh-TW is the Simplified words converted; names and titles inserted into them are left as written. */
const WORDS = { ...BY_LOCALE, "zh-TW": taiwanTable(BY_LOCALE["zh-CN"]) };

export interface RenderOptions {
  locale: Locale;
  /** Longest list shown. */
  top: number;
  /** Zone of the dates shown. */
  timeZone: string;
  /** Rules and FAQs as the merchant knows them (their descriptions). @defaultValue their ids */
  names?: { rule: (id: string) => string; faq: (id: string) => string };
  /**
   * The automatic clean-up, when there is one: carried out by this run ("done"), only recorded
   * ("dry_run"), or what the next scheduled run would do (the /maintenance command, "planned").
   */
  auto?: { actions: readonly Action[]; mode: "done" | "dry_run" | "planned"; capped: number };
}

/** The whole report as one message. */
export function renderReport(report: MaintenanceReport, options: RenderOptions): string {
  const w = WORDS[options.locale];
  const { top, timeZone } = options;
  const period = report.periodDays;
  const when = (at: number) => formatLocalTime(at, timeZone, options.locale, { year: true });
  const rule = options.names?.rule ?? ((id: string) => id);
  const faq = options.names?.faq ?? ((id: string) => id);
  const title = report.title ? safeName(report.title) : report.chat.chatId;
  const lines: string[] = [
    w.title(title),
    w.header(localDay(report.now, timeZone), report.memberCount, period),
  ];
  /** A heading and its list, cut at `top` (people or things); `whole` lists are never cut. */
  const section = (heading: string, items: string[], cut: "people" | "items" | "whole" = "items") => {
    lines.push("", heading);
    if (items.length === 0) lines.push(`• ${w.none}`);
    const shown = cut === "whole" ? items.length : top;
    for (const item of items.slice(0, shown)) lines.push(`• ${item}`);
    const left = items.length - shown;
    if (left > 0) lines.push(cut === "people" ? w.morePeople(left) : w.more(left));
  };

  section(
    w.inactive(report.inactiveDays, report.inactive.length),
    report.inactive.map((m) => `${safeName(m.name)} — ${w.silentFor(m.days)}`),
    "people",
  );
  section(
    w.warned,
    report.mostWarned.map((m) => `${safeName(m.name)} — ${w.warnedLine(m.active, m.given, period)}`),
    "people",
  );
  section(
    w.sanctioned(report.sanctioned.length),
    report.sanctioned.map((s) => {
      const kind = s.type === "ban" ? w.ban : s.soft ? w.softMute : w.mute;
      const end = s.endsAt === null ? w.forever : w.until(when(s.endsAt));
      return `${safeName(s.name)} — ${kind}${w.comma}${end}${w.paren(rule(s.rule))}`;
    }),
    "people",
  );
  section(w.ruleHits(period), byName(report.ruleHits, rule));
  section(w.faqHits(period), byName(report.faqHits, faq));
  section(
    w.bannedElsewhere(report.bannedElsewhere.length),
    report.bannedElsewhere.map((m) => {
      const groups = m.bannedIn.map((g) => (g.title ? safeName(g.title) : g.chatId));
      const shown = groups.length > 3 ? [...groups.slice(0, 3), w.more(groups.length - 3)] : groups;
      return `${safeName(m.name)} — ${w.bannedIn(shown.join(w.list))}`;
    }),
    "people",
  );
  section(
    w.suggestions,
    report.suggestions.map((s) => {
      if (!("ids" in s)) return w.suggestion(s);
      const name = s.kind === "quiet_rules" ? rule : faq;
      const names = [...new Set(s.ids.map(name))];
      return w.suggestion({
        ...s,
        ids: names.length > top ? [...names.slice(0, top), w.more(names.length - top)] : names,
      });
    }),
    "whole",
  );
  if (options.auto && (options.auto.actions.length > 0 || options.auto.capped > 0)) {
    const names = new Map<string, string>();
    for (const m of [...report.inactive, ...report.bannedElsewhere]) names.set(m.userId, m.name);
    const items = options.auto.actions.flatMap((a) =>
      a.type === "kick" ? [w.kick(safeName(names.get(a.user) ?? a.user), a.reason ?? "")] : [],
    );
    const heading = { done: w.auto, dry_run: w.autoDry, planned: w.autoPlanned }[options.auto.mode];
    section(heading, items, "people");
    if (options.auto.capped > 0) lines.push(w.cappedAuto(options.auto.capped));
  }
  return lines.join("\n");
}

/**
 * "广告 5": counts by the name the merchant knows, most first; rules that share a description
 * (`ads`, `ads-signals`: 广告) are one line.
 */
function byName(counts: readonly { id: string; count: number }[], name: (id: string) => string): string[] {
  const totals = new Map<string, number>();
  for (const c of counts) totals.set(name(c.id), (totals.get(name(c.id)) ?? 0) + c.count);
  return [...totals].sort((a, b) => b[1] - a[1]).map(([n, count]) => `${n} ${count}`);
}

/** The line added to a report when some of its removals could not be carried out. */
export function removalTrouble(locale: Locale, count: number): string {
  return zhOrEn(
    locale,
    `⚠️ 有 ${count} 人未能移出（机器人可能没有移出成员的权限，详见 /audit）`,
    `⚠️ ${count} could not be removed (the bot may lack the right to remove members; see /audit)`,
  );
}
