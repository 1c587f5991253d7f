/**
 * Tells a complaint from chatter with the rule files' `complaints.match`
 * condition, compiled by the engine's own condition compiler: the same tests
 * (keywords, regexes, lengths, any/all/not…) and the same normalisation as
 * moderation rules, so "投訴", "退 款" and "REFUND" read like "投诉", "退款"
 * and "refund". It has its own small automaton: the engine's hot path stays
 * as it is, and only messages in desk groups pay for this scan.
 */
import type { MessageEvent } from "../core/chat-event.js";
import { DEFAULT_TIME_ZONE } from "../engine/compile.js";
import { compileCondition, type Predicate } from "../engine/conditions.js";
import type { EngineMemory } from "../engine/memory.js";
import { textHash } from "../engine/memory.js";
import { type MessageScanner, MessageScannerBuilder } from "../engine/message-scanner.js";
import { RegexGates } from "../engine/regex-gate.js";
import { ScanState } from "../engine/scan-state.js";
import { normalize } from "../engine/text/normalize.js";
import type { Condition } from "../rules/schema.js";

export class ComplaintMatcher {
  private readonly predicate: Predicate;
  private readonly scanner: MessageScanner;
  private readonly state: ScanState;

  constructor(condition: Condition, timeZone = DEFAULT_TIME_ZONE) {
    const lists: (readonly string[])[] = [];
    const gates = new RegexGates();
    const slots = {
      register(keywords: readonly string[]) {
        lists.push(keywords);
        return lists.length - 1;
      },
    };
    this.predicate = compileCondition(condition, { slots, gates, timeZone });
    const builder = new MessageScannerBuilder();
    lists.flat().forEach((keyword, id) => builder.keyword(keyword, id));
    gates.factors.forEach((g, id) => {
      for (const f of g.factors) builder.factor(g.form, f, id);
    });
    this.scanner = builder.build();
    const wordSlots = Int32Array.from(lists.flatMap((list, slot) => list.map(() => slot)));
    this.state = new ScanState(wordSlots, lists.length, 0, gates.count);
  }

  /** Whether the message is a complaint; `memory` serves flood/repeat/member-age tests, read only. */
  matches(event: MessageEvent, chat: string, memory: EngineMemory): boolean {
    const text = normalize(event.text);
    this.state.reset();
    this.scanner.scan(text, this.state);
    return this.predicate({
      event,
      chat,
      text,
      keywordHits: this.state.counts,
      regexGates: this.state.gates,
      textHash: textHash(text.compact),
      waveHash: 0, // complaints are one member's, never a wave
      memory,
    });
  }
}
