import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createCaller } from "@/server/api/root";
import { createInnerContext } from "@/server/api/trpc";
import { createAdmin } from "@/server/services/admins";
import { listStatements } from "@/server/services/xapi";
import { setUpRestServer } from "@/test/http-server";

// xAPI statements over real HTTP (API.md, "xAPI statements"), driven by fixtures in the shapes Moodle's
// logstore_xapi, Open edX and cmi5 players send (test/fixtures/xapi/README.md says where each shape comes from).

const { db, server, key } = await setUpRestServer("moodle");

type Json = Record<string, unknown>;
interface Fixture {
  name: string;
  source: string;
  statement: Json;
  expect:
    | { ignored: string }
    | {
        type: string;
        userId: string;
        courseId?: string;
        lessonId?: string;
        score?: number;
        occurredAt?: string;
        displayName?: string;
        achievements?: string[];
      };
}

const FIXTURES_DIR = path.join(import.meta.dirname, "fixtures", "xapi");
const fixtures: Fixture[] = fs
  .readdirSync(FIXTURES_DIR)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((f) => ({ name: f.replace(/\.json$/, ""), ...JSON.parse(fs.readFileSync(path.join(FIXTURES_DIR, f), "utf8")) }));

const basic = (password: string, user = "moodle") => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

async function xapi(method: string, resource: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.url}/api/v1/xapi${resource}`, {
    method,
    headers: {
      authorization: basic(key),
      "x-experience-api-version": "1.0.3",
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

const stored = (id: string) => db.prisma.xapiStatement.findUniqueOrThrow({ where: { id } });
const counts = async () => ({
  statements: await db.prisma.xapiStatement.count(),
  events: await db.prisma.event.count(),
  ledger: await db.prisma.ledgerEntry.count(),
  learners: await db.prisma.learner.count(),
});

/** A fixture statement for another learner (and without its id), so one shape can be sent again. */
function forLearner(statement: Json, prefix: string): Json {
  const copy = structuredClone(statement);
  delete copy.id;
  const actor = copy.actor as { account?: { name: string }; openid?: string };
  if (actor.account) actor.account.name = `${prefix}${actor.account.name}`;
  if (actor.openid) actor.openid = `${actor.openid}-${prefix}`;
  return copy;
}

describe("the xAPI face: about, auth, version header", () => {
  it("serves about with the versions it speaks, to anyone (no key, no version header), and the version header on every answer", async () => {
    const r = await xapi("GET", "/about", undefined, { "x-experience-api-version": "" });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ version: ["1.0.3", "2.0.0"] });
    expect(r.headers.get("x-experience-api-version")).toBe("1.0.3");
    // API.md Revision 2: conformance tools call it without a key.
    const open = await fetch(`${server.url}/api/v1/xapi/about`);
    expect(open.status).toBe(200);
    expect(await open.json()).toEqual({ version: ["1.0.3", "2.0.0"] });
  });

  it("accepts the key as Bearer or as the Basic password (any user name), and refuses anything else with 401", async () => {
    const statement = forLearner(fixtures.find((f) => f.name === "moodle5-user-loggedin")!.statement, "auth-");
    expect((await xapi("POST", "/statements", statement, { authorization: `Bearer ${key}` })).status).toBe(200);
    expect((await xapi("POST", "/statements", statement, { authorization: basic(key, "anything") })).status).toBe(200);
    for (const authorization of [basic("gk_wrong"), `Bearer gk_wrong`, "", basic(key).replace("Basic ", "Digest ")]) {
      const r = await xapi("POST", "/statements", statement, { authorization });
      expect(r.status, authorization).toBe(401);
      expect(r.body.error.code).toBe("UNAUTHORIZED");
      expect(r.headers.get("x-experience-api-version")).toBe("1.0.3");
    }
    // Basic is for the xAPI routes only.
    const rest = await fetch(`${server.url}/api/v1/achievements`, { headers: { authorization: basic(key) } });
    expect(rest.status).toBe(401);
  });

  it("needs X-Experience-API-Version 1.0.x or 2.0.0", async () => {
    const statement = forLearner(fixtures.find((f) => f.name === "moodle5-user-loggedin")!.statement, "version-");
    for (const version of ["", "0.95", "1.1.0", "2.0.1"]) {
      const r = await xapi("POST", "/statements", statement, { "x-experience-api-version": version });
      expect(r.status, version).toBe(400);
      expect(r.body.error.issues[0].path).toEqual(["X-Experience-API-Version"]);
    }
    for (const version of ["1.0.0", "1.0.1", "1.0.3", "2.0.0"]) {
      expect((await xapi("POST", "/statements", statement, { "x-experience-api-version": version })).status, version).toBe(200);
    }
  });

  it("answers 404 for other resources, and 405 with allow for other methods once the key is checked", async () => {
    expect((await xapi("GET", "/activities/state")).status).toBe(404);
    // API.md Revision 2: an LRS answers other methods 405 with allow (this was 404).
    for (const method of ["GET", "DELETE", "PATCH"]) {
      const r = await xapi(method, "/statements");
      expect(r.status, method).toBe(405);
      expect(r.headers.get("allow")).toBe("POST, PUT");
      expect(r.body.error.code).toBe("METHOD_NOT_SUPPORTED");
    }
    expect((await xapi("GET", "/statements", undefined, { authorization: "" })).status).toBe(401);
    expect((await xapi("POST", "/about", {})).headers.get("allow")).toBe("GET");
  });
});

describe("each fixture statement becomes the expected event or is ignored for the expected reason", () => {
  for (const fixture of fixtures) {
    it(`${fixture.name} (${fixture.source})`, async () => {
      const r = await xapi("POST", "/statements", fixture.statement);
      expect(r.status).toBe(200);
      expect(r.headers.get("x-experience-api-version")).toBe("1.0.3");
      expect(r.body).toHaveLength(1);
      const id = r.body[0] as string;
      if (typeof fixture.statement.id === "string") expect(id).toBe(fixture.statement.id);
      const row = await stored(id);
      expect((row.raw as Json).verb).toEqual(fixture.statement.verb);

      if ("ignored" in fixture.expect) {
        expect(row).toMatchObject({ status: "ignored", reason: fixture.expect.ignored });
        expect(row.eventId).toBeNull();
        return;
      }
      const want = fixture.expect;
      expect(row).toMatchObject({ status: "applied", reason: null, userId: want.userId });
      const event = await db.prisma.event.findUniqueOrThrow({ where: { id: row.eventId! }, include: { learner: true } });
      expect(event).toMatchObject({ type: want.type, courseId: want.courseId ?? null, lessonId: want.lessonId ?? null });
      expect(event.learner.userId).toBe(want.userId);
      if (want.occurredAt) expect(event.occurredAt.toISOString()).toBe(want.occurredAt);
      if (want.score !== undefined) expect((event.payload as Json).score).toBe(want.score);
      if (want.displayName) expect(event.learner.displayName).toBe(want.displayName);
      const outcome = event.outcome as { achievementsUnlocked: { key: string }[] };
      if (want.achievements) expect(outcome.achievementsUnlocked.map((a) => a.key).sort()).toEqual(want.achievements.sort());
    });
  }

  it("shows each statement in the log with its outcome, filtered by learner and status", async () => {
    const { rows } = await listStatements(db.prisma, { limit: 10, userId: "m4-module-done" });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "applied", verb: "http://adlnet.gov/expapi/verbs/completed" });
    const ignored = await listStatements(db.prisma, { limit: 100, status: "ignored" });
    expect(ignored.rows.every((r) => r.status === "ignored" && r.reason)).toBe(true);
  });
});

describe("batches", () => {
  it("applies a batch of mixed statements in order, answering their ids; re-sent without ids it creates nothing new", async () => {
    const batch = fixtures.map((f) => forLearner(f.statement, "batch-"));
    const before = await counts();
    const first = await xapi("POST", "/statements", batch);
    expect(first.status).toBe(200);
    expect(first.body).toHaveLength(batch.length);
    expect(new Set(first.body).size).toBe(batch.length);
    const rows = await Promise.all((first.body as string[]).map(stored));
    rows.forEach((row, i) => {
      const want = fixtures[i]!.expect;
      if ("ignored" in want) expect(row, fixtures[i]!.name).toMatchObject({ status: "ignored", reason: want.ignored });
      else expect(row, fixtures[i]!.name).toMatchObject({ status: "applied" });
    });
    const applied = fixtures.filter((f) => !("ignored" in f.expect)).length;
    const afterFirst = await counts();
    expect(afterFirst.statements - before.statements).toBe(batch.length);
    expect(afterFirst.events - before.events).toBe(applied);

    // Deterministic ids: the same id-less batch again is the same statements, so nothing changes.
    const again = await xapi("POST", "/statements", batch);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await counts()).toEqual(afterFirst);
  });

  it("refuses the same id twice in one batch with 400, applying none", async () => {
    const a = {
      ...forLearner(fixtures.find((f) => f.name === "moodle5-user-loggedin")!.statement, "twice-"),
      id: "0b6c1a0e-1a2b-4c3d-8e4f-5a6b7c8d9e01",
    };
    const other = forLearner(fixtures.find((f) => f.name === "moodle4-user-loggedin")!.statement, "twice-");
    const before = await counts();
    const r = await xapi("POST", "/statements", [a, other, { ...a, timestamp: "2026-11-22T09:00:00Z" }]);
    expect(r.status).toBe(400);
    expect(r.body.error.issues.map((i: { path: unknown }) => i.path)).toContainEqual([2, "id"]);
    expect(await counts()).toEqual(before);
  });

  it("takes one statement sent twice without id in one batch as one statement (its id twice), not a repeated id", async () => {
    const statement = forLearner(fixtures.find((f) => f.name === "moodle4-module-completed")!.statement, "sent-twice-");
    const before = await counts();
    const r = await xapi("POST", "/statements", [statement, statement]);
    expect(r.status).toBe(200);
    expect(r.body[0]).toBe(r.body[1]);
    expect(await counts()).toMatchObject({ statements: before.statements + 1, events: before.events + 1 });
  });

  it("answers 409 for a known id with other content, and 200 with no change for the same content", async () => {
    const statement = {
      ...forLearner(fixtures.find((f) => f.name === "moodle4-module-completed")!.statement, "conflict-"),
      id: "0b6c1a0e-1a2b-4c3d-8e4f-5a6b7c8d9e02",
    };
    expect((await xapi("POST", "/statements", statement)).status).toBe(200);
    const before = await counts();
    // Key order, a different display of the timestamp and LRS-assigned properties are the same content.
    const reordered = Object.fromEntries(Object.entries(statement).reverse());
    const same = await xapi("POST", "/statements", {
      ...reordered,
      timestamp: "2026-11-20T08:12:00.000Z",
      stored: "2026-11-20T08:13:00Z",
      version: "1.0.3",
    });
    expect(same.status).toBe(200);
    expect(same.body).toEqual([statement.id]);
    expect(await counts()).toEqual(before);

    const changed = await xapi("POST", "/statements", { ...statement, result: { completion: true, score: { scaled: 0.5 } } });
    expect(changed.status).toBe(409);
    expect(changed.body.error.code).toBe("CONFLICT");
    // A conflict anywhere in a batch applies none of it.
    const fresh = forLearner(fixtures.find((f) => f.name === "moodle5-user-loggedin")!.statement, "conflict-batch-");
    expect(
      (await xapi("POST", "/statements", [fresh, { ...statement, verb: { id: "http://adlnet.gov/expapi/verbs/passed" } }])).status,
    ).toBe(409);
    expect(await counts()).toEqual(before);
  });

  it("awards a course once when the same completion arrives as completed, then passed", async () => {
    const course = { id: "https://lms.example.com/courses/once", definition: { type: "http://adlnet.gov/expapi/activities/course" } };
    const actor = { objectType: "Agent", account: { homePage: "https://lms.example.com", name: "once-learner" } };
    const completed = {
      actor,
      verb: { id: "http://adlnet.gov/expapi/verbs/completed" },
      object: course,
      timestamp: "2026-11-24T10:00:00Z",
    };
    const passed = {
      actor,
      verb: { id: "http://adlnet.gov/expapi/verbs/passed" },
      object: course,
      timestamp: "2026-11-24T10:00:05Z",
      result: { success: true, score: { scaled: 1 } },
    };
    const r = await xapi("POST", "/statements", completed);
    const r2 = await xapi("POST", "/statements", passed);
    expect([r.status, r2.status]).toEqual([200, 200]);
    const [first, second] = [await stored(r.body[0]), await stored(r2.body[0])];
    expect(first).toMatchObject({ status: "applied" });
    expect(second).toMatchObject({ status: "ignored", reason: "event-exists", eventId: first.eventId });
    const learner = await db.prisma.learner.findUniqueOrThrow({ where: { userId: "once-learner" } });
    expect(learner.coursesCompleted).toBe(1);
    const courseRows = await db.prisma.ledgerEntry.findMany({ where: { learnerId: learner.id, reason: "course.completed" } });
    expect(courseRows).toHaveLength(1);
    expect(learner.points).toBe(100 + 50); // easy course + courses-1; the later score of 100 does not count

    // In one batch, request order decides which report is first.
    const actor2 = { ...actor, account: { ...actor.account, name: "once-batch" } };
    const batch = await xapi("POST", "/statements", [
      { ...passed, actor: actor2 },
      { ...completed, actor: actor2 },
    ]);
    const [b1, b2] = [await stored(batch.body[0]), await stored(batch.body[1])];
    expect([b1.status, b2.status, b2.reason]).toEqual(["applied", "ignored", "event-exists"]);
    const perfect = await db.prisma.learner.findUniqueOrThrow({ where: { userId: "once-batch" } });
    expect(perfect.perfectCourses).toBe(1);
  });
});

describe("PUT /statements?statementId=", () => {
  const id = "0b6c1a0e-1a2b-4c3d-8e4f-5a6b7c8d9e03";
  it("stores one statement under the given id with 204; the same again is 204, other content 409", async () => {
    const statement = forLearner(fixtures.find((f) => f.name === "moodle5-user-enrolled")!.statement, "put-");
    const r = await xapi("PUT", `/statements?statementId=${id}`, statement);
    expect(r.status).toBe(204);
    expect(r.headers.get("x-experience-api-version")).toBe("1.0.3");
    expect(await stored(id)).toMatchObject({ status: "applied", userId: "put-m5-enrolled" });
    expect((await xapi("PUT", `/statements?statementId=${id}`, { ...statement, id })).status).toBe(204);
    expect((await xapi("PUT", `/statements?statementId=${id}`, { ...statement, timestamp: "2026-11-19T09:00:00Z" })).status).toBe(409);
  });

  it("answers 400 without statementId, with a malformed one, an id that differs, or an array", async () => {
    const statement = forLearner(fixtures.find((f) => f.name === "moodle5-user-loggedin")!.statement, "put-bad-");
    const cases: [string, unknown, (string | number)[]][] = [
      ["", statement, ["statementId"]],
      ["?statementId=not-a-uuid", statement, ["statementId"]],
      [`?statementId=${id.replace("03", "04")}`, { ...statement, id }, ["id"]],
    ];
    for (const [query, body, want] of cases) {
      const r = await xapi("PUT", `/statements${query}`, body);
      expect(r.status, query).toBe(400);
      expect(r.body.error.issues.map((i: { path: unknown }) => i.path)).toContainEqual(want);
    }
    expect((await xapi("PUT", `/statements?statementId=${id.replace("03", "05")}`, [statement])).status).toBe(400);
  });
});

describe("validation: 400 naming the path, storing nothing", () => {
  const good = fixtures.find((f) => f.name === "moodle4-module-completed")!.statement;
  // API.md Revision 2: only a statement without an actor, a verb with an IRI id, or an object is refused (and a
  // statement id that is no UUID, which an LRS cannot answer with).
  const cases: [string, unknown, (string | number)[]][] = [
    ["no actor", { ...good, actor: undefined }, ["actor"]],
    ["an actor that is no object", { ...good, actor: "Ada" }, ["actor"]],
    ["no verb id", { ...good, verb: { display: { en: "did" } } }, ["verb", "id"]],
    ["a verb id that is no IRI", { ...good, verb: { id: "completed" } }, ["verb", "id"]],
    ["no object", { ...good, object: undefined }, ["object"]],
    ["a malformed statement id", { ...good, id: "12345" }, ["id"]],
  ];
  for (const [name, body, want] of cases) {
    it(name, async () => {
      const before = await counts();
      const r = await xapi("POST", "/statements", body);
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe("BAD_REQUEST");
      expect(r.body.error.issues.map((i: { path: unknown }) => i.path)).toContainEqual(want);
      expect(await counts()).toEqual(before);
    });
  }

  it("prefixes paths with the index in a batch, and applies nothing of a batch with one bad statement", async () => {
    const before = await counts();
    const r = await xapi("POST", "/statements", [
      forLearner(good, "bad-batch-"),
      forLearner(good, "bad-batch-2-"),
      { ...good, actor: undefined },
    ]);
    expect(r.status).toBe(400);
    expect(r.body.error.issues.map((i: { path: unknown }) => i.path)).toContainEqual([2, "actor"]);
    expect(await counts()).toEqual(before);
  });

  it("answers 400 for a body that is not JSON or not a statement, and 413 over 1 MiB", async () => {
    expect((await xapi("POST", "/statements", "{nope")).status).toBe(400);
    expect((await xapi("POST", "/statements", "42")).status).toBe(400);
    expect((await xapi("POST", "/statements", [42])).body.error.issues[0].path).toEqual([0]);
    const huge = await xapi("POST", "/statements", { ...good, padding: "x".repeat(1024 * 1024 + 10) });
    expect(huge.status).toBe(413);
  });
});

describe("what the spec refuses and the mapping does not read: 200, stored with what it became", () => {
  const good = fixtures.find((f) => f.name === "moodle4-module-completed")!.statement;
  // API.md Revision 2 turned each of these from a 400 into an accepted statement.
  const cases: [string, Json, { status: string; reason: string | null }][] = [
    [
      "an agent with two identifiers",
      { actor: { mbox: "mailto:a@example.com", account: { homePage: "https://x.example", name: "two-ids" } } },
      { status: "applied", reason: null },
    ],
    ["an agent with none", { actor: { name: "Nobody" } }, { status: "ignored", reason: "no-learner" }],
    ["an account without homePage", { actor: { account: { name: "no-home" } } }, { status: "applied", reason: null }],
    [
      "an object without id",
      { actor: { account: { homePage: "https://x.example", name: "no-object-id" } }, object: { definition: {} } },
      { status: "ignored", reason: "object-not-activity" },
    ],
    [
      "a timestamp without zone",
      { actor: { account: { homePage: "https://x.example", name: "no-zone" } }, timestamp: "2026-11-20 09:12" },
      { status: "ignored", reason: "invalid-event" },
    ],
    [
      "a scaled score out of range",
      { actor: { account: { homePage: "https://x.example", name: "scaled-out" } }, result: { score: { scaled: 1.5 } } },
      { status: "ignored", reason: "invalid-score" },
    ],
    [
      "a parent that is no activity",
      {
        actor: { account: { homePage: "https://x.example", name: "odd-parent" } },
        context: {
          ...(good.context as Json),
          contextActivities: { ...((good.context as Json).contextActivities as Json), parent: [{ name: "x" }] },
        },
      },
      { status: "applied", reason: null },
    ],
  ];
  for (const [name, change, want] of cases) {
    it(name, async () => {
      const before = await counts();
      const r = await xapi("POST", "/statements", { ...good, ...change });
      expect(r.status).toBe(200);
      expect(await stored(r.body[0])).toMatchObject(want);
      expect((await counts()).statements).toBe(before.statements + 1);
    });
  }
});

describe("events that cannot be recorded", () => {
  it("ignores a statement whose event is invalid (a far-future timestamp), answering 200", async () => {
    const statement = {
      ...forLearner(fixtures.find((f) => f.name === "moodle5-user-loggedin")!.statement, "future-"),
      timestamp: "2099-01-01T00:00:00Z",
    };
    const r = await xapi("POST", "/statements", statement);
    expect(r.status).toBe(200);
    expect(await stored(r.body[0])).toMatchObject({ status: "ignored", reason: "invalid-event" });
    expect(await db.prisma.learner.count({ where: { userId: "future-m5-login" } })).toBe(0);
  });

  it("dates an event without timestamp at the time received", async () => {
    const statement = forLearner(fixtures.find((f) => f.name === "moodle5-user-loggedin")!.statement, "no-time-");
    delete statement.timestamp;
    const before = Date.now();
    const r = await xapi("POST", "/statements", statement);
    const row = await stored(r.body[0]);
    const event = await db.prisma.event.findUniqueOrThrow({ where: { id: row.eventId! } });
    expect(event.occurredAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
  });
});

describe("the dashboard's xAPI log (admin.xapi.*)", () => {
  it("lists statements newest first with filters and pages, and counts them", async () => {
    const { id } = await createAdmin(db.prisma, { email: "xapi@example.test", password: "long-enough" });
    const session = { adminId: id, expires: new Date(Date.now() + 3_600_000).toISOString() };
    const admin = createCaller(createInnerContext({ db: db.prisma, databaseKind: db.kind, session }));
    const ignored = await admin.admin.xapi.log({ status: "ignored", reason: "unsupported-verb", limit: 100 });
    expect(ignored.rows.length).toBeGreaterThan(0);
    expect(ignored.rows.every((r) => r.status === "ignored" && r.reason === "unsupported-verb")).toBe(true);
    const mine = await admin.admin.xapi.log({ userId: "m4-module-done" });
    expect(mine.rows).toHaveLength(1);
    expect(mine.rows[0]).toMatchObject({
      status: "applied",
      eventId: expect.stringMatching(/^xapi:lesson\.completed:/),
      raw: expect.objectContaining({ id: mine.rows[0]!.id }),
    });
    const page1 = await admin.admin.xapi.log({ limit: 2 });
    const page2 = await admin.admin.xapi.log({ limit: 2, before: page1.nextBefore! });
    expect(Number(page2.rows[0]!.seq)).toBeLessThan(Number(page1.rows[1]!.seq));
    const counts = await admin.admin.xapi.counts();
    expect(counts.applied + counts.ignored).toBe(await db.prisma.xapiStatement.count());
    await expect(admin.admin.xapi.log({ status: "maybe" as "applied" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
