import crypto from "node:crypto";
import { SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { EMBED_SESSION_HEADER, embedSecret, signEmbedSession, verifyEmbedToken } from "@/server/auth/embed-token";
import { createAdmin } from "@/server/services/admins";
import { recordEvent } from "@/server/services/events";
import { setUpRestServer } from "@/test/http-server";
import { fillPath, restRoutes } from "@/test/rest-routes";
import { countRows } from "@/test/table-counts";
import { startTrpcServer } from "@/test/trpc-server";

// API.md Revision 2, "Input that is refused everywhere": a corpus of hostile requests, every class over every
// route of the REST face, the xAPI statements resource and the tRPC endpoint, over real HTTP. Every one gets
// an answer below 500; each refusal is a 400 naming the field (or a 401 for an embed session whose claims are
// refused), and no table gains or loses a row.

const { db, server, key } = await setUpRestServer("hostile");
const adminId = (await createAdmin(db.prisma, { email: "hostile@test.local", password: "hostile input admin" })).id;
const trpc = await startTrpcServer(db, { session: { adminId, expires: new Date(Date.now() + 3_600_000).toISOString() } });

const OCCURRED = "2026-11-25T10:00:00Z";
const event = (fields: Record<string, unknown> = {}) => ({
  id: `hostile-${crypto.randomUUID()}`,
  type: "lesson.completed",
  userId: "hostile-learner",
  courseId: "hostile-course",
  lessonId: "hostile-lesson",
  occurredAt: OCCURRED,
  ...fields,
});
/** `{"a":{"a":...}}` nested `levels` deep, written as text (so the test itself never recurses). */
const nested = (levels: number, inner = "1") => `${'{"a":'.repeat(levels)}${inner}${"}".repeat(levels)}`;
const NUL = "\u0000";
const LONE_HIGH = "\ud800";
const LONE_LOW = "\udc00";

interface Request {
  what: string;
  method: string;
  path: string;
  body?: string;
  headers?: Record<string, string>;
  /** The statuses a user may see: a refusal is 400 unless said otherwise. */
  status?: number[];
  /** The path of an issue the 400 must name. */
  field?: (string | number)[];
}

const json = (value: unknown) => JSON.stringify(value);
const rest = (method: string, path: string, body?: unknown, more: Partial<Request> = {}): Request => ({
  what: `${method} ${path}`,
  method,
  path: `/api/v1${path}`,
  body: body === undefined ? undefined : typeof body === "string" ? body : json(body),
  ...more,
});

const STATEMENT_ID = "4f2b3c1e-8d6a-4b7e-9c3f-2a1b0c9d8e7f";
const statement = (patch: Record<string, unknown> = {}) => ({
  actor: { objectType: "Agent", account: { homePage: "https://lms.example", name: "hostile-xapi" } },
  verb: { id: "http://adlnet.gov/expapi/verbs/completed", display: { en: "completed" } },
  object: { id: "https://lms.example/lesson/1", definition: { type: "http://adlnet.gov/expapi/activities/lesson" } },
  context: {
    contextActivities: {
      parent: [{ id: "https://lms.example/course/1", definition: { type: "http://adlnet.gov/expapi/activities/course" } }],
    },
  },
  timestamp: OCCURRED,
  ...patch,
});
const xapi = (method: string, path: string, body: string, more: Partial<Request> = {}): Request => ({
  what: `xAPI ${method} ${path}`,
  method,
  path: `/api/v1/xapi${path}`,
  body,
  headers: { "x-experience-api-version": "1.0.3" },
  ...more,
});

/** A tRPC call as the dashboard's and the embeds' browsers send it (superjson: `{ json: input }`). */
const trpcCall = (type: "query" | "mutation", procedure: string, input: unknown, more: Partial<Request> = {}): Request => {
  const wrapped = typeof input === "string" ? input : json({ json: input });
  return type === "query"
    ? { what: `tRPC ${procedure}`, method: "GET", path: `trpc:/${procedure}?input=${encodeURIComponent(wrapped)}`, ...more }
    : { what: `tRPC ${procedure}`, method: "POST", path: `trpc:/${procedure}`, body: wrapped, ...more };
};

/** An embed session (as the exchange signs it) whose `sub` is anything: what a forged or buggy token would carry. */
async function sessionFor(sub: string): Promise<string> {
  const secret = new TextEncoder().encode(embedSecret());
  const hmac = await crypto.subtle.importKey("raw", secret, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const sessionKey = new Uint8Array(await crypto.subtle.sign("HMAC", hmac, new TextEncoder().encode("gamify:embed-session:v1")));
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(sub)
    .setIssuedAt(now)
    .setExpirationTime(now + 600)
    .sign(sessionKey);
}

function corpus(goodSession: string): Request[] {
  const events: Request[] = [
    // NUL in each string of an event (the first is the input issue 16 quotes).
    rest(
      "POST",
      "/events",
      json({ id: "e1", type: "lesson.completed", userId: `a${NUL}b`, courseId: "c-nul", lessonId: "l1", occurredAt: OCCURRED }),
      { field: ["userId"] },
    ),
    rest("POST", "/events", event({ id: `e${NUL}` }), { field: ["id"] }),
    rest("POST", "/events", event({ courseId: `c${NUL}` }), { field: ["courseId"] }),
    rest("POST", "/events", event({ lessonId: NUL }), { field: ["lessonId"] }),
    rest("POST", "/events", event({ user: { displayName: `Ada${NUL}` } }), { field: ["user", "displayName"] }),
    rest("POST", "/events", event({ user: { timezone: `Europe/Paris${NUL}` } }), { field: ["user", "timezone"] }),
    rest("POST", "/events", event({ courseTitle: `Intro${NUL}` }), { field: ["courseTitle"] }),
    rest("POST", "/events", event({ lessonTitle: `Quiz ${LONE_LOW}` }), { field: ["lessonTitle"] }),
    // Lone surrogates (the second is the input issue 16 quotes).
    rest("POST", "/events", event({ lessonId: LONE_HIGH }), { field: ["lessonId"] }),
    rest("POST", "/events", json({ ...event(), lessonId: "\ud800" }), { field: ["lessonId"] }),
    rest("POST", "/events", event({ userId: `${LONE_LOW}x` }), { field: ["userId"] }),
    rest("POST", "/events", event({ user: { displayName: `Ada \ud83d` } }), { field: ["user", "displayName"] }),
    // Other C0 controls in ids.
    rest("POST", "/events", event({ courseId: "c\u0007" }), { field: ["courseId"] }),
    rest("POST", "/events", event({ userId: "u\u001b[31m" }), { field: ["userId"] }),
    rest("POST", "/events", event({ id: "e\n1" }), { field: ["id"] }),
    rest("POST", "/events", event({ lessonId: "l\t1" }), { field: ["lessonId"] }),
    // Empty-looking and over-long ids.
    rest("POST", "/events", event({ userId: "   " }), { field: ["userId"] }),
    rest("POST", "/events", event({ courseId: "\t" }), { field: ["courseId"] }),
    rest("POST", "/events", event({ lessonId: "x".repeat(129) }), { field: ["lessonId"] }),
    // Absurd instants.
    rest("POST", "/events", event({ occurredAt: "1000-01-01T00:00:00Z" }), { field: ["occurredAt"] }),
    rest("POST", "/events", event({ occurredAt: "1999-12-31T23:59:59Z" }), { field: ["occurredAt"] }),
    // Deep nesting anywhere in the body.
    rest("POST", "/events", `{"id":"deep-1","type":"user.login","userId":"deep","occurredAt":"${OCCURRED}","user":${nested(40)}}`),
    rest("POST", "/events", `{"extra":${nested(20_000)}}`),
    rest("POST", "/events", `[${"[".repeat(33)}${"]".repeat(33)}]`),
    // Batches: each poisoned item is its own error (200, nothing stored); a too-deep body is refused whole.
    rest(
      "POST",
      "/events/batch",
      { events: [event({ userId: `a${NUL}b`, courseId: "c-nul" }), event({ lessonId: LONE_HIGH }), event({ userId: "   " })] },
      { status: [200] },
    ),
    rest("POST", "/events/batch", `{"events":[${nested(40)}]}`),
  ];

  const paths: Request[] = [
    rest("GET", "/users/%ZZ/stats", undefined, { field: ["userId"] }),
    rest("GET", "/users/%00/stats", undefined, { field: ["userId"] }),
    rest("GET", "/users/%ED%A0%80/streak", undefined, { field: ["userId"] }),
    rest("GET", "/users/%20%20%20/achievements", undefined, { field: ["userId"] }),
    rest("GET", "/users/x%E0%A4%A/stats", undefined, { field: ["userId"] }),
    rest("GET", "/users/%u0041/stats", undefined, { field: ["userId"] }),
    rest("POST", "/users/%ZZ/achievements/seen", { keys: [] }, { field: ["userId"] }),
    rest("POST", "/users/hostile-known/achievements/seen", { keys: [`lessons-1${NUL}`] }, { field: ["keys", 0] }),
    rest("POST", "/users/hostile-known/achievements/seen", { keys: [LONE_LOW] }, { field: ["keys", 0] }),
    rest("PATCH", "/users/%00", { displayName: "Eve" }, { field: ["userId"] }),
    rest("PATCH", "/users/hostile-known", { displayName: `Eve${NUL}` }, { field: ["displayName"] }),
    rest("PATCH", "/users/hostile-known", { displayName: `Eve ${LONE_HIGH}` }, { field: ["displayName"] }),
    rest("PATCH", "/users/hostile-known", { timezone: `Europe/Paris${NUL}` }, { field: ["timezone"] }),
    rest("PATCH", "/users/hostile-known", `{"displayName":"Eve","x":${nested(33)}}`),
    rest("GET", "/leaderboards/courses/%ZZ", undefined, { field: ["courseId"] }),
    rest("GET", "/leaderboards/courses/c%00", undefined, { field: ["courseId"] }),
    rest("GET", "/leaderboards/courses/%09", undefined, { field: ["courseId"] }),
    rest("GET", "/leaderboards/global/around/%ud800", undefined, { field: ["userId"] }),
    rest("GET", "/leaderboards/global/around/%ED%B0%80", undefined, { field: ["userId"] }),
    rest("GET", "/leaderboards/courses/%ZZ/around/hostile-known", undefined, { field: ["courseId"] }),
    rest("GET", "/leaderboards/courses/hostile-course/around/%00", undefined, { field: ["userId"] }),
    rest("GET", "/achievements/%ZZ", undefined, { field: ["key"] }),
    rest("GET", "/achievements/lessons-1%00", undefined, { field: ["key"] }),
    rest("PUT", "/courses/hostile-course", { title: `Intro${NUL}` }, { field: ["title"] }),
    rest("PUT", "/courses/hostile-course", { lessons: [{ lessonId: LONE_HIGH, title: "Quiz" }] }, { field: ["lessons", 0, "lessonId"] }),
    rest("PUT", "/courses/https%3A%2F%2Flms.example%2F%00", { title: "Intro" }, { field: ["courseId"] }),
  ];

  const queries: Request[] = [
    rest("GET", "/leaderboards/global?limit=0x10", undefined, { field: ["limit"] }),
    rest("GET", "/leaderboards/global?limit=%20%205", undefined, { field: ["limit"] }),
    rest("GET", "/leaderboards/global?limit=+5", undefined, { field: ["limit"] }),
    rest("GET", "/leaderboards/global?limit=5.0", undefined, { field: ["limit"] }),
    rest("GET", "/leaderboards/global?offset=1e3", undefined, { field: ["offset"] }),
    rest("GET", "/leaderboards/global?offset=", undefined, { field: ["offset"] }),
    rest("GET", "/leaderboards/global?offset=%00", undefined, { field: ["offset"] }),
    rest("GET", "/leaderboards/global?limit=%D9%A3", undefined, { field: ["limit"] }),
    rest("GET", "/leaderboards/courses/hostile-course?offset=-0", undefined, { field: ["offset"] }),
    rest("GET", "/leaderboards/global/around/hostile-known?radius=0b1", undefined, { field: ["radius"] }),
    rest("GET", "/leaderboards/courses/hostile-course/around/hostile-known?radius=Infinity", undefined, { field: ["radius"] }),
    rest("GET", "/leaderboards/global?at=%00", undefined, { field: ["at"] }),
    rest("GET", "/leaderboards/global?period=weekly%00", undefined, { field: ["period"] }),
    rest("GET", "/leaderboards/global?at=1000-01-01%ZZ", undefined, { field: ["at"] }),
  ];

  const statements: Request[] = [
    xapi("POST", "/statements", json(statement({ actor: { account: { homePage: "https://lms.example", name: `a${NUL}b` } } })), {
      field: ["actor", "account", "name"],
    }),
    xapi("POST", "/statements", json(statement({ context: { extensions: { "https://lms.example/x/note": `hello${NUL}` } } })), {
      field: ["context", "extensions", "https://lms.example/x/note"],
    }),
    xapi("POST", "/statements", json(statement({ context: { extensions: { [`https://lms.example/x/${NUL}`]: 1 } } })), {
      field: ["context", "extensions"],
    }),
    xapi(
      "POST",
      "/statements",
      json(statement({ verb: { id: "http://adlnet.gov/expapi/verbs/completed", display: { en: `done ${LONE_HIGH}` } } })),
      {
        field: ["verb", "display", "en"],
      },
    ),
    xapi("POST", "/statements", json(statement({ object: { id: `https://lms.example/lesson/${NUL}` } })), { field: ["object", "id"] }),
    xapi("POST", "/statements", json(statement({ result: { response: "\u0001\u0002" } })), { field: ["result", "response"] }),
    xapi(
      "POST",
      "/statements",
      `{"actor":{"account":{"homePage":"https://lms.example","name":"deep"}},"verb":{"id":"http://adlnet.gov/expapi/verbs/completed"},"object":{"id":"https://lms.example/lesson/1"},"context":{"extensions":{"https://lms.example/x":${nested(20_000)}}}}`,
    ),
    xapi(
      "POST",
      "/statements",
      json([statement({ context: { extensions: { "https://lms.example/x": 1 } } })]).replace(
        '"https://lms.example/x":1',
        `"https://lms.example/x":${nested(40)}`,
      ),
    ),
    xapi(
      "POST",
      "/statements",
      json([statement(), statement({ actor: { account: { homePage: "https://lms.example", name: `b${NUL}` } } })]),
      { field: [1, "actor", "account", "name"] },
    ),
    xapi(
      "PUT",
      `/statements?statementId=${STATEMENT_ID}`,
      json(statement({ object: { id: "https://lms.example/lesson/2", definition: { name: { en: `Quiz${NUL}` } } } })),
      {
        field: ["object", "definition", "name", "en"],
      },
    ),
    xapi("PUT", "/statements?statementId=%ZZ", json(statement()), { field: ["statementId"] }),
    xapi("PUT", `/statements?statementId=${STATEMENT_ID}%00`, json(statement()), { field: ["statementId"] }),
  ];

  const embedHeaders = (session: string) => ({ [EMBED_SESSION_HEADER]: session });
  const trpcCalls: Request[] = [
    trpcCall("mutation", "events.record", event({ userId: `a${NUL}b`, courseId: "c-nul-trpc" }), {
      headers: { authorization: `Bearer ${key}` },
      field: ["userId"],
    }),
    trpcCall("mutation", "events.record", event({ lessonId: LONE_HIGH }), {
      headers: { authorization: `Bearer ${key}` },
      field: ["lessonId"],
    }),
    trpcCall(
      "mutation",
      "events.recordBatch",
      { events: [event({ courseId: `c${NUL}` })] },
      { headers: { authorization: `Bearer ${key}` }, status: [200] },
    ),
    trpcCall("query", "users.stats", { userId: "   " }, { headers: { authorization: `Bearer ${key}` }, field: ["userId"] }),
    trpcCall("query", "leaderboards.global", { limit: "0x10" }, { headers: { authorization: `Bearer ${key}` }, field: ["limit"] }),
    trpcCall("query", "embed.profile", undefined, { headers: embedHeaders(goodSession.replace(/.$/, "")), status: [401] }),
    trpcCall("mutation", "embed.markSeen", { keys: [NUL] }, { headers: embedHeaders(goodSession), field: ["keys", 0] }),
    trpcCall("query", "embed.leaderboard", `{"json":{"limit":5,"x":${nested(40)}}}`, { headers: embedHeaders(goodSession) }),
    trpcCall(
      "mutation",
      "events.record",
      `{"json":${json({ ...event(), user: { displayName: "Deep" } }).replace('"Deep"}', `"Deep","x":${nested(40)}}`)}}`,
      {
        headers: { authorization: `Bearer ${key}` },
      },
    ),
    trpcCall("mutation", "events.recordBatch", `{"json":{"events":[${nested(20_000)}]}}`, { headers: { authorization: `Bearer ${key}` } }),
    trpcCall("mutation", "admin.apiKeys.create", { name: `key${NUL}` }, { field: ["name"] }),
    trpcCall(
      "mutation",
      "admin.achievements.create",
      { key: "hostile", name: `Hostile${NUL}`, points: 1, criterion: { kind: "lessons_completed", threshold: 1 } },
      { field: ["name"] },
    ),
    trpcCall(
      "mutation",
      "admin.achievements.create",
      {
        key: "hostile-2",
        name: "Hostile",
        iconUrl: `https://x.example/${NUL}.png`,
        points: 1,
        criterion: { kind: "lessons_completed", threshold: 1 },
      },
      { field: ["iconUrl"] },
    ),
    trpcCall("mutation", "admin.learners.adjust", { userId: "hostile-known", points: 5, reason: `because${NUL}` }, { field: ["reason"] }),
    trpcCall(
      "mutation",
      "admin.rules.addOverride",
      { courseId: `c${NUL}`, lessonEasy: 1, lessonMedium: 1, lessonHard: 1, courseEasy: 1, courseMedium: 1, courseHard: 1 },
      { field: ["courseId"] },
    ),
    trpcCall(
      "mutation",
      "admin.webhooks.create",
      { url: `https://hooks.example/${NUL}`, eventTypes: ["points.awarded"] },
      { field: ["url"] },
    ),
    trpcCall(
      "mutation",
      "admin.webhooks.create",
      { url: "https://hooks.example/h", description: `d${LONE_LOW}`, eventTypes: ["points.awarded"] },
      { field: ["description"] },
    ),
    trpcCall("query", "admin.learners.search", { query: NUL }, { field: ["query"] }),
    trpcCall("query", "admin.leaderboards.courses", { query: `c${LONE_HIGH}` }, { field: ["query"] }),
    trpcCall("query", "admin.xapi.log", { verb: `http://x${NUL}` }, { field: ["verb"] }),
    trpcCall("query", "admin.audit.list", { target: NUL }, { field: ["target"] }),
    trpcCall(
      "mutation",
      "admin.xapi.saveMapping",
      { basedOn: 1, rules: [{ verb: `http://x.example/${NUL}`, event: "lesson.completed" }] },
      { field: ["rules", 0, "verb"] },
    ),
  ];
  for (const sub of [`a${NUL}b`, "   ", LONE_HIGH, "x\n"]) {
    trpcCalls.push({
      ...trpcCall("query", "embed.profile", undefined),
      what: `tRPC embed.profile, sub ${json(sub)}`,
      status: [401],
      headers: { EMBED: sub },
    });
  }
  return [...events, ...paths, ...queries, ...statements, ...trpcCalls, ...everyRoute()];
}

/** Every route of the REST face, with hostile path parameters or query values. */
function everyRoute(): Request[] {
  const requests: Request[] = [];
  for (const route of restRoutes()) {
    const { method, params, query } = route;
    const body = ["POST", "PUT", "PATCH"].includes(method) ? {} : undefined;
    for (const hostile of ["%ZZ", "%00", "%ED%A0%80", "%20"]) {
      params.forEach((param, i) => {
        const path = fillPath(route, (_, j) => (j === i ? hostile : "hostile-known"));
        requests.push(rest(method, path, body, { field: [param] }));
      });
    }
    for (const name of query) requests.push(rest(method, `${fillPath(route, () => "hostile-known")}?${name}=%00`, body));
    // A route that takes nothing from the request ignores what it is sent, and stores nothing.
    if (params.length === 0 && query.length === 0 && method === "GET")
      requests.push(rest(method, `${route.template}?x=%00`, undefined, { status: [200] }));
  }
  return requests;
}

async function send(r: Request): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = { ...(r.body !== undefined ? { "content-type": "application/json" } : {}), ...r.headers };
  if ("EMBED" in headers) {
    headers[EMBED_SESSION_HEADER] = await sessionFor(headers.EMBED!);
    delete headers.EMBED;
  }
  const url = r.path.startsWith("trpc:") ? `${trpc.url}${r.path.slice("trpc:".length)}` : `${server.url}${r.path}`;
  if (!r.path.startsWith("trpc:") && !headers.authorization) headers.authorization = `Bearer ${key}`;
  const res = await fetch(url, { method: r.method, headers, body: r.body });
  return { status: res.status, text: await res.text() };
}

/** The issues of an error answer, from the REST shape or the tRPC one. */
function issuePaths(text: string): unknown[] {
  const body = JSON.parse(text) as { error?: { issues?: { path: unknown }[]; json?: { data?: { issues?: { path: unknown }[] } } } };
  const issues = body.error?.issues ?? body.error?.json?.data?.issues ?? [];
  return issues.map((i) => i.path);
}

describe("hostile input, over every route", () => {
  let requests: Request[];
  beforeAll(async () => {
    // A learner and an achievement exist, so that routes get past "unknown" to their input checks.
    await recordEvent(db.prisma, event({ id: "hostile-seed", userId: "hostile-known" }));
    requests = corpus(await signEmbedSession({ userId: "hostile-known", courseId: "hostile-course" }, embedSecret()));
  });

  it("answers every request of the corpus below 500, refuses it naming the field, and changes no row", async () => {
    expect(requests.length).toBeGreaterThanOrEqual(60);
    const before = await countRows(db);
    const failures: string[] = [];
    for (const r of requests) {
      const answer = await send(r);
      const allowed = r.status ?? [400];
      if (!allowed.includes(answer.status)) failures.push(`${r.what}: ${answer.status} ${answer.text.slice(0, 200)}`);
      else if (r.field && !issuePaths(answer.text).some((p) => JSON.stringify(p) === JSON.stringify(r.field))) {
        failures.push(`${r.what}: no issue at ${JSON.stringify(r.field)} in ${answer.text.slice(0, 300)}`);
      }
      expect(answer.text).not.toMatch(/\n\s+at |prisma|SELECT |INSERT |node_modules/i);
    }
    expect(failures).toEqual([]);
    expect(await countRows(db)).toEqual(before);
  });

  it("covers every route of the REST face", () => {
    const routes = restRoutes();
    const routeOf = (r: Request) => {
      const path = r.path.replace(/^\/api\/v1/, "").split("?")[0]!;
      return routes.find((route) => route.method === r.method && new RegExp(`^${route.template.replace(/\{\w+\}/g, "[^/]+")}$`).test(path));
    };
    const covered = new Set(requests.filter((r) => !r.path.startsWith("trpc:") && !r.path.includes("/xapi/")).map(routeOf));
    expect(routes.filter((route) => !covered.has(route)).map((route) => `${route.method} ${route.template}`)).toEqual([]);
  });

  it("refuses an LMS embed token whose sub is not an id", async () => {
    const secret = embedSecret();
    const now = Math.floor(Date.now() / 1000);
    for (const sub of [`a${NUL}b`, "   ", LONE_HIGH, "x\u0007"]) {
      const token = await new SignJWT({})
        .setProtectedHeader({ alg: "HS256" })
        .setSubject(sub)
        .setExpirationTime(now + 600)
        .sign(new TextEncoder().encode(secret));
      expect(await verifyEmbedToken(token, secret)).toEqual({ ok: false, reason: "bad-claims" });
    }
  });
});

describe("what stays accepted beside the refusals", () => {
  const get = async (path: string) => {
    const res = await fetch(`${server.url}/api/v1${path}`, { headers: { authorization: `Bearer ${key}` } });
    return { status: res.status, body: await res.json() };
  };
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/api/v1${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...headers },
      body: json(body),
    });

  it("takes a course id that is a URL, sent as one %2F-encoded path segment", async () => {
    const courseId = "https://lms.example/course/7?lang=en";
    expect((await post("/events", event({ id: "url-course-1", courseId, userId: "url-learner" }))).status).toBe(201);
    const board = await get(`/leaderboards/courses/${encodeURIComponent(courseId)}`);
    expect(board.status).toBe(200);
    expect(board.body).toMatchObject({ courseId, entries: [{ userId: "url-learner" }] });
  });

  it("takes ids of 128 characters, names with emoji and tabs, and the first instant of 2000", async () => {
    const userId = "u".repeat(128);
    const r = await post(
      "/events",
      event({ id: "edge-1", userId, occurredAt: "2000-01-01T00:00:00Z", user: { displayName: "Zoë\t🦊 Fox" } }),
    );
    expect(r.status).toBe(201);
    expect((await get(`/users/${userId}/stats`)).body).toMatchObject({ userId, displayName: "Zoë\t🦊 Fox" });
  });

  it("stores an xAPI statement timestamped before 2000 or far ahead as ignored (invalid-event), beside a good one", async () => {
    const headers = { "x-experience-api-version": "1.0.3" };
    const ahead = new Date(Date.now() + 60 * 60_000).toISOString();
    const statements = [
      statement({ timestamp: "1000-01-01T00:00:00Z", object: { id: "https://lms.example/lesson/old" } }),
      statement({ timestamp: ahead, object: { id: "https://lms.example/lesson/ahead" } }),
      statement({ object: { id: "https://lms.example/lesson/good" } }),
    ];
    const res = await post("/xapi/statements", statements, headers);
    expect(res.status).toBe(200);
    const ids = (await res.json()) as string[];
    const rows = await db.query<{ id: string; status: string; reason: string | null }>(
      `SELECT id, status, reason FROM xapi_statement WHERE id = ANY($1::text[])`,
      [ids],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(ids.map((id) => [byId.get(id)?.status, byId.get(id)?.reason])).toEqual([
      ["ignored", "invalid-event"],
      ["ignored", "invalid-event"],
      ["applied", null],
    ]);
  });
});
