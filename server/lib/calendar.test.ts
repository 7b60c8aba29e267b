import { describe, expect, it } from "vitest";
import { addDays, dayInZone, daysBetween, isValidTimeZone, mondayOf, periodBounds, periodStartOf, startOfDayInZone } from "./calendar";

describe("calendar days in a zone", () => {
  it("uses the learner's zone, not UTC", () => {
    const instant = new Date("2026-11-25T23:30:00Z");
    expect(dayInZone(instant, "UTC")).toBe("2026-11-25");
    expect(dayInZone(instant, "Europe/Paris")).toBe("2026-11-26");
    expect(dayInZone(instant, "America/New_York")).toBe("2026-11-25");
  });

  it("handles half-hour and +14 zones", () => {
    expect(dayInZone(new Date("2026-11-25T18:29:59Z"), "Asia/Kolkata")).toBe("2026-11-25");
    expect(dayInZone(new Date("2026-11-25T18:30:00Z"), "Asia/Kolkata")).toBe("2026-11-26");
    expect(dayInZone(new Date("2026-11-25T09:59:59Z"), "Pacific/Kiritimati")).toBe("2026-11-25");
    expect(dayInZone(new Date("2026-11-25T10:00:00Z"), "Pacific/Kiritimati")).toBe("2026-11-26");
  });

  it("keeps DST days whole in New York (23-hour and 25-hour days)", () => {
    // Spring forward 2026-03-08, fall back 2026-11-01.
    expect(dayInZone(new Date("2026-03-08T04:59:00Z"), "America/New_York")).toBe("2026-03-07");
    expect(dayInZone(new Date("2026-03-08T05:00:00Z"), "America/New_York")).toBe("2026-03-08");
    expect(dayInZone(new Date("2026-03-09T03:59:00Z"), "America/New_York")).toBe("2026-03-08");
    expect(dayInZone(new Date("2026-03-09T04:00:00Z"), "America/New_York")).toBe("2026-03-09");
    expect(dayInZone(new Date("2026-11-02T04:59:00Z"), "America/New_York")).toBe("2026-11-01");
    expect(dayInZone(new Date("2026-11-02T05:00:00Z"), "America/New_York")).toBe("2026-11-02");
    expect(startOfDayInZone("2026-11-01", "America/New_York").toISOString()).toBe("2026-11-01T04:00:00.000Z");
    expect(startOfDayInZone("2026-11-02", "America/New_York").toISOString()).toBe("2026-11-02T05:00:00.000Z");
  });

  it("does day arithmetic across months, years and DST", () => {
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-08", -1)).toBe("2026-03-07");
    expect(daysBetween("2026-03-07", "2026-03-09")).toBe(2);
  });

  it("starts weeks on Monday and months on the 1st", () => {
    expect(mondayOf("2026-11-25")).toBe("2026-11-23");
    expect(mondayOf("2026-11-23")).toBe("2026-11-23");
    expect(mondayOf("2026-11-29")).toBe("2026-11-23");
    expect(periodStartOf("monthly", "2026-11-25")).toBe("2026-11-01");
    expect(periodStartOf("all-time", "2026-11-25")).toBe("1970-01-01");
    expect(periodBounds("weekly", "2026-11-23", "UTC")).toEqual({
      start: new Date("2026-11-23T00:00:00Z"),
      end: new Date("2026-11-30T00:00:00Z"),
    });
    expect(periodBounds("monthly", "2026-10-01", "Europe/Paris")).toEqual({
      start: new Date("2026-09-30T22:00:00Z"),
      end: new Date("2026-10-31T23:00:00Z"),
    });
  });

  it("validates IANA names", () => {
    expect(isValidTimeZone("Europe/Paris")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
    expect(isValidTimeZone("")).toBe(false);
  });
});
