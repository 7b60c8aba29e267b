import { beforeAll, describe, expect, it } from "vitest";
import { setUpRestServer } from "@/test/http-server";
import { countRows } from "@/test/table-counts";

// API.md Revision 2: every write of a request is in its one transaction (a refused request leaves no row
// anywhere), and in a batch an event that fails for any reason, at validation or in the database, is that
// item's error while the others are recorded. The database's refusal is real: a trigger refuses to store
// events whose id starts with `poison-` (as a constraint, or a bug in a statement, would), with a data
// exception or with a plain RAISE.

const { db, server, key } = await setUpRestServer("isolation");

beforeAll(async () => {
  await db.exec(`
    CREATE FUNCTION refuse_poisoned_event() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.id LIKE 'poison-data-%' THEN RAISE EXCEPTION 'poisoned event' USING ERRCODE = '22023'; END IF;
      IF NEW.id LIKE 'poison-%' THEN RAISE EXCEPTION 'poisoned event'; END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER refuse_poisoned_event BEFORE INSERT ON event FOR EACH ROW EXECUTE FUNCTION refuse_poisoned_event();
  `);
});

async function post(path: string, body: unknown) {
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const lesson = (id: string, userId: string, courseId: string, lessonId = `${id}-lesson`) => ({
  id,
  type: "lesson.completed",
  userId,
  courseId,
  lessonId,
  occurredAt: "2026-11-25T10:00:00Z",
});
const courseRows = async (id: string) => (await db.query(`SELECT 1 FROM course WHERE id = $1`, [id])).length;
const lessonRows = async (courseId: string) => (await db.query(`SELECT 1 FROM lesson WHERE course_id = $1`, [courseId])).length;
const storedEvents = async (ids: string[]) =>
  (await db.query<{ id: string }>(`SELECT id FROM event WHERE id = ANY($1::text[]) ORDER BY id`, [ids])).map((r) => r.id);
const points = async (userId: string) =>
  (await db.query<{ points: number }>(`SELECT points FROM learner WHERE user_id = $1`, [userId]))[0]?.points ?? null;

describe("a request's writes are in its one transaction", () => {
  it("leaves no course, lesson or learner behind when the database refuses the event", async () => {
    const before = await countRows(db);
    const r = await post("/events", lesson("poison-data-1", "iso-lone", "c-poison"));
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(r.body)).not.toMatch(/poisoned|trigger|INSERT/);
    expect(await countRows(db)).toEqual(before);
    expect(await courseRows("c-poison")).toBe(0);
  });

  it("still creates the course for the next event that names it (the catalogue remembers only what committed)", async () => {
    const r = await post("/events", lesson("iso-after-poison", "iso-lone", "c-poison"));
    expect(r.status).toBe(201);
    expect(await courseRows("c-poison")).toBe(1);
    expect(await lessonRows("c-poison")).toBe(1);
  });
});

describe("a batch isolates each failure", () => {
  it("records the events beside one the database refuses, in order, and answers that one as its error", async () => {
    const events = [
      lesson("iso-b1", "iso-ada", "c-batch"),
      lesson("poison-data-b2", "iso-ada", "c-batch-poison"),
      lesson("iso-b3", "iso-ada", "c-batch"),
      lesson("iso-b4", "iso-bob", "c-batch"),
      lesson("poison-b5", "iso-cleo", "c-batch-poison-2"),
      lesson("iso-b6", "iso-bob", "c-batch"),
    ];
    const r = await post("/events/batch", { events });
    expect(r.status).toBe(200);
    const results = r.body.results as { eventId: string; status: string; error?: { code: string; message: string } }[];
    expect(results.map((x) => [x.eventId, x.status])).toEqual([
      ["iso-b1", "created"],
      ["poison-data-b2", "error"],
      ["iso-b3", "created"],
      ["iso-b4", "created"],
      ["poison-b5", "error"],
      ["iso-b6", "created"],
    ]);
    for (const failed of [results[1]!, results[4]!]) {
      expect(failed.error!.message).not.toMatch(/poisoned|trigger|INSERT/);
    }
    expect(await storedEvents(events.map((e) => e.id))).toEqual(["iso-b1", "iso-b3", "iso-b4", "iso-b6"]);
    // Each learner earned exactly their recorded lessons (easy: 10 points each), in request order.
    expect(await points("iso-ada")).toBe(20);
    expect(await points("iso-bob")).toBe(20);
    expect(await points("iso-cleo")).toBeNull();
    expect(await courseRows("c-batch-poison")).toBe(0);
    expect(await courseRows("c-batch-poison-2")).toBe(0);
  });

  it("isolates a failure at validation and one in the database in the same batch", async () => {
    const events = [
      { ...lesson("iso-v1", "a\u0000b", "c-nul"), lessonId: "l1" },
      lesson("poison-v2", "iso-dan", "c-v"),
      lesson("iso-v3", "iso-dan", "c-v"),
      { ...lesson("iso-v4", "iso-dan", "c-v"), lessonId: "\ud800" },
    ];
    const r = await post("/events/batch", { events });
    expect(r.status).toBe(200);
    const results = r.body.results as { status: string; error?: { code: string; issues?: { path: unknown[] }[] } }[];
    expect(results.map((x) => x.status)).toEqual(["error", "error", "created", "error"]);
    expect(results[0]!.error!.issues!.map((i) => i.path)).toContainEqual(["userId"]);
    expect(results[3]!.error!.issues!.map((i) => i.path)).toContainEqual(["lessonId"]);
    expect(await storedEvents(["iso-v1", "poison-v2", "iso-v3", "iso-v4"])).toEqual(["iso-v3"]);
    expect(await courseRows("c-nul")).toBe(0);
  });

  it("answers a batch whose every event the database refuses with an error for each, storing nothing", async () => {
    const before = await countRows(db);
    const r = await post("/events/batch", {
      events: [lesson("poison-all-1", "iso-eve", "c-all"), lesson("poison-data-all-2", "iso-eve", "c-all")],
    });
    expect(r.status).toBe(200);
    expect((r.body.results as { status: string }[]).map((x) => x.status)).toEqual(["error", "error"]);
    expect(await countRows(db)).toEqual(before);
  });

  it("records the single events sent at the same time as one the database refuses", async () => {
    const ids = Array.from({ length: 8 }, (_, i) => (i === 3 ? `poison-group-${i}` : `iso-group-${i}`));
    const answers = await Promise.all(ids.map((id, i) => post("/events", lesson(id, `iso-group-learner-${i % 3}`, "c-group"))));
    expect(answers.map((a) => a.status < 300)).toEqual(ids.map((id) => !id.startsWith("poison-")));
    expect(await storedEvents(ids)).toEqual(ids.filter((id) => !id.startsWith("poison-")).sort());
  });
});
