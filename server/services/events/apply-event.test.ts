import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { EventInput } from "@/server/schemas/events";
import { addDays, daysBetween } from "@/server/lib/calendar";
import { defaultEngineConfig, newLearner, shippedAchievement } from "@/test/engine-defaults";
import { courseDone, courseStart, lesson, login } from "@/test/engine-fixtures";
import { applyEvent } from "./apply-event";

// The rules of one event on a learner's state in memory, with the rules a fresh database ships, freezes off
// (streak protection has its own tests: test/streak-protection.test.ts).
const config = defaultEngineConfig({ freezeEvery: 0 });
const { lessonEasy, lessonHard, courseMedium, streakDayPoints } = config.settings;

/** Applies events in order to one new learner; each outcome is read at its own event's moment. */
function play(...events: EventInput[]) {
  const learner = newLearner();
  const outcomes = events.map((e) => applyEvent(learner, e, config, new Date(e.occurredAt)).outcome);
  return { learner, outcomes, last: outcomes.at(-1)! };
}

const at = (day: string, time = "10:00:00") => `${day}T${time}Z`;
const hoursAfter = (iso: string, hours: number) => new Date(new Date(iso).getTime() + hours * 3_600_000).toISOString();

describe("points for lessons and courses", () => {
  it("a lesson earns its tier's points once, however often it is reported", () => {
    const { outcomes, last } = play(
      lesson("u-1", "l-1", at("2026-11-25", "09:00:00")),
      lesson("u-1", "l-1", at("2026-11-25", "10:00:00"), { difficulty: "hard" }),
      lesson("u-1", "l-2", at("2026-11-25", "11:00:00"), { difficulty: "hard" }),
    );
    expect(outcomes.map((o) => o.pointsAwarded)).toEqual([lessonEasy, 0, lessonHard]);
    expect(outcomes[0]!.awards).toEqual([{ reason: "lesson.completed", points: lessonEasy }]);
    expect(outcomes[1]!.awards).toEqual([]);
    expect(last.totals).toEqual({ points: lessonEasy + lessonHard, lessonsCompleted: 2, coursesCompleted: 0 });
  });

  it("a course earns its points on the first completion only, and the first one unlocks First Course", () => {
    const firstCourse = shippedAchievement("courses-1");
    const { outcomes, last } = play(
      courseDone("u-1", "c-1", at("2026-11-25", "09:00:00"), { difficulty: "medium" }),
      courseDone("u-1", "c-1", at("2026-11-25", "12:00:00"), { difficulty: "medium" }),
    );
    expect(outcomes[0]!.awards).toEqual([
      { reason: "course.completed", points: courseMedium },
      { reason: "achievement:courses-1", points: firstCourse.points },
    ]);
    expect(outcomes[0]!.pointsAwarded).toBe(courseMedium + firstCourse.points);
    expect(outcomes[0]!.achievementsUnlocked).toEqual([{ key: "courses-1", name: firstCourse.name, points: firstCourse.points }]);
    expect(outcomes[1]!).toMatchObject({ pointsAwarded: 0, awards: [], achievementsUnlocked: [] });
    expect(last.totals).toEqual({ points: courseMedium + firstCourse.points, lessonsCompleted: 0, coursesCompleted: 1 });
  });
});

describe("streak days", () => {
  it("a day whose previous day is active earns streak-day points, and the streak counts it", () => {
    const { outcomes, last } = play(login("u-1", at("2026-11-24")), login("u-1", at("2026-11-25")));
    expect(outcomes[0]!.pointsAwarded).toBe(0);
    expect(last.awards).toEqual([{ reason: "streak.day", points: streakDayPoints }]);
    expect(last.streak).toEqual({ current: 2, longest: 2 });
  });

  it("days are the learner's own calendar days", () => {
    // 20:00 UTC on the 24th is already the 25th in Tokyo: the second login is the next day there.
    const tokyo = { user: { timezone: "Asia/Tokyo" } };
    const { last } = play(login("u-1", "2026-11-24T10:00:00Z", tokyo), login("u-1", "2026-11-24T20:00:00Z", tokyo));
    expect(last.awards).toEqual([{ reason: "streak.day", points: streakDayPoints }]);
  });

  it("a late day that fills a gap earns for itself and for the day after it", () => {
    const { outcomes, last } = play(login("u-1", at("2026-11-23")), login("u-1", at("2026-11-25")), login("u-1", at("2026-11-24")));
    expect(outcomes.map((o) => o.pointsAwarded)).toEqual([0, 0, 2 * streakDayPoints]);
    expect(last.streak.longest).toBe(3);
  });

  it("streak-day points are 5 x |{d in D : d-1 in D}| whatever the order the days arrive in", () => {
    const daysArb = fc.uniqueArray(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(
        daysArb.chain((days) => fc.shuffledSubarray(days, { minLength: days.length })),
        (order) => {
          const days = order.map((n) => addDays("2026-10-01", n));
          const { outcomes, learner } = play(...days.map((d) => login("u-1", at(d))));
          const streakPoints = outcomes.flatMap((o) => o.awards).filter((a) => a.reason === "streak.day");
          const following = days.filter((d) => days.includes(addDays(d, -1)));
          expect(streakPoints.reduce((n, a) => n + a.points, 0)).toBe(streakDayPoints * following.length);
          const sorted = [...days].sort();
          let longest = 1;
          for (let i = 0, start = 0; i < sorted.length; i++) {
            if (i > 0 && daysBetween(sorted[i - 1]!, sorted[i]!) !== 1) start = i;
            longest = Math.max(longest, i - start + 1);
          }
          expect(learner.longestStreak).toBe(longest);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("speed_course", () => {
  const speed = shippedAchievement("speed-course");
  const started = at("2026-11-20", "08:00:00");
  const unlocked = (outcome: { achievementsUnlocked: { key: string }[] }) => outcome.achievementsUnlocked.map((a) => a.key);

  it("a completion within the window after the start unlocks it", () => {
    const { last } = play(courseStart("u-1", "c-1", started), courseDone("u-1", "c-1", hoursAfter(started, speed.withinHours! - 1)));
    expect(unlocked(last)).toEqual(["courses-1", "speed-course"]);
    expect(last.awards).toContainEqual({ reason: "achievement:speed-course", points: speed.points });
  });

  it("a completion after the window does not", () => {
    const { last } = play(courseStart("u-1", "c-1", started), courseDone("u-1", "c-1", hoursAfter(started, speed.withinHours! + 1)));
    expect(unlocked(last)).toEqual(["courses-1"]);
  });

  it("a start that arrives after the completion still counts, at the start", () => {
    const { outcomes } = play(courseDone("u-1", "c-1", hoursAfter(started, 2)), courseStart("u-1", "c-1", started));
    expect(unlocked(outcomes[0]!)).toEqual(["courses-1"]);
    expect(unlocked(outcomes[1]!)).toEqual(["speed-course"]);
    expect(outcomes[1]!.pointsAwarded).toBe(speed.points);
  });
});
