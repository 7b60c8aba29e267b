// The events the load client sends. Each is a pure function of (run, stream, k), so the duplicate
// scenario can send exactly the same event again (a repeated id with the same payload is a duplicate;
// with any other payload it would be a 409).

export interface EventStream {
  /** A tag unique to this run, so ids never collide with the loaded data or an earlier run. */
  run: string;
  /** A short name for the scenario the ids belong to. */
  stream: string;
  /** Learners b-0000001 .. b-<learners> exist in the data set. */
  learners: number;
  courses: number;
  /** Events happen up to an hour before this instant (ISO). */
  base: string;
  /** "heaviest": every event a new lesson with a difficulty, for an existing learner (every board row and histogram moves). */
  mix?: "realistic" | "heaviest";
}

// A small integer hash (lowbias32): cheap, well mixed, deterministic.
function mix(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");
export const learnerId = (n: number) => `b-${pad(n, 7)}`;
export const courseId = (n: number) => `c-${pad(n, 3)}`;
const DIFFICULTIES = ["easy", "medium", "hard"] as const;

/**
 * The k-th event of a stream: lessons (60 %), course completions (12 %), starts (5 %) and logins (23 %),
 * for existing learners at random (any depth of the boards) and, one time in ten, a new learner.
 */
export function eventFor(s: EventStream, k: number): Record<string, unknown> {
  const h = mix(k * 2654435761 + s.stream.charCodeAt(0));
  const h2 = mix(h ^ 0x9e3779b9);
  const userId = h % 10 === 0 && s.mix !== "heaviest" ? `bn-${s.run}-${s.stream}-${k}` : learnerId(1 + (h2 % s.learners));
  const course = courseId(1 + (mix(h2) % s.courses));
  const occurredAt = new Date(Date.parse(s.base) - (h2 % 3_600_000)).toISOString();
  const id = `bench-${s.run}-${s.stream}-${k}`;
  const kind = s.mix === "heaviest" ? 0 : (h >>> 8) % 100;
  if (kind < 60) {
    // Lessons 11-60 are beyond the loaded ones: most completions are new and earn points.
    const lesson = `l-${11 + ((h >>> 4) % 50)}`;
    return { id, type: "lesson.completed", userId, occurredAt, courseId: course, lessonId: lesson, difficulty: DIFFICULTIES[h2 % 3] };
  }
  if (kind < 72) {
    return {
      id,
      type: "course.completed",
      userId,
      occurredAt,
      courseId: course,
      difficulty: DIFFICULTIES[h2 % 3],
      score: (h >>> 12) % 4 === 0 ? 100 : 80,
    };
  }
  if (kind < 77) return { id, type: "course.started", userId, occurredAt, courseId: course };
  return { id, type: "user.login", userId, occurredAt };
}
