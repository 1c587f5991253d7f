import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ruleFileJsonSchema } from "../../src/rules/json-schema.js";
import { formatProblem, loadRules } from "../../src/rules/mod.js";
import { DEFAULT_RULES_DIR, MINIMAL_CATEGORIES, ruleDir } from "../helpers/rules.js";

function problems(files: Record<string, string>): string[] {
  const dir = ruleDir(files);
  const result = loadRules(dir);
  if (result.ok) return [];
  return result.problems.map((p) => formatProblem(p).replaceAll(`${dir}/`, ""));
}

describe("rule files", () => {
  it("loads the default pack cleanly", () => {
    const result = loadRules(DEFAULT_RULES_DIR);
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([]);
    if (!result.ok) return;
    expect(Object.keys(result.pack.categories).sort()).toEqual([
      "booking",
      "complaints",
      "promo",
      "waitlist",
    ]);
    expect(result.pack.faq.entries.map((e) => e.id).sort()).toEqual([
      "address",
      "booking",
      "deals",
      "delivery",
      "hours",
      "parking",
    ]);
    expect(result.pack.defaultCategory).toBe("promo");
  });

  it("reports a YAML syntax error at its line and column", () => {
    expect(
      problems({ "a.yaml": `${MINIMAL_CATEGORIES}moderation:\n  - id: x\n    match: {keywords: [a\n` })[0],
    ).toMatch(/^a\.yaml:\d+:\d+ /);
  });

  it("reports an unknown key at the key itself", () => {
    const text = `${MINIMAL_CATEGORIES}moderation:\n  - id: ads\n    match:\n      keywords: [spam]\n    actions: [delete]\n    colour: red\n`;
    expect(problems({ "m.yaml": text })).toEqual(['m.yaml:11:5 unknown key "colour"']);
  });

  it("reports a wrong type at the value", () => {
    const text = `${MINIMAL_CATEGORIES}moderation:\n  - id: ads\n    priority: high\n    match: { keywords: [spam] }\n    actions: [delete]\n`;
    expect(problems({ "m.yaml": text })).toEqual([
      "m.yaml:8:15 moderation.0.priority: Invalid input: expected number, received string",
    ]);
  });

  it("reports a missing required key at its parent", () => {
    const text = `${MINIMAL_CATEGORIES}moderation:\n  - id: ads\n    match: { keywords: [spam] }\n`;
    expect(problems({ "m.yaml": text })).toEqual(["m.yaml:7:5 moderation.0.actions: missing required array"]);
  });

  it("refuses a regex that can backtrack catastrophically, at the regex", () => {
    const text = `${MINIMAL_CATEGORIES}moderation:\n  - id: bad\n    match:\n      regex: "(a+)+$"\n    actions: [delete]\n`;
    const [p] = problems({ "m.yaml": text });
    expect(p).toMatch(/^m\.yaml:9:14 regular expression \/\(a\+\)\+\$\/ can backtrack catastrophically/);
  });

  it("refuses an invalid regex and an unknown category", () => {
    const text = `${MINIMAL_CATEGORIES}moderation:\n  - id: bad\n    categories: [nope]\n    match:\n      regex: "([a-z]"\n    actions: [delete]\n`;
    expect(problems({ "m.yaml": text })).toEqual([
      'm.yaml:8:18 unknown category "nope"',
      "m.yaml:10:14 invalid regular expression: /([a-z]/i: Unterminated group",
    ]);
  });

  it("reports duplicate ids across files with both places", () => {
    const rule = `moderation:\n  - id: ads\n    match: { keywords: [spam] }\n    actions: [delete]\n`;
    expect(problems({ "a.yaml": MINIMAL_CATEGORIES + rule, "b.yaml": rule })).toEqual([
      'b.yaml:2:9 duplicate moderation rule id "ads" (first at a.yaml)',
    ]);
  });

  it("collects every problem, not just the first", () => {
    const text = `${MINIMAL_CATEGORIES}faq:\n  entries:\n    - id: Hours\n      keywords: []\n      answer: ""\n`;
    expect(problems({ "f.yaml": text }).length).toBe(3);
  });

  it("keeps the committed JSON Schema in step with the zod schema", () => {
    const committed = JSON.parse(readFileSync(join(DEFAULT_RULES_DIR, "schema.json"), "utf8"));
    expect(committed).toEqual(JSON.parse(JSON.stringify(ruleFileJsonSchema())));
  });

  it("points every rule file at the JSON Schema for editors", () => {
    for (const name of ["groups", "categories", "moderation", "escalation", "faq", "admins", "promos"]) {
      const text = readFileSync(join(DEFAULT_RULES_DIR, `${name}.yaml`), "utf8");
      expect(text.split("\n")[0]).toBe("# yaml-language-server: $schema=./schema.json");
    }
  });
});
