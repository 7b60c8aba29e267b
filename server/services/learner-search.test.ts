import { beforeAll, describe, expect, it } from "vitest";
import { setUpTestDatabase } from "@/test/database";
import { searchLearners } from "./learner-search";

const db = (await setUpTestDatabase()).prisma;

describe("learner search", () => {
  beforeAll(async () => {
    const learners = [
      { userId: "u-100", displayName: "Ada Lovelace", points: 30 },
      { userId: "u-1001", displayName: "Grace Hopper", points: 20 },
      { userId: "u-2", displayName: "Alan Turing", points: 10 },
      { userId: "a_b", displayName: null, points: 0 },
      { userId: "axb", displayName: "Wildcard Check", points: 0 },
      { userId: "zz-ada", displayName: "Someone Else", points: 0 },
    ];
    for (const l of learners) await db.learner.create({ data: l });
  });

  const ids = async (q: string, limit?: number) => (await searchLearners(db, q, limit)).map((h) => h.userId);

  it("puts the exact user id first, then ids starting with the text", async () => {
    expect(await ids("u-100")).toEqual(["u-100", "u-1001"]);
    expect(await ids("u-")).toEqual(["u-100", "u-1001", "u-2"]);
  });

  it("finds display names containing the text, in any case, after id matches", async () => {
    expect(await ids("ada")).toEqual(["u-100"]);
    expect(await ids("LOVE")).toEqual(["u-100"]);
    expect(await ids("zz")).toEqual(["zz-ada"]);
  });

  it("treats % and _ as plain characters", async () => {
    expect(await ids("a_")).toEqual(["a_b"]);
    expect(await ids("%")).toEqual([]);
  });

  it("returns the newest learners without text, and respects the limit", async () => {
    expect(await ids("", 2)).toEqual(["zz-ada", "axb"]);
    expect(await ids("u", 1)).toHaveLength(1);
  });

  it("answers with points and last active day", async () => {
    expect((await searchLearners(db, "u-2"))[0]).toEqual({ userId: "u-2", displayName: "Alan Turing", points: 10, lastActiveDate: null });
  });
});
