import http from "node:http";
import type { AddressInfo } from "node:net";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { afterAll, beforeAll, expect, it } from "vitest";
import { appRouter } from "@/server/api/root";
import { createInnerContext } from "@/server/api/trpc";
import { authenticateApiKey } from "@/server/auth";
import { createApiKey } from "@/server/services/api-keys";
import { createGamifyClient, sendDay } from "@/examples/lms-client";
import { createTestDatabase } from "@/test/database";

// The example LMS client end to end: real tRPC over real HTTP to the app router on a real database.
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let server: http.Server;
let baseUrl: string;

beforeAll(async () => {
  db = await createTestDatabase();
  server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const request = new Request(`http://127.0.0.1${req.url}`, {
      method: req.method,
      headers: req.headers as Record<string, string>,
      body: req.method === "GET" ? undefined : Buffer.concat(chunks),
    });
    const response = await fetchRequestHandler({
      endpoint: "/api/trpc",
      req: request,
      router: appRouter,
      createContext: async () =>
        createInnerContext({ db: db.prisma, databaseKind: db.kind, apiKey: await authenticateApiKey(db.prisma, request.headers) }),
    });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await db.drop();
});

it("sends a realistic day through the typed client and reads the learner's stats", async () => {
  const { key } = await createApiKey(db.prisma, "example-lms", { adminId: null, actor: "test" });
  const client = createGamifyClient(baseUrl, key);
  const { outcomes, stats } = await sendDay(client, "example-ada", "2026-11-24");
  expect(outcomes.map((o) => o.pointsAwarded)).toEqual([0, 0, 10, 25, 50, 100 + 50 + 100 + 100]);
  expect(
    outcomes
      .at(-1)!
      .achievementsUnlocked.map((a) => a.key)
      .sort(),
  ).toEqual(["courses-1", "perfect-course", "speed-course"]);
  expect(stats).toMatchObject({ userId: "example-ada", displayName: "Ada Lovelace", lessonsCompleted: 3, coursesCompleted: 1 });
  expect(stats.points.allTime).toBe(435);
  // The same day again: every event is a duplicate, nothing changes.
  const again = await sendDay(client, "example-ada", "2026-11-24");
  expect(again.outcomes.every((o) => o.duplicate)).toBe(true);
  expect(again.stats.points.allTime).toBe(435);
});

it("refuses the typed client without a valid key", async () => {
  const client = createGamifyClient(baseUrl, "gk_not-a-key");
  await expect(client.users.stats.query({ userId: "example-ada" })).rejects.toMatchObject({ data: { code: "UNAUTHORIZED" } });
});
