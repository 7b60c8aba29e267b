import type { PrismaClient } from "@prisma/client";
import { expect } from "vitest";
import type { EventInput } from "@/server/schemas/events";
import { recordEvents } from "@/server/services/events";

let counter = 0;

/** A valid event with sensible defaults; override any field. */
export function event(overrides: Partial<EventInput> & Pick<EventInput, "type" | "userId">): EventInput {
  counter += 1;
  const base: EventInput = {
    id: `evt-${process.pid}-${counter}-${Math.random().toString(36).slice(2, 8)}`,
    occurredAt: "2026-11-25T10:00:00Z",
    ...overrides,
  } as EventInput;
  if ((base.type === "lesson.completed" || base.type === "course.completed" || base.type === "course.started") && !base.courseId) {
    base.courseId = "c-1";
  }
  if (base.type === "lesson.completed" && !base.lessonId) base.lessonId = `l-${counter}`;
  return base;
}

export const lesson = (userId: string, lessonId: string, occurredAt: string, extra: Partial<EventInput> = {}) =>
  event({ type: "lesson.completed", userId, lessonId, occurredAt, ...extra });
export const login = (userId: string, occurredAt: string, extra: Partial<EventInput> = {}) =>
  event({ type: "user.login", userId, occurredAt, ...extra });
export const courseDone = (userId: string, courseId: string, occurredAt: string, extra: Partial<EventInput> = {}) =>
  event({ type: "course.completed", userId, courseId, occurredAt, ...extra });
export const courseStart = (userId: string, courseId: string, occurredAt: string, extra: Partial<EventInput> = {}) =>
  event({ type: "course.started", userId, courseId, occurredAt, ...extra });

/** Records events in order and fails the test if any of them was refused. */
export async function recordAll(db: PrismaClient, events: EventInput[]): Promise<void> {
  const results = await recordEvents(db, events);
  for (const r of results) expect(r.status, JSON.stringify(r.error)).toBe("created");
}

/** The default point rules of DOMAIN.md ("Points"), as an install starts with them. */
export const DOMAIN_DEFAULT_RULES = {
  lessonEasy: 10,
  lessonMedium: 25,
  lessonHard: 50,
  courseEasy: 100,
  courseMedium: 250,
  courseHard: 500,
  streakDayPoints: 5,
  loginPoints: 0,
} as const;
