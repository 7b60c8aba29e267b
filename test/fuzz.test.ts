import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { recordEvent } from "@/server/services/events";
import { setUpRestServer } from "@/test/http-server";
import { fillPath, restRoutes } from "@/test/rest-routes";
import { countRows } from "@/test/table-counts";

// Random and malicious input against every route of the LMS API (REST and xAPI): always an answer below 500,
// a refusal always a 400 or 413 with the error shape, and after each property the row count of every table is
// what it was (a property sends only input that must be refused, or reads). The generators cover the classes
// of API.md Revision 2 "Input that is refused everywhere": full Unicode with NUL, other C0 controls and lone
// surrogates, percent-encodings, deep nesting, integer query parameters, xAPI statements.

const { db, server, key } = await setUpRestServer("fuzz");
await recordEvent(db.prisma, {
  id: "fuzz-seed",
  type: "lesson.completed",
  userId: "fuzz-known",
  courseId: "fuzz-course",
  lessonId: "l",
  occurredAt: "2026-11-25T10:00:00Z",
});

const RUNS = Number(process.env.FUZZ_RUNS ?? 60);

let rowsBefore: Record<string, number>;
beforeEach(async () => {
  rowsBefore = await countRows(db);
});
afterEach(async () => {
  expect(await countRows(db)).toEqual(rowsBefore);
});

async function send(method: string, path: string, body?: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body !== undefined ? { "content-type": "application/json" } : {}), ...headers },
    body,
  });
  return { status: res.status, text: await res.text() };
}
const post = (path: string, body: string) => send("POST", path, body);

function expectRejected(r: { status: number; text: string }) {
  expect([400, 413], r.text.slice(0, 300)).toContain(r.status);
  const body = JSON.parse(r.text);
  expect(body.error.code).toMatch(/^(BAD_REQUEST|PAYLOAD_TOO_LARGE)$/);
  expect(typeof body.error.message).toBe("string");
  expectNoInternals(r.text);
}
const expectNoInternals = (text: string) => expect(text).not.toMatch(/\n\s+at |prisma|SELECT |INSERT |node_modules/i);

// --- Generators

/** Any UTF-16 code unit, lone surrogates and NUL included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
/** Strings over full Unicode: code units (so half a surrogate pair), whole code points, printable graphemes. */
const anyUnicode = fc.oneof(
  fc.string({ unit: codeUnit, maxLength: 20 }),
  fc.string({ unit: "binary", maxLength: 20 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
);
/** The oracle, written apart from the server's: what free text may not hold. */
const unsafeAsText = (s: string) => /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(s) || !s.isWellFormed();
/** What an id may be: 1-128 characters, not only whitespace, no control character, well-formed Unicode. */
const okId = (v: unknown) =>
  typeof v === "string" && v.length >= 1 && v.length <= 128 && v.trim() !== "" && !/[\u0000-\u001F]/.test(v) && v.isWellFormed();
const unsafeChar = fc
  .oneof(
    fc.integer({ min: 0, max: 0x1f }).filter((c) => c !== 9 && c !== 10 && c !== 13),
    fc.integer({ min: 0xd800, max: 0xdfff }),
  )
  .map((c) => String.fromCharCode(c));
/** A string holding at least one character no edge takes: NUL, another C0 control, or a lone surrogate. */
const unsafeString = fc
  .tuple(anyUnicode, unsafeChar, anyUnicode)
  .map(([a, c, b]) => a + c + b)
  .filter(unsafeAsText);

/** Percent-encoded text: valid escapes of any string, and malformed ones (`%ZZ`, `%`, half a UTF-8 sequence). */
const hexDigit = fc.constantFrom(..."0123456789abcdefABCDEFGZz%".split(""));
const percentText = fc
  .array(
    fc.oneof(
      fc.tuple(hexDigit, hexDigit).map(([a, b]) => `%${a}${b}`),
      fc.constantFrom("%", "%%", "%u0041", "%ZZ", "%C3", "%ED%A0%80", "%F4%90%80%80", "%00", "%2F", "%3F", "%20", "+"),
      fc.string({ unit: "binary", maxLength: 4 }).map(encodeURIComponent),
    ),
    { minLength: 1, maxLength: 6 },
  )
  .map((parts) => parts.join(""))
  .filter((s) => s.length > 0);
/** A path segment that must be refused: malformed, or decoding to what no id may be. */
const refusedSegment = percentText.filter((s) => {
  try {
    return !okId(decodeURIComponent(s));
  } catch {
    return true;
  }
});

/** `levels` nested arrays and objects around a value, built without recursion. */
const nest = (levels: number, shape: boolean[]) => {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = shape[i % shape.length] ? [value] : { k: value };
  return value;
};
/** A nesting deeper than the 32 levels a body may have (the body itself counts as one). */
const tooDeep = fc
  .tuple(fc.integer({ min: 32, max: 400 }), fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }))
  .map(([levels, shape]) => nest(levels, shape));

const nasty = fc.oneof(
  anyUnicode,
  unsafeString,
  fc.constantFrom("'; DROP TABLE learner; --", '" OR 1=1 --', "$1", "\u0000", "\ud800", "   ", "💥".repeat(200), "x".repeat(5000)),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
  fc.constantFrom(
    "-271821-04-20T00:00:00Z",
    "275760-09-13T00:00:01Z",
    "0000-00-00T00:00:00Z",
    "2026-11-25T25:00:00Z",
    "9999-12-31T23:59:59Z",
    "1000-01-01T00:00:00Z",
    "1999-12-31T23:59:59Z",
  ),
);

const base = { type: "lesson.completed", userId: "fuzz-user", occurredAt: "2026-11-25T10:00:00Z", courseId: "c", lessonId: "l" };
const fields = ["id", "type", "userId", "occurredAt", "courseId", "lessonId", "difficulty", "score", "user"] as const;

/** The few junk values that happen to be valid for a field (so the property only sends invalid events). */
function isAcceptable(field: string, v: unknown): boolean {
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
      return v === null
        ? false
        : typeof v === "object" && !Array.isArray(v) && Object.keys(v as object).every((k) => k !== "displayName" && k !== "timezone");
    default:
      return false;
  }
}

describe("events under fuzzing", () => {
  it("refuses events with one field replaced by junk", async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...fields), nasty, async (field, junk) => {
        const event: Record<string, unknown> = { ...base, id: `fuzz-${n++}`, [field]: junk };
        fc.pre(!isAcceptable(field, junk));
        expectRejected(await post("/events", JSON.stringify(event)));
      }),
      { numRuns: RUNS },
    );
  });

  it("refuses events whose display name or time zone holds NUL, another control or a lone surrogate", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("displayName", "timezone"), unsafeString, async (field, junk) => {
        const r = await post("/events", JSON.stringify({ ...base, id: "fuzz-user-field", user: { [field]: junk } }));
        expectRejected(r);
        expect(JSON.parse(r.text).error.issues.map((i: { path: unknown }) => i.path)).toContainEqual(["user", field]);
      }),
      { numRuns: RUNS },
    );
  });

  it("refuses a body nested deeper than 32 levels, wherever the nesting is", async () => {
    await fc.assert(
      fc.asyncProperty(tooDeep, fc.constantFrom("user", "extra", "score"), fc.boolean(), async (deep, field, inBatch) => {
        const event = { ...base, id: "fuzz-deep", [field]: deep };
        const r = inBatch ? await post("/events/batch", JSON.stringify({ events: [event] })) : await post("/events", JSON.stringify(event));
        expectRejected(r);
      }),
      { numRuns: RUNS },
    );
  });

  it("rejects arbitrary JSON documents and malformed text", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue().map((v) => JSON.stringify(v)),
          fc.string({ maxLength: 200 }),
          anyUnicode,
        ),
        async (body) => {
          fc.pre(body !== undefined);
          expectRejected(await post("/events", body));
        },
      ),
      { numRuns: RUNS },
    );
    for (const text of ["NaN", '{"score": NaN}', '{"score": Infinity}', "{", "[]", "null", '"event"', '{"__proto__": {"admin": true}}']) {
      expectRejected(await post("/events", text));
    }
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
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
  });
});

describe("every route's path and query parameters under fuzzing", () => {
  const routes = restRoutes();
  const reads = routes.filter((r) => r.method === "GET");
  const withParams = routes.filter((r) => r.params.length > 0);

  it("refuses a malformed or hostile path parameter on every route with a 400 naming it", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...withParams), fc.nat(), refusedSegment, async (route, which, segment) => {
        const target = which % route.params.length;
        const path = fillPath(route, (_, i) => (i === target ? segment : "fuzz-known"));
        const r = await send(route.method, path, route.method === "GET" || route.method === "DELETE" ? undefined : "{}");
        expectRejected(r);
        expect(
          JSON.parse(r.text).error.issues.map((i: { path: unknown }) => i.path),
          path,
        ).toContainEqual([route.params[target]]);
      }),
      { numRuns: RUNS },
    );
  });

  it("answers any path segment and query value on the read routes below 500", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...reads), percentText, fc.nat(), percentText, async (route, segment, which, value) => {
        const path = fillPath(route, () => segment);
        const query = route.query.length > 0 ? `?${route.query[which % route.query.length]}=${value}` : "";
        const r = await send("GET", path + query);
        expect([200, 400, 404], `${path}${query}: ${r.text.slice(0, 200)}`).toContain(r.status);
        expectNoInternals(r.text);
      }),
      { numRuns: RUNS },
    );
  });

  it("takes an integer query parameter only as plain decimal digits", async () => {
    const digitsOrJunk = fc.oneof(
      fc.integer({ min: -5, max: 150 }).map(String),
      percentText,
      fc.constantFrom("0x10", "%20%205", "1e1", "+5", "5.0", "05", "٣", ""),
    );
    await fc.assert(
      fc.asyncProperty(digitsOrJunk, async (raw) => {
        const decoded = new URLSearchParams(`limit=${raw}`).get("limit")!;
        const valid = /^\d+$/.test(decoded) && Number(decoded) >= 1 && Number(decoded) <= 100;
        const r = await send("GET", `/leaderboards/global?limit=${raw}`);
        expect(r.status, `limit=${raw}`).toBe(valid ? 200 : 400);
      }),
      { numRuns: RUNS },
    );
  });
});

describe("xAPI statements under fuzzing", () => {
  const headers = { "x-experience-api-version": "1.0.3" };
  const statement = () => ({
    actor: { objectType: "Agent", account: { homePage: "https://lms.example", name: "fuzz-xapi" } },
    verb: { id: "http://adlnet.gov/expapi/verbs/completed", display: { en: "completed" } },
    object: { id: "https://lms.example/lesson/1", definition: { name: { en: "Lesson" } } },
    result: { response: "ok" },
    context: { extensions: { "https://lms.example/x/a": 1 } },
  });
  /** Where in a statement the hostile string goes: a field the mapping reads, or anywhere in the extensions. */
  const places = fc.constantFrom(
    ["actor", "name"],
    ["actor", "account", "name"],
    ["verb", "display", "en"],
    ["object", "id"],
    ["object", "definition", "name", "en"],
    ["result", "response"],
    ["context", "extensions", "https://lms.example/x/a"],
  );
  const extensionPath = fc.array(fc.oneof(fc.string({ unit: "grapheme", minLength: 1, maxLength: 6 }), fc.nat({ max: 3 })), {
    maxLength: 10,
  });

  /** Puts `value` at `path` inside `target`, creating objects and arrays on the way. */
  function place(target: Record<string, unknown>, path: readonly (string | number)[], value: unknown) {
    let at: Record<string | number, unknown> = target;
    path.forEach((step, i) => {
      if (i === path.length - 1) at[step] = value;
      else {
        const next = path[i + 1];
        if (at[step] === null || typeof at[step] !== "object") at[step] = typeof next === "number" ? [] : {};
        at = at[step] as Record<string | number, unknown>;
      }
    });
  }

  it("refuses a statement holding NUL, another control or a lone surrogate anywhere, key or value", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          places,
          extensionPath.map((p) => ["context", "extensions", "https://lms.example/x/deep", ...p]),
        ),
        unsafeString,
        fc.boolean(),
        fc.boolean(),
        async (path, junk, asKey, asArray) => {
          const s = statement();
          if (asKey) place(s, [...path.slice(0, -1)], { [junk]: "value" });
          else place(s, path, junk);
          const r = await send("POST", "/xapi/statements", JSON.stringify(asArray ? [statement(), s] : s), headers);
          expectRejected(r);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("refuses statements nested deeper than 32 levels", async () => {
    await fc.assert(
      fc.asyncProperty(tooDeep, async (deep) => {
        const s = statement();
        place(s, ["context", "extensions", "https://lms.example/x/deep"], deep);
        expectRejected(await send("POST", "/xapi/statements", JSON.stringify(s), headers));
      }),
      { numRuns: RUNS },
    );
  });

  it("answers arbitrary JSON documents below 500", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue(), fc.array(fc.jsonValue(), { minLength: 1, maxLength: 3 })), async (junk) => {
        // Without an actor, a verb and an object nothing is a statement: every such body is refused whole.
        // (An empty array holds no statement to refuse: it is answered with no ids.)
        fc.pre(!JSON.stringify(junk).includes('"actor"') && !(Array.isArray(junk) && junk.length === 0));
        expectRejected(await send("POST", "/xapi/statements", JSON.stringify(junk), headers));
      }),
      { numRuns: RUNS },
    );
  });
});

describe("afterwards", () => {
  it("keeps answering", async () => {
    const r = await send("GET", "/users/fuzz-known/stats");
    expect(r.status).toBe(200);
    expect(JSON.parse(r.text)).toMatchObject({ userId: "fuzz-known", lessonsCompleted: 1 });
  });
});
