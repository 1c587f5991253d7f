/** Writes rules/schema.json (npm run schema). A test checks the committed file is current. */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { ruleFileJsonSchema } from "./json-schema.js";

const target = resolve(process.argv[2] ?? "rules/schema.json");
writeFileSync(target, `${JSON.stringify(ruleFileJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target}`);
