import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    // test/postgres/ holds fault tests that need a PostgreSQL server (killing backends): they run in the
    // PostgreSQL pass (TEST_DATABASE_URL set), as `.ci/run` does.
    include: ["server/**/*.test.ts", "test/*.test.ts", ...(process.env.TEST_DATABASE_URL ? ["test/postgres/*.test.ts"] : [])],
    environment: "node",
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
