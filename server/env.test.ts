import { execFile } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, readEnv } from "./env";

describe("configuration", () => {
  it("accepts a fresh clone's empty environment (embedded database, development secrets)", () => {
    const env = readEnv({ NODE_ENV: "development" });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.PGLITE_DIR).toBe(".data/pglite");
  });

  it.each([
    [{ DATABASE_URL: "mysql://root@localhost/db" }, /DATABASE_URL must look like postgresql:/],
    [{ DATABASE_URL: "postgresql://" }, /DATABASE_URL/],
    [{ NODE_ENV: "production", EMBED_SECRET: "x".repeat(20) }, /NEXTAUTH_SECRET must be set in production/],
    [{ NODE_ENV: "production", NEXTAUTH_SECRET: "x".repeat(20) }, /EMBED_SECRET must be set in production/],
    [{ NEXTAUTH_SECRET: "short" }, /NEXTAUTH_SECRET must be at least 16 characters/],
    [{ RATE_LIMIT_PER_MINUTE: "lots" }, /RATE_LIMIT_PER_MINUTE/],
  ])("refuses %o with one sentence", (source, message) => {
    expect(() => readEnv(source as NodeJS.ProcessEnv)).toThrow(ConfigError);
    expect(() => readEnv(source as NodeJS.ProcessEnv)).toThrow(message);
  });

  const start = (env: Record<string, string>) =>
    new Promise<{ code: number; stderr: string }>((resolve) => {
      const tsx = path.join(process.cwd(), "node_modules", ".bin", "tsx");
      execFile(
        tsx,
        ["server/start.ts", "start"],
        { env: { PATH: process.env.PATH!, NODE_ENV: "production", ...env }, timeout: 60_000 },
        (error, _stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stderr }),
      );
    });

  it.each([
    [{ DATABASE_URL: "not a url" }, /^Configuration error: DATABASE_URL/],
    [
      { DATABASE_URL: "postgresql://postgres@127.0.0.1:1/nowhere", NEXTAUTH_SECRET: "s".repeat(20), EMBED_SECRET: "e".repeat(20) },
      /^Cannot reach the PostgreSQL database at 127\.0\.0\.1:1\/nowhere/,
    ],
    [{ EMBED_SECRET: "x".repeat(20) }, /^Configuration error: NEXTAUTH_SECRET must be set in production\.$/],
  ])("stops start-up on %o with one clear sentence, not a stack trace", async (env, message) => {
    const { code, stderr } = await start(env);
    expect(code).toBe(1);
    const lines = stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
