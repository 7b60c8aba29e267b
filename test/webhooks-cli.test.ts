import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/server/db";
import { applyMigrations } from "@/server/db/migrate";
import { recordEvent } from "@/server/services/events";
import { createWebhookEndpoint } from "@/server/services/webhooks";
import { lesson } from "@/test/engine-fixtures";
import { startWebhookReceiver } from "@/test/webhook-receiver";

// `gamify webhooks:drain` as an operator without an Inngest server runs it: a child process on its own
// embedded database folder, sending to a receiver on loopback.
const root = path.resolve(__dirname, "..");
const tsx = path.join(root, "node_modules", ".bin", "tsx");

let tmp: string;
let pgliteDir: string;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "gamify-webhooks-cli-"));
  pgliteDir = path.join(tmp, "pglite");
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await receiver.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

function drain() {
  const env: NodeJS.ProcessEnv = { ...process.env, PGLITE_DIR: pgliteDir, NODE_ENV: "development", WEBHOOK_ALLOW_PRIVATE: "true" };
  delete env.DATABASE_URL;
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(tsx, ["server/cli.ts", "webhooks:drain"], { cwd: root, env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

describe("gamify webhooks:drain", () => {
  it("sends the pending deliveries through the same code, and says what is left", async () => {
    const database = await openDatabase({ pgliteDir });
    try {
      await applyMigrations(database);
      const endpoint = await createWebhookEndpoint(database.prisma, { url: receiver.url, eventTypes: ["points.awarded"] }, undefined, {
        allowPrivate: true,
      });
      receiver.useSecret(endpoint.secret);
      await recordEvent(database.prisma, lesson("cli-wh", "l-1", "2026-11-25T10:00:00Z"));
      await recordEvent(database.prisma, lesson("cli-wh", "l-2", "2026-11-25T11:00:00Z"));
    } finally {
      await database.close();
    }
    receiver.reply({ status: 503, headers: { "retry-after": "3600" } });
    const result = await drain();
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Done: 2 sent \(1 succeeded, 1 to retry, 0 failed\)\. 1 pending; the next is due at /);
    expect(receiver.requests).toHaveLength(2);
    expect(receiver.requests.every((r) => r.verifyError === null)).toBe(true);

    // Nothing is due again before the retry's time (an hour: the receiver's retry-after).
    const again = await drain();
    expect(again.stdout, again.stdout).toMatch(/Done: 0 sent .* 1 pending/);
    expect(receiver.requests).toHaveLength(2);
  });
});
