import { afterAll, describe, expect, it } from "vitest";
import { withRequestLog } from "@/server/api/request-log";
import { errorResponse } from "@/server/api/rest";
import { createLogger } from "@/server/log";
import { createApiKey } from "@/server/services/api-keys";
import { createTestDatabase } from "@/test/database";
import { startRestServer } from "@/test/http-server";

// The server log, as an operator reads it: one JSON line per LMS API request (request id, method, route
// template, status, duration; an error's code), and never a value a request carried, even when the
// database quotes it back in an error.

const SECRET = "SECRET-12345";
const lines: string[] = [];
const logger = createLogger("info", { write: (line: string) => void lines.push(line) });
const db = await createTestDatabase();
const server = await startRestServer(db, { logger });
afterAll(async () => {
  await server.close();
  await db.drop();
});
const { key } = await createApiKey(db.prisma, "log");

interface Line {
  level: string;
  reqId: string;
  method: string;
  route: string | null;
  status: number;
  durationMs: number;
  error?: { code: string | null; fault?: Record<string, unknown> };
}

/** The log lines written while `work` runs, parsed (each must be one JSON object). */
async function linesOf(work: () => Promise<unknown>): Promise<{ raw: string[]; parsed: Line[] }> {
  const from = lines.length;
  await work();
  const raw = lines.slice(from);
  return { raw, parsed: raw.map((l) => JSON.parse(l) as Line) };
}

const call = (method: string, path: string, body?: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...headers },
    body,
  });

describe("request log", () => {
  it("writes one JSON line per request: request id (echoed in x-request-id), method, route template, status, duration", async () => {
    const answers: Response[] = [];
    const { raw, parsed } = await linesOf(async () => {
      answers.push(await call("GET", `/users/${SECRET}/stats`, undefined, { "x-request-id": "lms-req-42" }));
      answers.push(await call("GET", "/leaderboards/global", undefined, { "x-request-id": "has spaces\tand a tab" }));
      answers.push(await call("GET", "/no/such/route"));
      answers.push(await fetch(`${server.url}/api/v1/health`));
      answers.push(await fetch(`${server.url}/api/v1/xapi/about`));
    });
    expect(raw.every((l) => l.endsWith("\n") && !l.slice(0, -1).includes("\n"))).toBe(true);
    expect(parsed.map(({ method, route, status }) => ({ method, route, status }))).toEqual([
      { method: "GET", route: "/users/{userId}/stats", status: 404 },
      { method: "GET", route: "/leaderboards/global", status: 200 },
      { method: "GET", route: null, status: 404 },
      { method: "GET", route: "/health", status: 200 },
      { method: "GET", route: "/xapi/about", status: 200 },
    ]);
    // A sane id sent is kept; one with spaces is replaced by a fresh one; every answer names its line.
    expect(parsed[0]!.reqId).toBe("lms-req-42");
    expect(parsed[1]!.reqId).toMatch(/^[0-9a-f-]{36}$/);
    expect(answers.map((a) => a.headers.get("x-request-id"))).toEqual(parsed.map((l) => l.reqId));
    expect(new Set(parsed.map((l) => l.reqId)).size).toBe(parsed.length);
    for (const l of parsed) expect(l.durationMs).toBeGreaterThanOrEqual(0);
    // An error answer's line has its code beside the request id.
    expect(parsed[0]!.error).toEqual({ code: "NOT_FOUND" });
    expect(parsed[1]!.error).toBeUndefined();
    expect(raw.join("")).not.toContain(SECRET);
  });

  it("never logs a value from a request, even one the database would reject (a NUL in an id)", async () => {
    const poisoned = {
      id: `${SECRET}\u0000`,
      type: "lesson.completed",
      userId: `u-${SECRET}`,
      courseId: "c-log",
      lessonId: "l-log",
      occurredAt: "2026-11-20T10:00:00Z",
      user: { displayName: SECRET },
    };
    const good = { ...poisoned, id: "log-good", user: { displayName: SECRET } };
    const statuses: number[] = [];
    const { raw, parsed } = await linesOf(async () => {
      for (const [method, path, body] of [
        ["POST", "/events", JSON.stringify(poisoned)],
        ["POST", "/events", JSON.stringify({ ...poisoned, lessonId: `${SECRET}\ud800` })],
        ["POST", "/events/batch", JSON.stringify({ events: [poisoned, good] })],
        ["PATCH", `/users/u-${SECRET}`, JSON.stringify({ displayName: `${SECRET}\u0000` })],
        ["POST", "/events", `{"id":"${SECRET}",`],
      ] as const) {
        const res = await call(method, path, body);
        statuses.push(res.status);
        await res.text();
      }
    });
    expect(parsed).toHaveLength(statuses.length);
    expect(parsed.map((l) => l.status)).toEqual(statuses);
    for (const l of parsed) {
      expect(l).toMatchObject({
        reqId: expect.any(String),
        method: expect.any(String),
        status: expect.any(Number),
        durationMs: expect.any(Number),
      });
      expect(l.route).toMatch(/^\/(events|events\/batch|users\/\{userId\})$/);
      if (l.status >= 400) expect(l.error?.code).toEqual(expect.any(String));
    }
    expect(raw.join("")).not.toContain(SECRET);
  });

  it("keeps a database error's message, detail, where and parameters out of the log, and its SQLSTATE in", async () => {
    // A statement the database refuses, with a request's values as its parameter: PostgreSQL quotes the
    // parameter in `where` and the JSON in `detail`. And a Prisma call refused before the database: its
    // message quotes the call's arguments.
    const json = JSON.stringify({ displayName: SECRET, id: "a\u0000b" });
    const failures = [
      { fail: () => db.query("SELECT $1::jsonb", [json]), fault: { type: expect.any(String), sqlState: expect.stringMatching(/^22/) } },
      {
        fail: () => db.prisma.learner.findFirst({ where: { userId: SECRET, noSuchField: 1 } as never }),
        fault: { type: "PrismaClientValidationError" },
      },
    ];
    for (const { fail, fault } of failures) {
      const thrown = await fail().then(
        () => null,
        (err: unknown) => err,
      );
      expect(JSON.stringify(thrown, Object.getOwnPropertyNames(thrown))).toContain(SECRET);
      const handler = withRequestLog(async () => errorResponse(thrown), logger);
      const { raw, parsed } = await linesOf(() =>
        handler({ method: "POST", url: "/api/v1/events", headers: new Headers(), body: async () => ({ text: json }) }),
      );
      expect(parsed).toHaveLength(1);
      expect(parsed[0]).toMatchObject({ level: "error", status: 500, error: { code: "INTERNAL_SERVER_ERROR", fault } });
      expect(parsed[0]!.error!.fault!.stack).toEqual(expect.arrayContaining([expect.stringMatching(/^at /)]));
      expect(raw.join("")).not.toContain(SECRET);
    }
  });
});
