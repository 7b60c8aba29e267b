import { describe, expect, it } from "vitest";
import { createCaller } from "@/server/api/root";
import { createInnerContext } from "@/server/api/trpc";
import { createAdmin } from "@/server/services/admins";
import { receiveStatements } from "@/server/services/xapi";
import { setUpRestServer } from "@/test/http-server";
import { courseDone, lesson } from "@/test/engine-fixtures";

// The privacy routes of API.md Revision 2 as an LMS calls them: export (everything stored, as one JSON
// document) and erasure (DELETE), over HTTP.

const { db, call } = await setUpRestServer("lms");

const at = new Date(Date.now() - 3_600_000).toISOString().replace(/\.\d+Z$/, "Z");

describe("GET /users/{userId}/export", () => {
  it("answers everything stored about the learner, and only them", async () => {
    const events = [
      lesson("exp-ada", "l1", at, {
        courseId: "exp-c",
        difficulty: "hard",
        user: { displayName: "Ada Lovelace", timezone: "Europe/London" },
      }),
      courseDone("exp-ada", "exp-c", at, { difficulty: "easy", score: 100 }),
      lesson("exp-bob", "l1", at, { courseId: "exp-c" }),
    ];
    expect((await call("POST", "/events/batch", { events })).status).toBe(200);
    await receiveStatements(db.prisma, {
      actor: { mbox: "mailto:ada@school.example", account: { homePage: "https://lms.example.com", name: "exp-ada" } },
      verb: { id: "http://adlnet.gov/expapi/verbs/experienced" },
      object: { id: "https://lms.example.com/page/1" },
    });
    const { status, body } = await call("GET", "/users/exp-ada/export");
    expect(status).toBe(200);
    expect(body.profile).toMatchObject({
      userId: "exp-ada",
      displayName: "Ada Lovelace",
      timezone: "Europe/London",
      visibility: "visible",
      points: 300,
    });
    expect(body.events.map((e: { id: string; payload: { type: string } }) => [e.id, e.payload.type])).toEqual([
      [events[0]!.id, "lesson.completed"],
      [events[1]!.id, "course.completed"],
    ]);
    expect(body.xapiStatements).toHaveLength(1);
    expect(body.xapiStatements[0].raw.actor.mbox).toBe("mailto:ada@school.example");
    expect(body.ledger.reduce((n: number, l: { points: number }) => n + l.points, 0)).toBe(300);
    expect(body.achievements.map((a: { key: string }) => a.key).sort()).toEqual(["courses-1", "perfect-course"]);
    expect(body.activeDays).toHaveLength(1);
    expect(body.boardPositions).toEqual(
      expect.arrayContaining([{ period: "all-time", periodStart: "1970-01-01", courseId: null, points: 300, rank: 1, closed: false }]),
    );
    expect(JSON.stringify(body)).not.toContain("exp-bob");
  });

  it("answers 404 for an unknown learner", async () => {
    expect((await call("GET", "/users/nobody/export")).status).toBe(404);
  });
});

describe("DELETE /users/{userId}", () => {
  it("erases the learner: 404 afterwards, the others untouched", async () => {
    const before = await call("GET", "/users/exp-bob/stats");
    expect(await call("DELETE", "/users/exp-ada")).toEqual({ status: 200, body: { userId: "exp-ada", erased: true } });
    expect((await call("GET", "/users/exp-ada/stats")).status).toBe(404);
    expect((await call("GET", "/users/exp-ada/export")).status).toBe(404);
    expect(await db.prisma.xapiStatement.count()).toBe(0);
    const after = await call("GET", "/users/exp-bob/stats");
    expect(after.body).toEqual({ ...before.body, rank: { allTime: 1, weekly: 1, monthly: 1 } });
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { action: "learner.erase" } });
    expect(audit.actor).toBe("apikey:lms");
    expect(JSON.stringify([audit.target, audit.details])).not.toContain("exp-ada");
  });

  it("answers 404 for an unknown learner, erasing nothing", async () => {
    const learners = await db.prisma.learner.count();
    expect((await call("DELETE", "/users/nobody")).status).toBe(404);
    expect(await db.prisma.learner.count()).toBe(learners);
  });
});

describe("the dashboard's erasure", () => {
  it("refuses without the typed user id, erasing nothing, and erases with it, audited under the admin", async () => {
    const { id } = await createAdmin(db.prisma, { email: "dpo@school.example", password: "correct horse battery" });
    const session = { adminId: id, expires: new Date(Date.now() + 3_600_000).toISOString() };
    const admin = createCaller(createInnerContext({ db: db.prisma, databaseKind: db.kind, session }));
    await expect(admin.admin.privacy.erase({ userId: "exp-bob", confirmation: "exp-bo" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await db.prisma.learner.count({ where: { userId: "exp-bob" } })).toBe(1);
    await expect(admin.admin.privacy.erase({ userId: "exp-bob", confirmation: "exp-bob" })).resolves.toEqual({
      userId: "exp-bob",
      erased: true,
    });
    expect(await db.prisma.learner.count({ where: { userId: "exp-bob" } })).toBe(0);
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { action: "learner.erase", actor: "dpo@school.example" } });
    expect(audit.adminId).toBe(id);
  });
});
