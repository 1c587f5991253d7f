/**
 * The spam wave of `npm run eval` (bench/eval/spam-wave.ts, wave-measure.ts) must be what its
 * figures claim: a template the default pack misses, caught after three admins' /spam replies,
 * with no customer caught by what those replies taught.
 */
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { readCorpus } from "../../bench/eval/corpus.js";
import { judge } from "../../bench/eval/judge.js";
import { waveSamples, waveVariant, waveVariants } from "../../bench/eval/spam-wave.js";
import { measureWave } from "../../bench/eval/wave-measure.js";
import { defaultCompiled } from "../helpers/rules.js";

const HELDOUT = resolve(import.meta.dirname, "../fixtures/eval/heldout.jsonl");

describe("the spam wave", () => {
  it("is 100 different texts, the same on every run, and the samples are none of them", () => {
    const wave = waveVariants(100);
    expect(new Set(wave).size).toBe(100);
    expect(waveVariants(100)).toEqual(wave);
    expect(waveVariant(7)).toBe(wave[7]);
    const samples = waveSamples(3, 100);
    expect(samples).toHaveLength(3);
    for (const sample of samples) expect(wave).not.toContain(sample);
  });

  it("varies the way a spammer's script does: Traditional script, spaces, emoji, reorderings", () => {
    const wave = waveVariants(100);
    expect(wave.filter((t) => t.includes("售後")).length).toBeGreaterThan(5);
    expect(wave.filter((t) => /[\u4e00-\u9fff] [\u4e00-\u9fff]/u.test(t)).length).toBeGreaterThan(5);
    expect(wave.filter((t) => /\p{Extended_Pictographic}/u.test(t)).length).toBeGreaterThan(5);
    // Reordered: the agent's offer of a refund before the claim of compensation.
    const agentFirst = wave.filter((t) => t.search(/退款/u) < t.search(/补偿|補償/u));
    expect(agentFirst.length).toBeGreaterThan(5);
  });

  it("slips past the default pack's rules", () => {
    const lines = waveVariants(100).map((text) => ({
      text,
      label: "violation" as const,
      concern: "ads",
      lang: "zh-Hans" as const,
    }));
    const sanctioned = judge(defaultCompiled(), lines).filter((v) => v.sanctioned);
    expect(sanctioned.length).toBeLessThan(20);
  });

  it("is caught (≥ 90%) after three samples, and what they taught sanctions no more ordinary lines", () => {
    const rows = measureWave(defaultCompiled(), readCorpus(HELDOUT));
    expect(rows.map((r) => r.samples)).toEqual([0, 1, 2, 3]);
    expect(rows[0]!.caught.n).toBeLessThan(20);
    expect(rows[3]!.caught.n).toBeGreaterThanOrEqual(90);
    for (let i = 1; i < rows.length; i++)
      expect(rows[i]!.caught.n).toBeGreaterThanOrEqual(rows[i - 1]!.caught.n);
    expect(rows[0]!.ordinarySanctioned.of).toBeGreaterThan(1000);
    for (const row of rows) expect(row.ordinarySanctioned).toEqual(rows[0]!.ordinarySanctioned);
  });
});
