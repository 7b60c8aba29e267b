import { describe, expect, it } from "vitest";
import { readEnv } from "@/server/env";
import { recordRun, runJobWork } from "@/server/services/job-runs";
import { receiveStatements } from "@/server/services/xapi";
import { setUpTestDatabase } from "@/test/database";

// Retention (DOMAIN.md Revision 2 "Privacy"): the daily xapi-retention job purges raw xAPI statements received
// more than XAPI_RETENTION_DAYS (default 180) ago; the events they became, and so every point, stay.

const db = await setUpTestDatabase();
const NOW = new Date("2026-12-02T03:00:00Z");
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000);
const statement = (id: string, lesson: string) => ({
  id,
  actor: { mbox: "mailto:ret@school.example", account: { homePage: "https://lms.example.com", name: "ret-1" } },
  verb: { id: "http://adlnet.gov/expapi/verbs/completed" },
  object: { id: `https://lms.example.com/lesson/${lesson}` },
  context: {
    contextActivities: {
      parent: [{ id: "https://lms.example.com/course/r", definition: { type: "http://adlnet.gov/expapi/activities/course" } }],
    },
  },
  timestamp: "2026-05-01T10:00:00Z",
});

describe("xapi-retention", () => {
  it("defaults to 180 days", () => {
    expect(readEnv({ NODE_ENV: "test" }).XAPI_RETENTION_DAYS).toBe(180);
    expect(readEnv({ NODE_ENV: "test", XAPI_RETENTION_DAYS: "30" }).XAPI_RETENTION_DAYS).toBe(30);
  });

  it("purges statements older than the retention and keeps their events and points", async () => {
    await receiveStatements(db.prisma, statement("6f1c2a3e-0000-4000-8000-000000000001", "old"), { now: daysAgo(181) });
    await receiveStatements(db.prisma, statement("6f1c2a3e-0000-4000-8000-000000000002", "recent"), { now: daysAgo(179) });
    const pointsBefore = (await db.prisma.learner.findUniqueOrThrow({ where: { userId: "ret-1" } })).points;
    expect(await db.prisma.event.count()).toBe(2);

    const result = await recordRun(db.prisma, "xapi-retention", "test", () => runJobWork(db.prisma, "xapi-retention", { now: NOW }));
    expect(result).toMatchObject({ purged: 1, retentionDays: 180 });
    expect((await db.prisma.xapiStatement.findMany()).map((s) => s.id)).toEqual(["6f1c2a3e-0000-4000-8000-000000000002"]);
    expect(await db.prisma.event.count()).toBe(2);
    expect((await db.prisma.learner.findUniqueOrThrow({ where: { userId: "ret-1" } })).points).toBe(pointsBefore);
    expect(await db.prisma.jobRun.count({ where: { job: "xapi-retention", status: "succeeded" } })).toBe(1);
  });
});
