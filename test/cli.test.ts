import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/server/db";
import { verifyAdminPassword } from "@/server/services/admins";
import { verifyApiKey } from "@/server/services/api-keys";

// The CLI as users run it: a child process on its own embedded database folder.
const root = path.resolve(__dirname, "..");
const tsx = path.join(root, "node_modules", ".bin", "tsx");

let tmp: string;
let pgliteDir: string;

function runCli(args: string[], extraEnv: Record<string, string> = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env, PGLITE_DIR: pgliteDir, NODE_ENV: "development" };
  delete env.DATABASE_URL; // always the embedded database, whichever driver the other tests use
  delete env.ADMIN_PASSWORD;
  Object.assign(env, extraEnv);
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(tsx, ["server/cli.ts", ...args], { cwd: root, env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

async function withDatabase<T>(fn: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const database = await openDatabase({ pgliteDir });
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

describe("gamify CLI", () => {
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "gamify-cli-"));
    pgliteDir = path.join(tmp, "pglite");
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("db:migrate applies the migrations once, and a second run applies nothing", async () => {
    const first = await runCli(["db:migrate"]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/Applying migration \d+_init/);
    expect(first.stdout).toMatch(/Applied \d+ migrations?/);

    const second = await runCli(["db:migrate"]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).not.toMatch(/Applying migration/);
    expect(second.stdout).toMatch(/No pending migrations/);
  });

  it("apikey:create prints a working key alone on the last line", async () => {
    const result = await runCli(["apikey:create", "moodle"]);
    expect(result.code, result.stderr).toBe(0);
    const lastLine = result.stdout.trimEnd().split("\n").at(-1)!;
    expect(lastLine).toMatch(/^gk_[A-Za-z0-9_-]{43}$/);
    await expect(withDatabase((db) => verifyApiKey(db.prisma, lastLine))).resolves.toMatchObject({ name: "moodle" });

    const revoked = await runCli(["apikey:revoke", "moodle"]);
    expect(revoked.code, revoked.stderr).toBe(0);
    await expect(withDatabase((db) => verifyApiKey(db.prisma, lastLine))).resolves.toBeNull();
  });

  it("admin:create reads the password from ADMIN_PASSWORD", async () => {
    const result = await runCli(["admin:create", "Ops@Example.test"], { ADMIN_PASSWORD: "a-long-password" });
    expect(result.code, result.stderr).toBe(0);
    const admin = await withDatabase((db) => verifyAdminPassword(db.prisma, "ops@example.test", "a-long-password"));
    expect(admin).toMatchObject({ email: "ops@example.test" });
  });

  it("explains a mistake in one sentence and exits 1", async () => {
    const short = await runCli(["admin:create", "short@example.test"], { ADMIN_PASSWORD: "short" });
    expect(short.code).toBe(1);
    expect(short.stderr.trim().split("\n")).toHaveLength(1);
    expect(short.stderr).toMatch(/at least 8 characters/);

    const unknownKey = await runCli(["apikey:revoke", "never-made"]);
    expect(unknownKey.code).toBe(1);
    expect(unknownKey.stderr.trim()).toBe('No API key is named "never-made".');

    const unknown = await runCli(["frobnicate"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/Usage: npm run gamify -- <command>/);
  });

  it("while another process (the demo) holds the embedded database, points to Dashboard, API keys and creates nothing", async () => {
    const result = await withDatabase(() => runCli(["apikey:create", "while-held"]));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/already open in another process/);
    expect(result.stderr).toMatch(/create API keys in the dashboard instead: Dashboard, API keys \(\/admin\/api-keys\)/);
    expect(await withDatabase((db) => db.prisma.apiKey.count({ where: { name: "while-held" } }))).toBe(0);
  });

  it("verify passes on a consistent database and exits 1 naming the drift otherwise; jobs:run repairs it", async () => {
    await withDatabase(async (db) => {
      const { recordEvent } = await import("@/server/services/events");
      await recordEvent(db.prisma, { id: "cli-e1", type: "user.login", userId: "cli-u", occurredAt: "2026-11-20T10:00:00Z" });
      await recordEvent(db.prisma, {
        id: "cli-e2",
        type: "lesson.completed",
        userId: "cli-u",
        courseId: "c",
        lessonId: "l",
        occurredAt: "2026-11-21T10:00:00Z",
      });
    });
    const clean = await runCli(["verify"]);
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stdout).toMatch(/Everything equals the ledger/);
    await withDatabase((db) => db.exec(`UPDATE learner SET points = points + 1 WHERE user_id = 'cli-u'`));
    const drifted = await runCli(["verify"]);
    expect(drifted.code).toBe(1);
    expect(drifted.stdout).toMatch(/learnerPoints\s+1 rows disagree/);
    const repaired = await runCli(["jobs:run", "leaderboard-refresh"]);
    expect(repaired.code, repaired.stderr).toBe(0);
    expect((await runCli(["verify"])).code).toBe(0);
  }, 240_000);
});
