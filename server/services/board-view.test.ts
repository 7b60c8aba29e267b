import { describe, expect, it } from "vitest";
import { setUpTestDatabase } from "@/test/database";
import { lesson } from "@/test/engine-fixtures";
import { getBoardView } from "./board-view";
import { recordEvents } from "./events";

// Which board the dashboard shows for the admin's picks: the period settled, a page, or a learner's neighbours.
const database = await setUpTestDatabase();
const db = database.prisma;
const now = new Date("2026-11-25T12:00:00Z"); // a Wednesday; its week starts on Monday 2026-11-23

const results = await recordEvents(db, [
  ...Array.from({ length: 3 }, (_, i) => lesson("bv-a", `l${i}`, "2026-11-24T10:00:00Z")),
  ...Array.from({ length: 2 }, (_, i) => lesson("bv-b", `l${i}`, "2026-11-24T10:00:00Z")),
  lesson("bv-c", "l0", "2026-11-10T10:00:00Z"),
]);
expect(results.every((r) => r.status === "created")).toBe(true);
const view = (request: Partial<Parameters<typeof getBoardView>[1]>) =>
  getBoardView(db, { courseId: null, period: "all-time", page: 1, limit: 2, ...request }, now);

describe("the dashboard's board view", () => {
  it("pages the board", async () => {
    const second = await view({ page: 2 });
    expect(second).toMatchObject({ periods: [], selected: null, me: null, learnerMissing: null });
    expect(second.board.entries.map((e) => [e.rank, e.userId])).toEqual([[3, "bv-c"]]);
  });

  it("shows the week asked for when it is offered, else the current one", async () => {
    const current = await view({ period: "weekly", at: "2026-01-05" });
    expect(current.periods).toHaveLength(26);
    expect(current.selected).toMatchObject({ start: "2026-11-23", current: true });
    expect(current.board.entries.map((e) => e.userId)).toEqual(["bv-a", "bv-b"]);
    const earlier = await view({ period: "weekly", at: "2026-11-09" });
    expect(earlier.selected?.start).toBe("2026-11-09");
    expect(earlier.board.entries.map((e) => e.userId)).toEqual(["bv-c"]);
  });

  it("shows a learner with their neighbours, or says why it cannot", async () => {
    const around = await view({ learner: "bv-c", page: 5 });
    expect(around).toMatchObject({ me: "bv-c", learnerMissing: null });
    expect(around.board.entries.map((e) => e.userId)).toEqual(["bv-a", "bv-b", "bv-c"]);
    const unranked = await view({ period: "weekly", learner: "bv-c" });
    expect(unranked).toMatchObject({ me: null, learnerMissing: "unranked" });
    const unknown = await view({ learner: "nobody", page: 3 });
    expect(unknown).toMatchObject({ me: null, learnerMissing: "unknown" });
    expect(unknown.board.entries.map((e) => e.userId)).toEqual(["bv-a", "bv-b"]);
  });
});
