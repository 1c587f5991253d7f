/**
 * How fast admins' /spam replies teach the bot a spam wave the rules miss (spam-wave.ts): with a
 * fresh spam model and the given pack, the share of the wave's variants sanctioned after 0, 1, 2, …
 * samples taught, each sample being what one admin's /spam on one more variant teaches. Alongside,
 * the ordinary lines of a corpus sanctioned at each step: learning a wave must not catch customers.
 */
import { SpamModel } from "../../src/classifier/spam-model.js";
import type { CompiledRules } from "../../src/engine/compile.js";
import type { LabelledLine } from "./corpus.js";
import { judge } from "./judge.js";
import { type Ratio, score } from "./score.js";
import { waveSamples, waveVariants } from "./spam-wave.js";

export interface WaveRow {
  /** Samples taught so far. */
  samples: number;
  /** Variants of the wave sanctioned. */
  caught: Ratio;
  /** Ordinary lines (not violations) of the corpus sanctioned. */
  ordinarySanctioned: Ratio;
}

export interface WaveOptions {
  variants?: number;
  samples?: number;
}

function asViolations(texts: readonly string[]): LabelledLine[] {
  return texts.map((text) => ({ text, label: "violation", concern: "ads", lang: "zh-Hans" }));
}

export function measureWave(
  rules: CompiledRules,
  corpus: readonly LabelledLine[],
  options: WaveOptions = {},
): WaveRow[] {
  const variants = options.variants ?? 100;
  const wave = asViolations(waveVariants(variants));
  const ordinary = corpus.filter((line) => line.label !== "violation");
  const model = new SpamModel();
  const rows: WaveRow[] = [];
  const measure = (samples: number) =>
    rows.push({
      samples,
      caught: score(judge(rules, wave, model)).overall.caught,
      ordinarySanctioned: score(judge(rules, ordinary, model)).overall.ordinarySanctioned,
    });
  measure(0);
  waveSamples(options.samples ?? 3, variants).forEach((text, i) => {
    // What /spam teaches: the text as spam of the kind the admin's reply names (ads, by default).
    model.learn({ id: i + 1, label: "spam", rule: "ads", text });
    measure(i + 1);
  });
  return rows;
}
