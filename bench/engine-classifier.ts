/**
 * The engine scenario's classifier figures: decisions per second with a merchant's spam model in
 * place (the seed model plus 2,000 taught spam samples, so both the score and the `learned-spam`
 * near-duplicate lookup do real work), and what teaching one sample costs (one admin's /spam).
 */

import { SpamModel } from "../src/classifier/spam-model.js";
import type { MessageEvent } from "../src/core/chat-event.js";
import type { CompiledRules } from "../src/engine/compile.js";
import { Engine } from "../src/engine/engine.js";
import { learnedSpamSamples } from "./learned-samples.js";

export const LEARNED_SAMPLES = 2000;

export interface ClassifierEngineFigures {
  classifierMsgsPerSec: number;
  /** µs per `model.learn`, averaged over LEARNED_SAMPLES samples into a fresh model. */
  learnUs: number;
  /** Actions taken, so the work is observable and not optimised away. */
  sink: number;
}

/** Best of two passes each way, as the classifier-off figure: the machine is shared. */
export function measureClassifierEngine(
  compiled: CompiledRules,
  events: readonly MessageEvent[],
): ClassifierEngineFigures {
  const samples = learnedSpamSamples(LEARNED_SAMPLES);
  new SpamModel(); // trains the shared seed model once, outside the timings

  let learnMs = Number.POSITIVE_INFINITY;
  let model = new SpamModel();
  for (let pass = 0; pass < 2; pass++) {
    model = new SpamModel();
    const t = performance.now();
    for (const sample of samples) model.learn(sample);
    learnMs = Math.min(learnMs, performance.now() - t);
  }

  let sink = 0;
  const warm = new Engine(compiled);
  warm.setJudge(model);
  for (const e of events.slice(0, Math.min(20_000, events.length))) sink += warm.decide(e).actions.length;

  let ms = Number.POSITIVE_INFINITY;
  for (let pass = 0; pass < 2; pass++) {
    const engine = new Engine(compiled);
    engine.setJudge(model);
    const t = performance.now();
    for (const e of events) sink += engine.decide(e).actions.length;
    ms = Math.min(ms, performance.now() - t);
  }
  return {
    classifierMsgsPerSec: Math.round(events.length / (ms / 1000)),
    learnUs: Math.round(((1000 * learnMs) / samples.length) * 10) / 10,
    sink,
  };
}
