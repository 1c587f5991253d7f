import { defineConfig } from "drizzle-kit";

/** drizzle-kit settings: `npm run db:generate -- --name <change>` writes a new migration from the schema. */
export default defineConfig({
  dialect: "sqlite",
  schema: "./src/db/schema.ts",
  out: "./migrations",
});
