import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Real SQLite files, child processes and (later) Redis: give slow machines room.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
