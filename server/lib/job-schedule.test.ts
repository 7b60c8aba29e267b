import { describe, expect, it } from "vitest";
import { latestSlotAtOrBefore, nextSlotAfter, SCHEDULED_JOB_IDS } from "./job-schedule";

const at = (iso: string) => new Date(iso);

describe("job schedules, read from the catalogue's crons (UTC)", () => {
  it("are the jobs with a cron: every job but the achievement backfill", () => {
    expect(SCHEDULED_JOB_IDS.join(" ")).toBe(
      "weekly-close monthly-close streak-check leaderboard-refresh webhook-delivery xapi-retention streak-at-risk",
    );
  });

  it("name a slot at the instant itself, and the one before until then", () => {
    expect(latestSlotAtOrBefore("weekly-close", at("2026-11-30T10:05:00.000Z"))).toEqual(at("2026-11-30T10:05:00Z"));
    expect(latestSlotAtOrBefore("weekly-close", at("2026-11-30T10:05:00.600Z"))).toEqual(at("2026-11-30T10:05:00Z"));
    expect(latestSlotAtOrBefore("weekly-close", at("2026-11-30T11:04:59.999Z"))).toEqual(at("2026-11-30T10:05:00Z"));
    expect(latestSlotAtOrBefore("weekly-close", at("2026-11-30T10:04:59.999Z"))).toEqual(at("2026-11-30T09:05:00Z"));
    expect(latestSlotAtOrBefore("streak-check", at("2026-11-30T00:14:59Z"))).toEqual(at("2026-11-29T00:15:00Z"));
    expect(latestSlotAtOrBefore("webhook-delivery", at("2026-11-30T10:05:30Z"))).toEqual(at("2026-11-30T10:05:00Z"));
  });

  it("give the next run after an instant, and none for a job run on demand", () => {
    expect(nextSlotAfter("weekly-close", at("2026-11-30T10:05:00Z"))).toEqual(at("2026-11-30T11:05:00Z"));
    expect(nextSlotAfter("monthly-close", at("2026-11-30T10:05:00Z"))).toEqual(at("2026-11-30T10:10:00Z"));
    expect(nextSlotAfter("leaderboard-refresh", at("2026-11-30T10:05:00Z"))).toEqual(at("2026-12-01T03:00:00Z"));
    expect(nextSlotAfter("achievement-backfill", at("2026-11-30T10:05:00Z"))).toBeNull();
  });
});
