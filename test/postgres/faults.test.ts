import { spawn, type ChildProcess } from "node:child_process";
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/server/services/api-keys";
import { recordEvent } from "@/server/services/events";
import { findDrift, totalDrift } from "@/server/services/reconcile";
import { createTestDatabase } from "@/test/database";
import { startRestServer } from "@/test/http-server";

// Break things on purpose: connections killed mid-transaction, the server SIGKILLed mid-load. Afterwards
// every event that got a 2xx is there exactly once, retries of the rest are safe, and the ledger agrees.

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let key: string;
beforeAll(async () => {
  db = await createTestDatabase();
  key = (await createApiKey(db.prisma, "faults")).key;
});
afterAll(async () => db.drop());

const dbName = () => new URL(db.url!).pathname.slice(1);

function eventsFor(prefix: string, n: number) {
  return Array.from({ length: n }, (_, i) => ({
    id: `${prefix}-${i}`,
    type: i % 5 === 0 ? "course.completed" : "lesson.completed",
    userId: `${prefix}-u${i % 7}`,
    courseId: `c-${i % 3}`,
    lessonId: `l-${i}`,
    occurredAt: new Date(Date.UTC(2026, 10, 1 + (i % 20), 10)).toISOString(),
  }));
}

async function send(url: string, event: object): Promise<number> {
  try {
    const res = await fetch(`${url}/api/v1/events`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify(event),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await res.text();
    if (res.status >= 500) expect(text).not.toMatch(/\n\s+at |SELECT|INSERT|terminat/i);
    if (res.status >= 300 && process.env.FAULT_DEBUG) console.log("FAIL", res.status, text.slice(0, 200));
    return res.status;
  } catch {
    return 0; // connection refused or reset: the server is down
  }
}

/** Sends every event, retrying failures, with `concurrency` in flight. Returns the ids first acknowledged with 2xx. */
async function sendAll(url: () => string, events: { id: string }[], concurrency: number) {
  const acknowledged: string[] = [];
  let next = 0;
  let failures = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < events.length) {
        const event = events[next++]!;
        for (let attempt = 0; ; attempt++) {
          const status = await send(url(), event);
          if (status >= 200 && status < 300) {
            acknowledged.push(event.id);
            break;
          }
          failures++;
          expect(attempt, `event ${event.id} kept failing`).toBeLessThan(200);
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    }),
  );
  return { acknowledged, failures };
}

/**
 * Every event stored once, at most one activity award each, and the learners' totals equal to a fault-free
 * replay of the same events (under another prefix) straight through the service.
 */
async function expectExactlyOnce(prefix: string, events: ReturnType<typeof eventsFor>) {
  const stored = await db.query<{ id: string; n: number }>(
    `SELECT e.id, (SELECT count(*)::int FROM ledger_entry l WHERE l.event_id = e.id AND l.reason IN ('lesson.completed','course.completed')) AS n
     FROM event e WHERE e.id LIKE $1`,
    [`${prefix}-%`],
  );
  expect(stored.map((r) => r.id).sort()).toEqual(events.map((e) => e.id).sort());
  expect(stored.every((r) => r.n <= 1)).toBe(true);
  expect(totalDrift(await findDrift(db.prisma))).toBe(0);
  const replay = `${prefix}replay`;
  for (const e of events) {
    await recordEvent(db.prisma, { ...e, id: e.id.replace(prefix, replay), userId: e.userId.replace(prefix, replay) } as never);
  }
  const totals = async (p: string) =>
    (await db.query<{ u: string; points: number; lessons: number }>(
      `SELECT replace(user_id, $2, '') AS u, points, lessons_completed AS lessons FROM learner WHERE user_id LIKE $1 ORDER BY 1`,
      [`${p}-%`, p],
    ));
  expect(await totals(prefix)).toEqual(await totals(replay));
}

describe("faults", () => {
  it("survives database connections killed at random points during a stream of events", async () => {
    const server = await startRestServer(db);
    const killer = new Client({ connectionString: process.env.TEST_DATABASE_URL });
    await killer.connect();
    let kills = 0;
    let stop = false;
    const killing = (async () => {
      while (!stop) {
        // One random busy connection at a time: mid-statement, mid-transaction or mid-commit.
        const r = await killer.query(
          `SELECT count(pg_terminate_backend(pid))::int AS n FROM (
             SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND state <> 'idle'
             ORDER BY random() LIMIT 1) busy`,
          [dbName()],
        );
        kills += r.rows[0].n;
        await new Promise((res) => setTimeout(res, 20 + Math.random() * 60));
      }
    })();
    try {
      const events = eventsFor("kill", 100);
      const { acknowledged, failures } = await sendAll(() => server.url, events, 8);
      stop = true;
      await killing;
      expect(kills).toBeGreaterThan(0);
      expect(failures).toBeGreaterThan(0);
      expect(new Set(acknowledged).size).toBe(events.length);
      await expectExactlyOnce("kill", events);
    } finally {
      stop = true;
      await killer.end();
      await server.close();
    }
  });

  it("survives the server process SIGKILLed mid-load: every acknowledged event is there once, retries are safe", async () => {
    const port = 4300 + Math.floor(Math.random() * 500);
    const url = `http://127.0.0.1:${port}`;
    let child: ChildProcess | undefined;
    const start = async () => {
      // node itself (tsx as a loader), so the SIGKILL hits the server and not a wrapper.
      child = spawn(process.execPath, ["--import", "tsx", "test/rest-server-process.ts"], {
        env: { ...process.env, DATABASE_URL: db.url, PORT: String(port) },
        stdio: ["ignore", "pipe", "inherit"],
      });
      await new Promise<void>((resolve, reject) => {
        child!.stdout!.on("data", (d: Buffer) => d.toString().includes("ready") && resolve());
        child!.on("exit", (code) => reject(new Error(`server exited ${code}`)));
      });
    };
    await start();
    const events = eventsFor("sigkill", 120);
    const firstWave: string[] = [];
    let killed = false;
    // Fire without retries until the kill, recording what was acknowledged.
    await Promise.all(
      Array.from({ length: 6 }, async (_, w) => {
        for (let i = w; i < events.length; i += 6) {
          if (i === 60 && !killed) {
            killed = true;
            child!.kill("SIGKILL");
          }
          const status = await send(url, events[i]!);
          if (status >= 200 && status < 300) firstWave.push(events[i]!.id);
        }
      }),
    );
    expect(killed).toBe(true);
    expect(firstWave.length).toBeLessThan(events.length);
    // Everything acknowledged before the crash is stored exactly once.
    const stored = (await db.query<{ id: string }>(`SELECT id FROM event WHERE id LIKE 'sigkill-%'`)).map((r) => r.id);
    for (const id of firstWave) expect(stored).toContain(id);
    // Restart and retry everything (the LMS does not know which ones landed): safe.
    await start();
    try {
      const { acknowledged } = await sendAll(() => url, events, 6);
      expect(new Set(acknowledged).size).toBe(events.length);
      await expectExactlyOnce("sigkill", events);
    } finally {
      child!.kill("SIGTERM");
    }
  });
});
