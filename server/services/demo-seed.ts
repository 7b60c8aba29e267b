import type { PrismaClient } from "@prisma/client";
import type { EventInput } from "@/server/schemas/events";
import { createAdmin } from "./admins";
import { recordEvents } from "./events";

// A believable organisation for `npm run demo`: learners with their own habits, a dozen courses, five weeks
// of history, all sent through the same ingestion path as the API (so every total, streak, badge and board
// is earned, not inserted). Deterministic: the same seed gives the same organisation.

export const DEMO_ADMIN = { email: "admin@demo.test", password: "demo-password" };
export const DEMO_LEARNER = "demo-ada";

const FIRST = [
  "Ada",
  "Alan",
  "Grace",
  "Linus",
  "Margaret",
  "Tim",
  "Barbara",
  "Dennis",
  "Frances",
  "Ken",
  "Radia",
  "Edsger",
  "Hedy",
  "John",
  "Katherine",
  "Donald",
  "Sophie",
  "Guido",
  "Anita",
  "Niklaus",
  "Mary",
  "Bjarne",
  "Joan",
  "Yukihiro",
  "Shafi",
];
const LAST = [
  "Lovelace",
  "Turing",
  "Hopper",
  "Torvalds",
  "Hamilton",
  "Berners-Lee",
  "Liskov",
  "Ritchie",
  "Allen",
  "Thompson",
  "Perlman",
  "Dijkstra",
  "Lamarr",
  "Backus",
  "Johnson",
  "Knuth",
  "Wilson",
  "van Rossum",
  "Borg",
  "Wirth",
  "Keller",
  "Stroustrup",
  "Clarke",
  "Matsumoto",
  "Goldwasser",
];
const ZONES = ["UTC", "Europe/Paris", "America/New_York", "Asia/Kolkata", "Europe/London", "America/Sao_Paulo", "Asia/Tokyo"];
const COURSES = [
  ["intro-python", "Introduction to Python", 8, "easy"],
  ["data-viz", "Data Visualisation", 6, "medium"],
  ["sql-basics", "SQL Basics", 7, "easy"],
  ["ml-101", "Machine Learning 101", 10, "hard"],
  ["web-a11y", "Web Accessibility", 5, "medium"],
  ["git-flow", "Git in Practice", 5, "easy"],
  ["statistics", "Practical Statistics", 9, "hard"],
  ["ux-writing", "UX Writing", 5, "easy"],
  ["cloud-ops", "Cloud Operations", 8, "medium"],
  ["security", "Secure Coding", 7, "hard"],
  ["pm-agile", "Agile Project Management", 6, "easy"],
  ["public-speaking", "Public Speaking", 5, "medium"],
] as const;

/** mulberry32: a small seeded generator, so the demo is the same on every machine. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function demoEvents(options: { learners: number; days: number; now: Date }): EventInput[] {
  const rand = random(42);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const events: EventInput[] = [];
  const dayMs = 86_400_000;
  const start = Math.floor(options.now.getTime() / dayMs) * dayMs - (options.days - 1) * dayMs;
  for (let i = 0; i < options.learners; i++) {
    const userId = i === 0 ? DEMO_LEARNER : `demo-${String(i).padStart(3, "0")}`;
    const displayName = i === 0 ? "Ada Lovelace" : `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}`;
    const timezone = i === 0 ? "Europe/Paris" : pick(ZONES);
    // Habits differ: a few learners show up nearly every day, most now and then.
    const diligence = i === 0 ? 0.9 : rand() < 0.15 ? 0.8 : 0.1 + rand() * 0.4;
    const enrolled = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => pick(COURSES));
    const progress = new Map<string, number>();
    let n = 0;
    const user = { displayName, timezone };
    for (let d = 0; d < options.days; d++) {
      if (rand() > diligence) continue;
      const hour = 7 + Math.floor(rand() * 13);
      let t = start + d * dayMs + hour * 3_600_000 + Math.floor(rand() * 3_600_000);
      if (t > options.now.getTime() - 60_000) continue;
      const at = () => new Date((t += 7 * 60_000 + Math.floor(rand() * 20 * 60_000))).toISOString();
      events.push({ id: `demo-${userId}-${n++}`, type: "user.login", userId, occurredAt: at(), ...(n === 1 ? { user } : {}) });
      const course = pick(enrolled);
      const [courseId, , lessons, difficulty] = course;
      const done = progress.get(courseId) ?? 0;
      if (done === 0) events.push({ id: `demo-${userId}-${n++}`, type: "course.started", userId, courseId, occurredAt: at() });
      const today = Math.min(lessons - done, 1 + Math.floor(rand() * 3));
      for (let l = 0; l < today; l++) {
        events.push({
          id: `demo-${userId}-${n++}`,
          type: "lesson.completed",
          userId,
          courseId,
          lessonId: `lesson-${done + l + 1}`,
          difficulty: l % 3 === 2 ? "medium" : difficulty === "hard" ? "medium" : "easy",
          occurredAt: at(),
        });
      }
      progress.set(courseId, done + today);
      if (done + today === lessons && today > 0) {
        events.push({
          id: `demo-${userId}-${n++}`,
          type: "course.completed",
          userId,
          courseId,
          difficulty,
          score: rand() < 0.3 ? 100 : 70 + Math.floor(rand() * 30),
          occurredAt: at(),
        });
      }
    }
  }
  return events.filter((e) => Date.parse(e.occurredAt) < options.now.getTime());
}

export async function seedDemo(
  db: PrismaClient,
  log: (line: string) => void,
  options: { learners?: number; days?: number; now?: Date } = {},
): Promise<{ adminEmail: string; adminPassword: string; learnerId: string }> {
  const existing = await db.adminUser.findUnique({ where: { email: DEMO_ADMIN.email }, select: { id: true } });
  if (!existing) await createAdmin(db, { ...DEMO_ADMIN, name: "Demo admin" });

  await db.course.createMany({ data: COURSES.map(([id, name]) => ({ id, name })), skipDuplicates: true });
  const events = demoEvents({ learners: options.learners ?? 120, days: options.days ?? 28, now: options.now ?? new Date() });
  const started = Date.now();
  const batch = 250;
  for (let i = 0; i < events.length; i += batch) {
    await recordEvents(db, events.slice(i, i + batch));
    const done = Math.min(i + batch, events.length);
    if (done === events.length || (i / batch) % 4 === 3) {
      log(`  ${done} / ${events.length} events recorded (${Math.round((Date.now() - started) / 1000)} s)`);
    }
  }
  const learners = await db.learner.count();
  log(`Demo organisation ready: ${learners} learners, ${COURSES.length} courses, ${events.length} events.`);
  return { adminEmail: DEMO_ADMIN.email, adminPassword: DEMO_ADMIN.password, learnerId: DEMO_LEARNER };
}
