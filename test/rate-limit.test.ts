import crypto from "node:crypto";
import { expect, it } from "vitest";
import { createRateLimiter, type RateLimiter } from "@/server/api/rate-limit";
import { setUpTestDatabase } from "@/test/database";

// The per-key rate limit as several instances see it: each instance has its own limiter, and they share the
// count through the database (or Redis). Keys are random, so runs sharing the machine's Redis never meet.

const database = await setUpTestDatabase();
const db = database.prisma;
const randomKey = () => crypto.randomInt(1_000_000, 2_000_000_000);

async function takeRoundRobin(limiters: RateLimiter[], key: number, times: number): Promise<(number | null)[]> {
  const answers: (number | null)[] = [];
  for (let i = 0; i < times; i++) answers.push(await limiters[i % limiters.length]!.take(db, key));
  return answers;
}

async function startWellInsideAMinute() {
  const [row] = await database.query<{ second: number }>(`SELECT extract(second FROM now())::int AS second`);
  if (row!.second > 50) await new Promise((r) => setTimeout(r, (61 - row!.second) * 1000));
}

it("counts one limit across three instances in the database, each key on its own", async () => {
  await startWellInsideAMinute();
  const instances = [1, 2, 3].map(() => createRateLimiter(5));
  const key = randomKey();
  const answers = await takeRoundRobin(instances, key, 8);
  expect(answers.slice(0, 5)).toEqual([null, null, null, null, null]);
  expect(answers.slice(5).every((wait) => wait !== null && wait >= 1 && wait <= 60)).toBe(true);
  expect(await instances[0]!.take(db, randomKey())).toBeNull();
});

it("counts requests sent at once exactly", async () => {
  await startWellInsideAMinute();
  const instances = [1, 2, 3].map(() => createRateLimiter(10));
  const key = randomKey();
  const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => instances[i % 3]!.take(db, key)));
  expect(answers.filter((a) => a === null)).toHaveLength(10);
});

it("counts in Redis when REDIS_URL is set, one limit across instances", async () => {
  await startWellInsideAMinute();
  const instances = [1, 2].map(() => createRateLimiter(4, { redisUrl: "redis://127.0.0.1:6379" }));
  const key = randomKey();
  const answers = await takeRoundRobin(instances, key, 6);
  expect(answers.map((a) => a === null)).toEqual([true, true, true, true, false, false]);
  // Nothing was counted in the database.
  expect(await database.query(`SELECT 1 FROM api_rate_window WHERE api_key_id = $1`, [key])).toEqual([]);
});

it("keeps limiting, in the database, while Redis is unreachable", async () => {
  await startWellInsideAMinute();
  // Nothing listens on port 1: every Redis command fails at once.
  const instances = [1, 2].map(() => createRateLimiter(3, { redisUrl: "redis://127.0.0.1:1" }));
  const key = randomKey();
  const answers = await takeRoundRobin(instances, key, 5);
  expect(answers.map((a) => a === null)).toEqual([true, true, true, false, false]);
  expect(await database.query(`SELECT count FROM api_rate_window WHERE api_key_id = $1`, [key])).toEqual([{ count: 5 }]);
});
