import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    // test/postgres/ holds fault tests that need a PostgreSQL server (killing backends): they run in the
    // PostgreSQL pass (TEST_DATABASE_URL set), as `.ci/run` does.
    include: [
      "server/**/*.test.ts",
      "components/**/*.test.ts",
      "test/*.test.ts",
      ...(process.env.TEST_DATABASE_URL ? ["test/postgres/*.test.ts"] : []),
    ],
    environment: "node",
    // The server's request log is quiet in tests (a test that reads it passes its own logger); LOG_LEVEL=info to see it.
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? "silent" },
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
