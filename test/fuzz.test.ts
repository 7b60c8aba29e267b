import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/server/services/api-keys";
import { createTestDatabase } from "@/test/database";
import { startRestServer } from "@/test/http-server";

// Random and malicious bodies against the event endpoints: always a 400 or 413 with the error shape,
// never a 500, never stored; and the server keeps answering.

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let server: Awaited<ReturnType<typeof startRestServer>>;
let key: string;
beforeAll(async () => {
  db = await createTestDatabase();
  server = await startRestServer(db);
  key = (await createApiKey(db.prisma, "fuzz")).key;
});
afterAll(async () => {
  await server.close();
  await db.drop();
});

const RUNS = Number(process.env.FUZZ_RUNS ?? 60);

async function post(path: string, body: string) {
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body,
  });
  const text = await res.text();
  return { status: res.status, text };
}

function expectRejected(r: { status: number; text: string }) {
  expect([400, 413], r.text.slice(0, 300)).toContain(r.status);
  const body = JSON.parse(r.text);
  expect(body.error.code).toMatch(/^(BAD_REQUEST|PAYLOAD_TOO_LARGE)$/);
  expect(typeof body.error.message).toBe("string");
  expect(r.text).not.toMatch(/\n\s+at |prisma|SELECT |INSERT |node_modules/i);
}

const nasty = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.constantFrom("'; DROP TABLE learner; --", "\" OR 1=1 --", "$1", "\u0000", "\ud800", "💥".repeat(200), "x".repeat(5000)),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
  fc.constantFrom("-271821-04-20T00:00:00Z", "275760-09-13T00:00:01Z", "0000-00-00T00:00:00Z", "2026-11-25T25:00:00Z", "9999-12-31T23:59:59Z"),
);

const base = { type: "lesson.completed", userId: "fuzz-user", occurredAt: "2026-11-25T10:00:00Z", courseId: "c", lessonId: "l" };
const fields = ["id", "type", "userId", "occurredAt", "courseId", "lessonId", "difficulty", "score", "user"] as const;

describe("event endpoint under fuzzing", () => {
  it("rejects events with one field replaced by junk, storing nothing", async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...fields), nasty, async (field, junk) => {
        const id = `fuzz-${n++}`;
        const event: Record<string, unknown> = { ...base, id, [field]: junk };
        if (field === "id") event.id = junk;
        const valid = isAcceptable(field, junk);
        fc.pre(!valid);
        const r = await post("/events", JSON.stringify(event));
        expectRejected(r);
        expect(await db.prisma.event.count({ where: { id: typeof event.id === "string" ? event.id : id } })).toBe(0);
      }),
      { numRuns: RUNS },
    );
    expect(await db.prisma.learner.count({ where: { userId: "fuzz-user" } })).toBe(0);
  });

  it("rejects arbitrary JSON documents and malformed text", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue().map((v) => JSON.stringify(v)), fc.string({ maxLength: 200 })), async (body) => {
        fc.pre(body !== undefined);
        const r = await post("/events", body);
        expectRejected(r);
      }),
      { numRuns: RUNS },
    );
    for (const text of ["NaN", "{\"score\": NaN}", "{\"score\": Infinity}", "{", "[]", "null", "\"event\"", "{\"__proto__\": {\"admin\": true}}"]) {
      expectRejected(await post("/events", text));
    }
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    expect(await db.prisma.event.count()).toBe(0);
  });

  it("rejects malformed batches as a whole and bad items alone", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue(), fc.array(fc.jsonValue(), { maxLength: 3 })), async (junk) => {
        const r = await post("/events/batch", JSON.stringify({ events: junk }));
        if (Array.isArray(junk) && junk.length >= 1 && junk.length <= 500) {
          expect(r.status).toBe(200);
          const { results } = JSON.parse(r.text);
          expect(results.every((x: { status: string }) => x.status === "error")).toBe(true);
        } else {
          expectRejected(r);
        }
      }),
      { numRuns: RUNS },
    );
    expect(await db.prisma.event.count()).toBe(0);
  });

  it("answers 200 or 400, never 500, for junk query parameters and path segments", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("limit", "offset", "period", "at", "radius"),
        fc.string({ maxLength: 30 }),
        fc.string({ unit: "grapheme", minLength: 1, maxLength: 30 }),
        async (param, value, segment) => {
          const q = `${param}=${encodeURIComponent(value)}`;
          for (const path of [`/leaderboards/global?${q}`, `/leaderboards/courses/${encodeURIComponent(segment)}?${q}`, `/leaderboards/global/around/${encodeURIComponent(segment)}?${q}`, `/users/${encodeURIComponent(segment)}/stats`]) {
            const res = await fetch(`${server.url}/api/v1${path}`, { headers: { authorization: `Bearer ${key}` } });
            expect([200, 400, 404], path).toContain(res.status);
            const body = await res.text();
            expect(body).not.toMatch(/\n\s+at |prisma|SELECT /i);
          }
        },
      ),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });

  it("keeps answering afterwards", async () => {
    const r = await post("/events", JSON.stringify({ ...base, id: "fuzz-after" }));
    expect(r.status).toBe(201);
  });
});

/** The few junk values that happen to be valid for a field (so the property only sends invalid events). */
function isAcceptable(field: string, v: unknown): boolean {
  const okId = (x: unknown) => typeof x === "string" && x.length >= 1 && x.length <= 128;
  switch (field) {
    case "id":
    case "userId":
    case "courseId":
    case "lessonId":
      return okId(v);
    case "difficulty":
      return v === undefined || v === "easy" || v === "medium" || v === "hard";
    case "score":
      return v === undefined || (Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 100);
    case "user":
      return v === null ? false : typeof v === "object" && !Array.isArray(v) && Object.keys(v as object).every((k) => k !== "displayName" && k !== "timezone");
    default:
      return false;
  }
}
