import { afterAll, describe, expect, it } from "vitest";
import { createCaller } from "@/server/api/root";
import { createInnerContext } from "@/server/api/trpc";
import { DEFAULT_RULES } from "@/server/services/xapi/presets";
import { createAdmin } from "@/server/services/admins";
import { getMappingInForce } from "@/server/services/xapi";
import { createTestDatabase } from "@/test/database";

// The xAPI mapping as configuration, through the dashboard's procedures (admin.xapi.mapping / saveMapping):
// versions, presets, the audit trail, and what is refused. test/xapi-emitters.test.ts sends statements under it.

const db = await createTestDatabase();
afterAll(() => db.drop());
const { id: adminId } = await createAdmin(db.prisma, { email: "mapping@example.test", password: "long-enough" });
const session = { adminId, expires: new Date(Date.now() + 3_600_000).toISOString() };
const admin = createCaller(createInnerContext({ db: db.prisma, databaseKind: db.kind, session }));
const anonymous = createCaller(createInnerContext({ db: db.prisma, databaseKind: db.kind }));

const SCORED = "http://adlnet.gov/expapi/verbs/scored";

describe("the mapping's versions", () => {
  it("starts at version 1, written by the migration: the default rules (API.md's table), no admin", async () => {
    const page = await admin.admin.xapi.mapping();
    expect(page.current).toMatchObject({ version: 1, preset: "default", createdBy: null });
    expect(page.current.rules).toEqual(DEFAULT_RULES);
    expect(page.presets.map((p) => p.key)).toEqual(["default", "moodle", "openedx"]);
    expect(page.history).toMatchObject([{ version: 1, rules: DEFAULT_RULES.length }]);
  });

  it("saves a change as the next version, audited rule by rule; the same rules again save nothing", async () => {
    const rules = [...DEFAULT_RULES, { verb: SCORED, success: "true" as const, event: "lesson.completed" as const }];
    const saved = await admin.admin.xapi.saveMapping({ basedOn: 1, rules });
    expect(saved).toMatchObject({ version: 2, preset: null, createdBy: "mapping@example.test", rules });
    expect(await getMappingInForce(db.prisma)).toMatchObject({ version: 2 });
    const [entry] = (await admin.admin.audit.list({ limit: 1 })).rows;
    expect(entry).toMatchObject({
      action: "xapi.mapping.update",
      target: "xapi-mapping",
      actor: "mapping@example.test",
      details: {
        version: { from: 1, to: 2 },
        preset: { from: "default", to: null },
        [SCORED]: { from: null, to: "scored, success true → lesson.completed" },
      },
    });
    // The same rules in another order are no change: no version, no audit row.
    const audits = await db.prisma.auditLog.count();
    expect(await admin.admin.xapi.saveMapping({ basedOn: 2, rules: [...rules].reverse() })).toMatchObject({ version: 2 });
    expect(await db.prisma.auditLog.count()).toBe(audits);
  });

  it("recognises a preset saved unchanged", async () => {
    const page = await admin.admin.xapi.mapping();
    const moodle = page.presets.find((p) => p.key === "moodle")!;
    expect(await admin.admin.xapi.saveMapping({ basedOn: page.current.version, rules: moodle.rules })).toMatchObject({
      version: 3,
      preset: "moodle",
    });
    expect((await admin.admin.xapi.mapping()).history.map((v) => v.version)).toEqual([3, 2, 1]);
  });

  it("refuses, changing nothing: two rules for one verb and type, a voiding rule, a bad IRI, an older version, anyone signed out", async () => {
    const before = await admin.admin.xapi.mapping();
    const basedOn = before.current.version;
    // Thunks: each call starts only when awaited, so no refusal is left without a handler meanwhile.
    const refusals: [() => Promise<unknown>, string][] = [
      [
        () =>
          admin.admin.xapi.saveMapping({
            basedOn,
            rules: [
              { verb: SCORED, event: "ignored" },
              { verb: SCORED, event: "lesson.completed" },
            ],
          }),
        "BAD_REQUEST",
      ],
      [
        () => admin.admin.xapi.saveMapping({ basedOn, rules: [{ verb: "http://adlnet.gov/expapi/verbs/voided", event: "ignored" }] }),
        "BAD_REQUEST",
      ],
      [() => admin.admin.xapi.saveMapping({ basedOn, rules: [{ verb: "scored", event: "ignored" }] }), "BAD_REQUEST"],
      [
        () => admin.admin.xapi.saveMapping({ basedOn, rules: [{ verb: SCORED, activityType: "assessment", event: "ignored" }] }),
        "BAD_REQUEST",
      ],
      [() => admin.admin.xapi.saveMapping({ basedOn: basedOn - 1, rules: DEFAULT_RULES }), "CONFLICT"],
      [() => anonymous.admin.xapi.saveMapping({ basedOn, rules: DEFAULT_RULES }), "UNAUTHORIZED"],
    ];
    for (const [attempt, code] of refusals) await expect(attempt()).rejects.toMatchObject({ code });
    await expect(anonymous.admin.xapi.mapping()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect(await admin.admin.xapi.mapping()).toEqual(before);
  });
});
