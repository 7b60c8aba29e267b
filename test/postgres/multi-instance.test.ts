import { afterAll, beforeAll, expect, it } from "vitest";
import { openDatabase, type Database } from "@/server/db";
import { createApiKey, revokeApiKey } from "@/server/services/api-keys";
import { lesson } from "@/test/engine-fixtures";
import { startInstances, type Instances } from "@/test/multi-instance";

// Three production servers on one PostgreSQL database behind a round-robin balancer, as behind a load
// balancer in production: what one instance knows, all know.

const LIMIT = 25;
let instances: Instances;
let database: Database;

beforeAll(async () => {
  // Started together on an empty database: they migrate it once between them.
  instances = await startInstances({ env: { RATE_LIMIT_PER_MINUTE: String(LIMIT) } });
  database = await openDatabase({ url: instances.databaseUrl, poolSize: 3 });
}, 300_000);
afterAll(async () => {
  await database?.close();
  await instances?.close();
}, 60_000);

const post = (base: string, key: string, body: unknown) =>
  fetch(`${base}/api/v1/events`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
const eventsOf = (userId: string) => database.prisma.event.count({ where: { learner: { userId } } });

it("migrated the database once though three instances started on it together", async () => {
  const rows = await database.query<{ migration_name: string; n: number }>(
    `SELECT migration_name, count(*)::int AS n FROM "_prisma_migrations" GROUP BY migration_name`,
  );
  expect(rows.length).toBeGreaterThan(10);
  expect(rows.filter((r) => r.n !== 1)).toEqual([]);
});

it("takes 20 copies of one event, spread over the three instances, as one event", async () => {
  const { key } = await createApiKey(database.prisma, "copies");
  const before = [...instances.hits];
  const e = lesson("multi-1", "l-1", "2026-11-25T10:00:00Z", { courseId: "c-1" });
  const answers = await Promise.all(Array.from({ length: 20 }, () => post(instances.url, key, e)));
  const bodies = await Promise.all(answers.map((a) => a.json() as Promise<{ duplicate: boolean; pointsAwarded: number }>));

  expect(instances.hits.map((h, i) => h - before[i]!).every((n) => n >= 6)).toBe(true);
  expect(answers.map((a) => a.status).sort((a, b) => a - b)).toEqual([...Array<number>(19).fill(200), 201]);
  expect(bodies.filter((b) => !b.duplicate)).toHaveLength(1);
  expect(await eventsOf("multi-1")).toBe(1);
  const learner = await database.prisma.learner.findUniqueOrThrow({ where: { userId: "multi-1" }, include: { ledger: true } });
  expect(learner.ledger.map((l) => l.points)).toEqual([bodies[0]!.pointsAwarded]);
});

it("holds one rate limit across the instances: the key's requests past the limit are refused, storing nothing", async () => {
  const { key } = await createApiKey(database.prisma, "limited");
  // The limit counts per minute of the database's clock: start well inside one.
  const [{ second }] = (await database.query<{ second: number }>(`SELECT extract(second FROM now())::int AS second`)) as [
    { second: number },
  ];
  if (second > 45) await new Promise((r) => setTimeout(r, (61 - second) * 1000));

  const statuses: number[] = [];
  for (let i = 0; i < 40; i++)
    statuses.push((await post(instances.url, key, lesson("multi-limited", `l-${i}`, "2026-11-25T10:00:00Z"))).status);

  expect(statuses.filter((s) => s === 201)).toHaveLength(LIMIT);
  expect(statuses.slice(LIMIT)).toEqual(Array<number>(40 - LIMIT).fill(429));
  expect(await eventsOf("multi-limited")).toBe(LIMIT);
});

it("refuses a revoked key on every instance within a second, each having remembered it as valid", async () => {
  const { key } = await createApiKey(database.prisma, "revoked");
  for (const [i, url] of instances.urls.entries())
    expect((await post(url, key, lesson(`multi-r${i}`, "l-0", "2026-11-25T10:00:00Z"))).status).toBe(201);

  // Revoked elsewhere (as from the dashboard of a fourth instance): each instance still remembers the key.
  await revokeApiKey(database.prisma, "revoked");
  const revokedAt = Date.now();
  const refusedAfter = await Promise.all(
    instances.urls.map(async (url, i) => {
      for (let n = 1; Date.now() - revokedAt < 1000; n++) {
        if ((await post(url, key, lesson(`multi-r${i}`, `l-${n}`, "2026-11-25T10:00:00Z"))).status === 401) return Date.now() - revokedAt;
        await new Promise((r) => setTimeout(r, 20));
      }
      return null;
    }),
  );
  expect(refusedAfter.every((ms) => ms !== null && ms < 1000)).toBe(true);

  // Refused, the event is not stored.
  for (const [i, url] of instances.urls.entries()) {
    const before = await eventsOf(`multi-r${i}`);
    expect((await post(url, key, lesson(`multi-r${i}`, "l-last", "2026-11-25T10:00:00Z"))).status).toBe(401);
    expect(await eventsOf(`multi-r${i}`)).toBe(before);
  }
});
