import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setUpTestDatabase } from "@/test/database";
import { history, stateOf } from "@/test/import-history";
import { recordEvent } from "@/server/services/events";
import { receiveStatements } from "@/server/services/xapi";
import moduleCompleted from "@/test/fixtures/xapi/moodle4-module-completed.json";
import { importHistory } from "@/server/services/history-import";
import { findDrift, totalDrift } from "@/server/services/reconcile";

// `gamify import`: a year-like history imported in bulk ends in exactly the state one-by-one ingestion of
// the same events gives (points, streak-day points, achievements, active days, every board), and an import
// stopped half-way resumes from its checkpoint to the same state.

const database = await setUpTestDatabase();
const db = database.prisma;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "gamify-import-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const now = new Date("2026-11-15T12:00:00Z");

function writeNdjson(name: string, lines: string[]): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, lines.join("\n") + "\n");
  return file;
}

describe("gamify import", () => {
  // The reference: the same history, one event at a time, as the LMS would have sent it live.
  beforeAll(async () => {
    for (const e of history("one")) expect((await recordEvent(db, e, { now })).status).toBe("created");
  }, 300_000);

  it("ends in the state one-by-one ingestion gives, streak-day points and achievements included", async () => {
    const imported = history("imp");
    const file = writeNdjson("history.ndjson", [
      ...imported.map((e) => JSON.stringify(e)),
      "{not json",
      JSON.stringify({ id: "imp-bad", type: "lesson.completed", userId: "imp-u0", occurredAt: "2026-09-02T10:00:00Z" }),
    ]);
    const summary = await importHistory(db, file, { chunkSize: 250, now });

    expect(summary.counts).toEqual({ created: imported.length, duplicate: 0, ignored: 0, failed: 2 });
    expect(summary.failures.map((f) => f.line)).toEqual([imported.length + 1, imported.length + 2]);
    expect(summary.failures[1]!.message).toMatch(/courseId/);
    const expected = await stateOf(db, "one");
    expect(expected.ledger.some((l) => l.includes("|streak.day|"))).toBe(true);
    expect(expected.learners.some((l) => l.achievements.length > 0)).toBe(true);
    expect(await stateOf(db, "imp")).toEqual(expected);
    expect(totalDrift(await findDrift(db))).toBe(0);

    const again = await importHistory(db, file, { now });
    expect(again.alreadyDone).toBe(true);
    const reread = await importHistory(db, file, { now, restart: true });
    expect(reread.counts).toMatchObject({ created: 0, duplicate: imported.length });
    expect(await stateOf(db, "imp")).toEqual(expected);
  });

  it("stopped half-way, resumes from its checkpoint and ends in the same state", async () => {
    const events = history("res");
    const file = writeNdjson(
      "resume.ndjson",
      events.map((e) => JSON.stringify(e)),
    );
    const stop = new AbortController();
    const first = await importHistory(db, file, { chunkSize: 200, now, signal: stop.signal, onProgress: () => stop.abort() });
    expect(first.stopped).toBe(true);
    expect(first.counts.created).toBe(400);

    const second = await importHistory(db, file, { chunkSize: 200, now });
    expect(second.resumedAt?.line).toBe(400);
    expect(second.counts.created).toBe(events.length);
    expect(await stateOf(db, "res")).toEqual(await stateOf(db, "one"));
  });

  it("imports xAPI statements as the statements resource would receive them", async () => {
    // Moodle's module completion, for 10 learners over 30 modules and days.
    const statements = (run: string) =>
      Array.from({ length: 300 }, (_, i) => ({
        ...moduleCompleted.statement,
        actor: { ...moduleCompleted.statement.actor, account: { homePage: "https://learn.example.edu", name: `${run}-a${i % 10}` } },
        object: { ...moduleCompleted.statement.object, id: `https://learn.example.edu/mod/book/view.php?id=${i}` },
        timestamp: new Date(Date.UTC(2026, 9, 1 + (i % 30), 9)).toISOString(),
      }));
    for (const st of statements("xone")) await receiveStatements(db, st, { now });
    const file = writeNdjson(
      "statements.ndjson",
      statements("ximp").map((st) => JSON.stringify(st)),
    );
    const summary = await importHistory(db, file, { chunkSize: 50, now });

    expect(summary.format).toBe("xapi");
    expect(summary.counts).toEqual({ created: 300, duplicate: 0, ignored: 0, failed: 0 });
    expect(await db.xapiStatement.count({ where: { userId: { startsWith: "ximp-" } } })).toBe(300);
    const expected = await stateOf(db, "xone");
    expect(expected.learners.filter((l) => l.points > 0)).toHaveLength(10);
    expect(await stateOf(db, "ximp")).toEqual(expected);
    const again = await importHistory(db, file, { now, restart: true });
    expect(again.counts).toEqual({ created: 0, duplicate: 300, ignored: 0, failed: 0 });
  });
});
