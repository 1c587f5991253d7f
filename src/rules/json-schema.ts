/**
 * The JSON Schema of a rule file, generated from the same zod schema the
 * loader validates with, so editors (yaml-language-server) complete keys and
 * flag mistakes exactly as `qunguan check` would.
 */
import { z } from "zod";
import { ruleFileSchema } from "./schema.js";

export function ruleFileJsonSchema(): Record<string, unknown> {
  // io "input": what operators write (defaults are optional there).
  const schema = z.toJSONSchema(ruleFileSchema, {
    io: "input",
    unrepresentable: "any",
    target: "draft-7",
  }) as Record<string, unknown>;
  return { ...schema, title: "Qunguan rule file" };
}
