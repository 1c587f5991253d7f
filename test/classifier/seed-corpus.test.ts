import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildSeedLines, heldoutKeys, seedFileText } from "../../bench/eval/build-seed.js";
import { splitKey } from "../../bench/eval/written.js";
import { loadSeedModel, readSeedLines, SEED_FILE, trainModel } from "../../src/classifier/seed-corpus.js";
import { packageRoot } from "../../src/cli/package-root.js";

describe("the shipped seed corpus", () => {
  const shipped = readFileSync(join(packageRoot(), SEED_FILE), "utf8");

  it("is exactly what `npm run seed` builds", () => {
    expect(shipped).toBe(seedFileText(buildSeedLines()));
  });

  it("holds no held-out line, nor a twin of one, and no line twice", () => {
    const heldout = heldoutKeys();
    expect(heldout.size).toBeGreaterThan(1000);
    const keys = readSeedLines().map((line) => splitKey(line.text));
    expect(keys.filter((key) => heldout.has(key))).toEqual([]);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("has every class, ordinary lines the most", () => {
    const byLabel: Record<string, number> = {};
    for (const line of readSeedLines()) byLabel[line.label] = (byLabel[line.label] ?? 0) + 1;
    for (const label of ["ads", "poaching", "gambling", "porn"]) expect(byLabel[label]).toBeGreaterThan(100);
    expect(byLabel.ok).toBeGreaterThan(byLabel.ads! + byLabel.poaching!);
  });

  it("trains the seed model once per process", () => {
    expect(loadSeedModel()).toBe(loadSeedModel());
    expect(loadSeedModel().documents).toBe(readSeedLines().length);
  });

  it("trainModel rejects a label the model does not have", () => {
    expect(() => trainModel([{ text: "x", label: "privacy" as "ok" }])).toThrow(/unknown label/);
  });
});
