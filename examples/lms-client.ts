// An LMS's day, sent through the typed tRPC client: run it against `npm run dev` with
//   GAMIFY_URL=http://localhost:3000 GAMIFY_API_KEY=gk_... npx tsx examples/lms-client.ts
// Every call is checked by TypeScript against the server's own router: a typo in a field fails to compile.
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "@/server/api/root";

export function createGamifyClient(baseUrl: string, apiKey: string) {
  return createTRPCClient<AppRouter>({
    links: [httpBatchLink({ url: `${baseUrl}/api/trpc`, transformer: superjson, headers: { authorization: `Bearer ${apiKey}` } })],
  });
}

/** A learner's realistic day: signs in, starts a course, completes three lessons and the course. */
export async function sendDay(client: ReturnType<typeof createGamifyClient>, userId: string, day: string) {
  const at = (hour: number) => `${day}T${String(hour).padStart(2, "0")}:00:00Z`;
  const user = { displayName: "Ada Lovelace", timezone: "Europe/Paris" };
  const outcomes = [];
  outcomes.push(await client.events.record.mutate({ id: `${userId}-${day}-login`, type: "user.login", userId, occurredAt: at(8), user }));
  outcomes.push(
    await client.events.record.mutate({
      id: `${userId}-${day}-start`,
      type: "course.started",
      userId,
      courseId: "intro-python",
      occurredAt: at(9),
    }),
  );
  for (const [i, difficulty] of (["easy", "medium", "hard"] as const).entries()) {
    outcomes.push(
      await client.events.record.mutate({
        id: `${userId}-${day}-lesson-${i + 1}`,
        type: "lesson.completed",
        userId,
        courseId: "intro-python",
        lessonId: `lesson-${i + 1}`,
        difficulty,
        occurredAt: at(10 + i),
      }),
    );
  }
  outcomes.push(
    await client.events.record.mutate({
      id: `${userId}-${day}-done`,
      type: "course.completed",
      userId,
      courseId: "intro-python",
      score: 100,
      occurredAt: at(14),
    }),
  );
  return { outcomes, stats: await client.users.stats.query({ userId }) };
}

async function main() {
  const baseUrl = process.env.GAMIFY_URL ?? "http://localhost:3000";
  const apiKey = process.env.GAMIFY_API_KEY;
  if (!apiKey) throw new Error("Set GAMIFY_API_KEY (create one with `npm run gamify -- apikey:create my-lms`).");
  const client = createGamifyClient(baseUrl, apiKey);
  const day = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const { outcomes, stats } = await sendDay(client, process.env.GAMIFY_USER ?? "example-learner", day);
  for (const o of outcomes) {
    console.log(
      `${o.eventId.padEnd(40)} +${o.pointsAwarded}${o.achievementsUnlocked.length ? `  unlocked ${o.achievementsUnlocked.map((a) => a.key).join(", ")}` : ""}${o.duplicate ? "  (duplicate)" : ""}`,
    );
  }
  console.log(JSON.stringify(stats, null, 2));
}

if (process.argv[1]?.endsWith("lms-client.ts")) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
