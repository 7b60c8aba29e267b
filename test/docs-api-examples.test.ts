import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { setUpRestServer } from "@/test/http-server";

// docs/api.md's curl examples, run as a reader pastes them (bash, curl) against the API over HTTP, today:
// they must succeed on any day and show up in this week's board (fixed dates once gave an empty board).
const { server, key, call } = await setUpRestServer("docs-examples");

const docs = fs.readFileSync(path.resolve(__dirname, "..", "docs", "api.md"), "utf8");
const bashBlocks = [...docs.matchAll(/```bash\n([\s\S]*?)```/g)].map((m) => m[1]!);

/** The setup's exports (not the server start, the key or the URL, which the test gives) and every curl block. */
function script(): string {
  const setup = bashBlocks[0]!.split("\n").filter((line) => /^export (NOW|YESTERDAY|LAST_WEEK)=/.test(line));
  const calls = bashBlocks.filter((block) => block.includes("curl ") && block.includes("$API"));
  // -f: a 4xx or 5xx fails the script, as a reader would notice.
  return ["set -euo pipefail", ...setup, ...calls.map((block) => block.replaceAll("curl -s ", "curl -sf "))].join("\n");
}

function runBash(source: string, env: Record<string, string>) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile("bash", ["-c", source], { env: { ...process.env, ...env }, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

describe("docs/api.md's examples", () => {
  it("use no fixed dates", () => {
    expect(docs).not.toMatch(/"occurredAt":\s*"\d{4}-/);
    expect(docs).not.toMatch(/at=\d{4}-\d{2}-\d{2}/);
  });

  it("run as pasted, today, and this week's board shows their learners", async () => {
    const result = await runBash(script(), { KEY: key, API: `${server.url}/api/v1` });
    expect(result.code, result.stderr).toBe(0);
    const weekly = await call("GET", "/leaderboards/global?period=weekly&limit=10");
    expect(weekly.status).toBe(200);
    const ids = (weekly.body.entries as { userId: string }[]).map((e) => e.userId);
    expect(ids).toContain("u-42");
    // Run again (a new RUN, new ids): accepted as new events, not a 409.
    const again = await runBash(script(), { KEY: key, API: `${server.url}/api/v1` });
    expect(again.code, again.stderr).toBe(0);
  });
});
