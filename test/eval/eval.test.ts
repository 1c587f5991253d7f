/**
 * `npm run eval` through its entry (dist/bench/eval.js, a separate process) on a 14-line corpus
 * and a small rule pack whose decisions are known by hand, so a wrong reading of decisions or
 * wrong arithmetic fails here:
 *   violations 5: "buy spamword now", "spamword 便宜" and the 5-mention line are sanctioned; "buy
 *     cheap stuff" matches nothing; "notedword only" only gets a reply, which is no sanction → 3/5.
 *   ordinary 9 (ok, mention, faq): only "the spamword joke again" is sanctioned → 1/9; traps 1/2.
 *   questions 3: opening hours and parking answered right, "when do you open?" names no keyword → 2/3.
 *   non-questions 6: "where is parking?" (asked of other members) gets the parking answer → 1/6;
 *     the reply of the notedword rule is no FAQ answer.
 */
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { cleanEnv, ROOT } from "../helpers/cli.js";
import { MINIMAL_CATEGORIES, ruleDir } from "../helpers/rules.js";

const EVAL = resolve(ROOT, "dist/bench/eval.js");
const SAMPLE = resolve(ROOT, "test/fixtures/eval-sample.jsonl");

const RULES = ruleDir({
  "r.yaml": `${MINIMAL_CATEGORIES}moderation:
  - id: spam
    match: { keywords: [spamword] }
    actions: [delete, warn]
  - id: noted
    match: { keywords: [notedword] }
    actions: [{ reply: "noted" }]
  - id: crowd
    match: { mentions: { min: 3 } }
    actions: [delete]
faq:
  entries:
    - id: hours
      keywords: [opening hours]
      answer: "10:00-22:00"
    - id: parking
      keywords: [parking]
      answer: "B2"
`,
});

function runEval(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync("node", [EVAL, ...args], {
    cwd: ROOT,
    env: cleanEnv(),
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const ratio = (n: number, of: number) => ({
  n,
  of,
  pct: of === 0 ? null : expect.closeTo((100 * n) / of, 6),
});

describe("npm run eval", () => {
  it("reads decisions and counts them right (--json)", () => {
    const r = runEval(["--set", SAMPLE, "--rules", RULES, "--json"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const { sets } = JSON.parse(r.stdout);
    expect(sets).toHaveLength(1);
    const s = sets[0];
    expect(s.name).toBe(SAMPLE);
    expect(s.overall).toEqual({
      lines: 14,
      caught: ratio(3, 5),
      ordinarySanctioned: ratio(1, 9),
      trapsSanctioned: ratio(1, 2),
      faqRight: ratio(2, 3),
      nonQuestionsAnswered: ratio(1, 6),
    });
    expect(s.caughtByConcern).toEqual({ crowd: ratio(1, 1), spam: ratio(2, 4) });
    expect(s.ordinarySanctionedByLabel).toEqual({ faq: ratio(0, 3), mention: ratio(0, 2), ok: ratio(1, 4) });
    expect(s.caughtEvasions).toEqual(ratio(1, 2));
    expect(s.faqRightById).toEqual({ hours: ratio(1, 2), parking: ratio(1, 1) });
    expect(s.ordinarySanctionedByRule).toEqual({ spam: 1 });
    expect(s.byLang["zh-Hans"]).toEqual({
      lines: 2,
      caught: ratio(1, 1),
      ordinarySanctioned: ratio(0, 1),
      trapsSanctioned: ratio(0, 0),
      faqRight: ratio(0, 0),
      nonQuestionsAnswered: ratio(0, 1),
    });
    expect(s.byLang.en.lines).toBe(12);
    expect(s.byLang["zh-Hant"].lines).toBe(0);
    expect(s.misses).toEqual([
      { type: "missed", concern: "spam", lang: "en", text: "buy cheap stuff" },
      { type: "missed", concern: "spam", lang: "en", text: "notedword only" },
      { type: "sanctioned", label: "ok", rules: ["spam"], lang: "en", text: "the spamword joke again" },
      { type: "answered", label: "mention", got: "parking", lang: "en", text: "where is parking?" },
      { type: "wrong-answer", faq: "hours", got: null, lang: "en", text: "when do you open?" },
    ]);
  });

  it("prints the same figures and the misses for a person", () => {
    const r = runEval(["--set", SAMPLE, "--rules", RULES]);
    expect(r.status).toBe(0);
    const out = r.stdout;
    expect(out).toContain("14 lines");
    expect(out).toMatch(/violations caught\s+60\.0% \(3\/5\)/);
    expect(out).toMatch(/ordinary sanctioned\s+11\.1% \(1\/9\)/);
    expect(out).toMatch(/among traps\s+50\.0% \(1\/2\)/);
    expect(out).toMatch(/FAQ right\s+66\.7% \(2\/3\)/);
    expect(out).toMatch(/non-questions answered\s+16\.7% \(1\/6\)/);
    expect(out).toMatch(/spam\s+50\.0% \(2\/4\)/);
    expect(out).toMatch(/ok\s+25\.0% \(1\/4\)/);
    expect(out).toContain("missed spam [en]: buy cheap stuff");
    expect(out).toContain("sanctioned ok by spam [en]: the spamword joke again");
    expect(out).toContain("answered mention with parking [en]: where is parking?");
    expect(out).toContain("faq hours got nothing [en]: when do you open?");
    expect(runEval(["--set", SAMPLE, "--rules", RULES, "--no-misses"]).stdout).not.toContain(
      "buy cheap stuff",
    );
  });

  it("measures both parts of the corpus with the default pack when no set is named", () => {
    const r = runEval(["--json", "--no-misses"]);
    expect(r.status).toBe(0);
    const { sets } = JSON.parse(r.stdout);
    expect(sets.map((s: { name: string }) => s.name)).toEqual(["tune", "heldout"]);
    for (const s of sets) expect(s.overall.caught.of).toBeGreaterThan(0);
  });

  it("runs the rules alone with --no-classifier: same rule figures, no classifier section", () => {
    const r = runEval(["--set", SAMPLE, "--rules", RULES, "--json", "--no-classifier"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.classifier).toBeUndefined();
    expect(out.sets[0].classifier).toBe(false);
    expect(out.sets[0].overall.caught).toEqual(ratio(3, 5));
    const text = runEval(["--set", SAMPLE, "--rules", RULES, "--no-classifier"]).stdout;
    expect(text).toContain("14 lines");
    expect(text).not.toContain("classifier alone");
  });

  it("with the classifier (the default), adds the classifier alone and the spam wave", () => {
    const r = runEval(["--set", SAMPLE, "--rules", RULES, "--json"]);
    expect(r.status).toBe(0);
    const { sets, classifier } = JSON.parse(r.stdout);
    expect(sets[0].classifier).toBe(true);
    expect(classifier.threshold).toBe(0.9);
    expect(classifier.kfold.folds).toBe(5);
    expect(classifier.kfold.lines).toBeGreaterThan(1000);
    expect(classifier.heldout.lines).toBeGreaterThan(500);
    for (const f of [classifier.kfold, classifier.heldout]) {
      expect(Object.keys(f.byKind)).toEqual(["ads", "poaching", "gambling", "porn"]);
      expect(f.precision).toBeGreaterThan(0.5);
      expect(f.recall).toBeGreaterThan(0.5);
    }
    expect(classifier.wave.variants).toBe(100);
    expect(classifier.wave.rows.map((row: { samples: number }) => row.samples)).toEqual([0, 1, 2, 3]);
    const text = runEval(["--set", SAMPLE, "--rules", RULES, "--no-misses"]).stdout;
    expect(text).toMatch(/5-fold on the seed \(\d+ lines\)\s+precision\s+[\d.]+%\s+recall/);
    expect(text).toContain("seed → held-out");
    expect(text).toMatch(/\n {2}3\s+\d+\.\d% \(\d+\/100\)/);
  });

  it("names a bad corpus line instead of skipping it", () => {
    const bad = resolve(ruleDir({ "bad.jsonl": '{"text":"hi","label":"ok","lang":"fr"}\n' }), "bad.jsonl");
    const r = runEval(["--set", bad, "--rules", RULES]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(`${bad}:1: lang must be one of`);
  });
});
