/**
 * Display names judged like text. Spammers put the advert in the name ("加V信abc123 代开发票", a
 * t.me link, an @handle) and let the group read it beside every message and in the bot's own
 * welcome and warnings. The name (and the platform handle) is run through the moderation rules as
 * if it were a message: a rule that escalates (warn, mute, kick, ban) sanctions the member, and any
 * rule's hit, a link or an @handle in the name keep the bot from repeating it.
 *
 * What cannot apply to a name is left out: flood and repeat (a name is not a message; the rules see
 * an empty memory here), the spam classifier and admins' samples (taught on messages, not on a few
 * characters of a name), and rules that only remove (privacy: a customer's own number in the name is
 * redacted where the bot quotes it, not punished).
 */
import type { ChatEvent, MessageEvent, Sender } from "../core/chat-event.js";
import type { Explanation } from "../core/decision.js";
import type { CompiledRule, CompiledRules } from "./compile.js";
import { explainPredicate, type MessageContext } from "./conditions.js";
import { findLinks } from "./detectors/links.js";
import { EngineMemory, textHash } from "./memory.js";
import { ScanState } from "./scan-state.js";
import { normalize } from "./text/normalize.js";

export interface NameVerdict {
  /** The escalating rule the name breaks, with why: the member is sanctioned as for a message of it. */
  rule?: CompiledRule;
  explanation?: Explanation;
  /** The bot must not repeat the name (a rule's hit, a link, a handle). */
  hide: boolean;
}

const CLEAN: NameVerdict = { hide: false };

/** An @handle or a Telegram link written into the name itself (the account's own username is not). */
const HANDLE = /[@＠][A-Za-z][A-Za-z0-9_]{3,}|t\.me\/|telegram\.me\//i;

/** Whether a name can be quoted by the bot: no link and no handle in it. */
export function isEchoable(name: string): boolean {
  if (HANDLE.test(name)) return false;
  return findLinks(normalize(name)).length === 0;
}

/** What of a sender the rules read as their name: the display name and the platform handle. */
export function nameText(sender: Sender): string {
  return [sender.displayName, sender.username].filter(Boolean).join(" ");
}

/** What a name text is under one rule set and category, whoever bears it. */
interface NameFindings {
  echoable: boolean;
  /** The rules in force that the name breaks, in the rule set's order, with their signals. */
  hits: { rule: CompiledRule; signals: Explanation["signals"] }[];
}

/** Names whose findings are remembered: members post again and again under one name. @defaultValue 10,000 */
const REMEMBERED_NAMES = 10_000;

export class NameJudge {
  private scan: ScanState | undefined;
  private scanFor: CompiledRules | undefined;
  /** Never written: flood, repeat and member-age tests see one stand-in member with no messages. */
  private readonly noHistory = new EngineMemory();
  /** Category × name text → findings, for the rule set `findingsFor` (judging a name costs a scan). */
  private readonly findings = new Map<string, NameFindings>();
  private findingsFor: CompiledRules | undefined;

  /** Judges the sender's name in `event`'s chat under `category`; `isAdmin` is asked only when a rule hits. */
  judge(rules: CompiledRules, event: ChatEvent, category: string, isAdmin: () => boolean): NameVerdict {
    const raw = nameText(event.sender);
    if (!raw.trim()) return CLEAN;
    const found = this.findingsOf(rules, event, category, raw);
    let hide = !found.echoable;
    for (const { rule, signals } of found.hits) {
      if (rule.exemptUsers.size > 0 && rule.exemptUsers.has(event.sender.id)) continue;
      if (rule.exemptAdmins && isAdmin()) continue;
      hide = true;
      if (!rule.escalates) continue;
      return { rule, hide, explanation: { signals: [{ name: "display_name", weight: 1 }, ...signals] } };
    }
    return hide ? { hide } : CLEAN;
  }

  private findingsOf(rules: CompiledRules, event: ChatEvent, category: string, raw: string): NameFindings {
    if (this.findingsFor !== rules) {
      this.findings.clear();
      this.findingsFor = rules;
    }
    const key = `${category}\u0000${event.sender.displayName}\u0000${event.sender.username ?? ""}`;
    const known = this.findings.get(key);
    if (known) return known;
    const found = this.find(rules, event, category, raw);
    // Forgotten all at once when full: dropping the oldest one by one walks the map's holes each time.
    if (this.findings.size >= REMEMBERED_NAMES) this.findings.clear();
    this.findings.set(key, found);
    return found;
  }

  private find(rules: CompiledRules, event: ChatEvent, category: string, raw: string): NameFindings {
    const text = normalize(raw);
    const scan = this.scanState(rules);
    scan.reset();
    rules.keywords.scan(text, scan);
    const asMessage: MessageEvent = {
      type: "message",
      chat: event.chat,
      // One stand-in member in one stand-in chat: the memory tests look a member up (and make one
      // up when absent), and the name's bearer is asked about per member in judge(), not here.
      sender: { ...event.sender, id: "" },
      at: event.at,
      messageId: "",
      text: raw,
      kind: "text",
      mentions: [],
    };
    const ctx: MessageContext = {
      event: asMessage,
      chat: "",
      text,
      keywordHits: scan.counts,
      regexGates: scan.gates,
      waveHash: 0, // a name is judged alone, not as a wave
      textHash: textHash(text.compact),
      memory: this.noHistory,
    };
    const hits: NameFindings["hits"] = [];
    for (const rule of rules.rules) {
      if (!rule.sanctions || rule.dryRun || !inCategory(rule, category)) continue;
      if (rule.predicate(ctx)) hits.push({ rule, signals: explainPredicate(rule.predicate, ctx) });
    }
    return { echoable: isEchoable(event.sender.displayName), hits };
  }

  private scanState(rules: CompiledRules): ScanState {
    if (this.scanFor !== rules || !this.scan) {
      this.scan = new ScanState(
        rules.wordSlots,
        rules.keywordSlots,
        rules.faq.words.length,
        rules.gates.count,
      );
      this.scanFor = rules;
    }
    return this.scan;
  }
}

/** The engine's scoping of a rule by category (exempt users are the member's, asked per member). */
function inCategory(rule: CompiledRule, category: string): boolean {
  if (rule.categories && !rule.categories.has(category)) return false;
  return rule.exemptCategories.size === 0 || !rule.exemptCategories.has(category);
}
