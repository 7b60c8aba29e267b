import { describe, expect, it } from "vitest";
import { ALL_TIME_START } from "@/server/lib/calendar";
import { defaultEngineConfig, newLearner } from "@/test/engine-defaults";
import { login } from "@/test/engine-fixtures";
import { applyEvent } from "./apply-event";
import { boardDeltas, ledgerWrites, type LedgerRow } from "./ledger";

// Which boards a learner's points show on: all-time, and the week and month of the day they are dated
// in, counted in the organisation's zone.

const row = (occurredAt: string, extra: Partial<LedgerRow> = {}): LedgerRow => ({
  points: 10,
  reason: "lesson.completed",
  occurredAt: new Date(occurredAt),
  courseId: "c-1",
  ...extra,
});

/** The global board rows a ledger row adds to, as `period start: points`. */
const globalBoards = (rows: LedgerRow[], zone: string) =>
  boardDeltas(rows, zone)
    .filter((d) => d.course_id === "")
    .map((d) => `${d.period} ${d.period_start}: ${d.delta}`)
    .sort();

describe("board periods", () => {
  it("points count in the week and month of their day in the organisation's zone", () => {
    // Sunday 23:30 in UTC is already Monday in Paris: a new week there.
    const sunday = [row("2026-11-29T23:30:00Z")];
    expect(globalBoards(sunday, "UTC")).toEqual([`all-time ${ALL_TIME_START}: 10`, "monthly 2026-11-01: 10", "weekly 2026-11-23: 10"]);
    expect(globalBoards(sunday, "Europe/Paris")).toEqual([
      `all-time ${ALL_TIME_START}: 10`,
      "monthly 2026-11-01: 10",
      "weekly 2026-11-30: 10",
    ]);
    // The last evening of November in UTC is December in Paris.
    expect(globalBoards([row("2026-11-30T23:30:00Z")], "Europe/Paris")).toContain("monthly 2026-12-01: 10");
  });

  it("lesson and course points also count on the course's board; streak days and achievements do not", () => {
    const rows = [
      row("2026-11-25T10:00:00Z"),
      row("2026-11-25T11:00:00Z", { reason: "course.completed", points: 100 }),
      row("2026-11-25T12:00:00Z", { reason: "streak.day", points: 5, streakDay: "2026-11-25" }),
      row("2026-11-25T12:00:00Z", { reason: "achievement", points: 50, achievementId: 1 }),
    ];
    const allTime = boardDeltas(rows, "UTC").filter((d) => d.period === "all-time");
    expect(allTime.map((d) => [d.course_id, d.delta])).toEqual([
      ["", 165],
      ["c-1", 110],
    ]);
  });

  it("points that cancel out in a period move no board there", () => {
    const rows = [
      row("2026-11-02T10:00:00Z", { points: 10 }),
      row("2026-11-25T10:00:00Z", { reason: "adjustment", points: -10, courseId: null }),
    ];
    // November and all-time net to nothing; each week keeps its own change.
    expect(globalBoards(rows, "UTC")).toEqual(["weekly 2026-11-02: 10", "weekly 2026-11-23: -10"]);
  });

  it("a late day's streak points are dated on the days they are for, so each lands in its own week", () => {
    const config = defaultEngineConfig();
    const learner = newLearner();
    // Saturday and Monday first; then the Sunday between them arrives and earns for itself and for Monday.
    const days = ["2026-11-28", "2026-11-30", "2026-11-29"].map((d) => login("u-1", `${d}T10:00:00Z`));
    const rows = days.flatMap((e) => applyEvent(learner, e, config, new Date(e.occurredAt)).ledger);
    const points = config.settings.streakDayPoints;
    expect(globalBoards(rows, "UTC")).toEqual([
      `all-time ${ALL_TIME_START}: ${2 * points}`,
      `monthly 2026-11-01: ${2 * points}`,
      `weekly 2026-11-23: ${points}`,
      `weekly 2026-11-30: ${points}`,
    ]);
  });
});

describe("ledger rows written", () => {
  it("a row of 0 points is not written and moves no board", () => {
    const { params } = ledgerWrites(
      [{ learnerId: 1, userId: "u-1", rows: [row("2026-11-25T10:00:00Z", { points: 0 }), row("2026-11-25T11:00:00Z")] }],
      "UTC",
      1,
    );
    const [ledger, deltas] = params.map((p) => JSON.parse(p) as { points?: number; delta?: number }[]);
    expect(ledger!.map((r) => r.points)).toEqual([10]);
    expect(deltas!.every((d) => d.delta === 10)).toBe(true);
  });
});
