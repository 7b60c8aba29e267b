import { describe, expect, it } from "vitest";
import { createCaller } from "@/server/api/root";
import { createInnerContext } from "@/server/api/trpc";
import { createAdmin } from "@/server/services/admins";
import { listLearners, type LearnerListRequest, type LearnerRow } from "@/server/services/learner-list";
import type { LearnerSort, SortDirection } from "@/server/schemas/learner-list";
import { setUpTestDatabase, usingPostgres } from "@/test/database";

// The dashboard's learner list: keyset pages that add up to the whole sorted list in both directions, the
// total, and the search by part of a name or id in any case.

const database = await setUpTestDatabase();
const db = database.prisma;

// Ties on purpose (same points, same day, same name in other cases) and learners with no name or no activity.
const names = ["Ada Lovelace", "ada lovelace", "Grace Hopper", null, "Alan Turing", "Émile Borel", "zed", "Mary Knuth", null, "ADA"];
const seeded = Array.from({ length: 41 }, (_, i) => ({
  userId: `ll-${String((i * 17) % 41).padStart(2, "0")}`,
  displayName: names[i % names.length] ?? null,
  points: (i % 6) * 10,
  lastActiveDate: i % 5 === 0 ? null : new Date(Date.UTC(2026, 10, 1 + (i % 4))),
}));
await db.learner.createMany({ data: seeded });

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
/** The order the list promises, computed here independently: key, then user id, in byte order. */
function expectedOrder(sort: LearnerSort, direction: SortDirection, rows = seeded): string[] {
  const key = (r: (typeof seeded)[number]) =>
    sort === "points" ? r.points : sort === "name" ? (r.displayName ?? r.userId).toLowerCase() : (day(r.lastActiveDate) ?? "1970-01-01");
  const bytes = (s: string) => Buffer.from(s);
  const cmp = (a: (typeof seeded)[number], b: (typeof seeded)[number]) => {
    const [ka, kb] = [key(a), key(b)];
    const byKey = typeof ka === "number" ? ka - (kb as number) : Buffer.compare(bytes(ka), bytes(kb as string));
    return byKey || Buffer.compare(bytes(a.userId), bytes(b.userId));
  };
  const sorted = [...rows].sort(cmp).map((r) => r.userId);
  return direction === "asc" ? sorted : sorted.reverse();
}

async function readAll(request: Omit<LearnerListRequest, "after" | "before">) {
  const forward: LearnerRow[] = [];
  let page = await listLearners(db, request);
  const totals = new Set([page.total]);
  forward.push(...page.learners);
  while (page.next) {
    page = await listLearners(db, { ...request, after: page.next });
    totals.add(page.total);
    forward.push(...page.learners);
  }
  // And back from the last page to the first.
  const backward: LearnerRow[] = [...page.learners];
  while (page.previous) {
    page = await listLearners(db, { ...request, before: page.previous });
    backward.unshift(...page.learners);
  }
  return { forward: forward.map((l) => l.userId), backward: backward.map((l) => l.userId), totals: [...totals] };
}

describe("the learner list", () => {
  for (const sort of ["points", "name", "activity"] as const)
    for (const direction of ["asc", "desc"] as const)
      it(`pages by ${sort} ${direction} through every learner once, and back`, async () => {
        const { forward, backward, totals } = await readAll({ query: "", sort, direction, limit: 7 });
        expect(forward).toEqual(expectedOrder(sort, direction));
        expect(backward).toEqual(forward);
        expect(totals).toEqual([seeded.length]);
      });

  it("searches names and ids in any case and in part, and counts the matches", async () => {
    const matching = seeded.filter((l) => (l.displayName ?? "").toLowerCase().includes("ada") || l.userId.includes("ada"));
    const { forward, totals } = await readAll({ query: "ADA", sort: "name", direction: "asc", limit: 4 });
    expect(forward).toEqual(expectedOrder("name", "asc", matching));
    expect(totals).toEqual([matching.length]);
    const byId = await listLearners(db, { query: "LL-0", sort: "points", direction: "desc", limit: 100 });
    expect(byId.learners.map((l) => l.userId).sort()).toEqual(
      seeded
        .map((l) => l.userId)
        .filter((id) => id.startsWith("ll-0"))
        .sort(),
    );
    expect((await listLearners(db, { query: "%", sort: "points", direction: "desc", limit: 5 })).total).toBe(0);
  });

  it("answers the first page without a previous link, and a row's fields", async () => {
    const first = await listLearners(db, { query: "Mary Knuth", sort: "points", direction: "desc", limit: 100 });
    expect(first.previous).toBeNull();
    expect(first.next).toBeNull();
    const mary = seeded.filter((l) => l.displayName === "Mary Knuth").sort((a, b) => b.points - a.points)[0]!;
    expect(first.learners[0]).toEqual({
      userId: expect.stringMatching(/^ll-/),
      displayName: "Mary Knuth",
      points: mary.points,
      lastActiveDate: expect.toSatisfy((d: string | null) => d === null || /^\d{4}-\d{2}-\d{2}$/.test(d)),
    });
  });

  it("refuses a cursor it did not write, and a bad sort, naming the field (admin procedure)", async () => {
    const { id } = await createAdmin(db, { email: "list@example.test", password: "long-enough" });
    const session = { adminId: id, expires: new Date(Date.now() + 3_600_000).toISOString() };
    const kind = usingPostgres ? "postgres" : "pglite";
    const admin = createCaller(createInnerContext({ db, databaseKind: kind, session }));
    const anonymous = createCaller(createInnerContext({ db, databaseKind: kind }));
    const page = await admin.admin.learners.list({ sort: "points", limit: 5 });
    expect(page.learners.map((l) => l.userId)).toEqual(expectedOrder("points", "desc").slice(0, 5));
    const notOurs = Buffer.from("[1]").toString("base64url");
    await expect(admin.admin.learners.list({ after: notOurs })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("after"),
    });
    // @ts-expect-error: a sort the list does not offer
    await expect(admin.admin.learners.list({ sort: "age" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("sort"),
    });
    await expect(anonymous.admin.learners.list({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
