import { execFile, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { setUpTestDatabase } from "@/test/database";
import { history, stateOf } from "@/test/import-history";
import { recordEvent } from "@/server/services/events";
import { findDrift, totalDrift } from "@/server/services/reconcile";

// `gamify import` killed with SIGKILL in the middle (a round of chunks half committed), then run again: it
// resumes from its checkpoint, what was in is answered as duplicates, and the state is one-by-one ingestion's.

const database = await setUpTestDatabase();
const db = database.prisma;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "gamify-import-kill-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const root = path.resolve(__dirname, "..", "..");
const tsx = path.join(root, "node_modules", ".bin", "tsx");
const now = new Date("2026-11-15T12:00:00Z");

it("killed with SIGKILL mid-import, the command resumes and ends in the same state", async () => {
  for (const e of history("one")) await recordEvent(db, e, { now });
  const file = path.join(tmp, "kill.ndjson");
  fs.writeFileSync(
    file,
    history("kill")
      .map((e) => JSON.stringify(e))
      .join("\n"),
  );
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: database.url!, NODE_ENV: "development" };
  const checkpoint = `${file}.import-state.json`;
  // Its own process group, so the kill reaches the node process tsx starts, as a kill -9 of the whole command would.
  const child = spawn(tsx, ["server/cli.ts", "import", file, "--chunk", "100"], { cwd: root, env, detached: true, stdio: "ignore" });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  await new Promise<void>((resolve) => {
    const poll = setInterval(() => {
      if (fs.existsSync(checkpoint) || child.exitCode !== null) {
        clearInterval(poll);
        process.kill(-child.pid!, "SIGKILL");
        resolve();
      }
    }, 20);
  });
  await exited;
  expect(JSON.parse(fs.readFileSync(checkpoint, "utf8")).done).toBe(false);
  const rerun = await new Promise<string>((resolve, reject) =>
    execFile(tsx, ["server/cli.ts", "import", file, "--chunk", "100"], { cwd: root, env, timeout: 120_000 }, (err, stdout) =>
      err ? reject(err) : resolve(stdout),
    ),
  );
  expect(rerun).toMatch(/Resumed at line/);
  expect(await stateOf(db, "kill")).toEqual(await stateOf(db, "one"));
  expect(totalDrift(await findDrift(db))).toBe(0);
}, 180_000);
