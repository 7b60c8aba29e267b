// `npx tsx bench/metrics-cost.ts [-- --duration S --rounds R --url URL]`
//
// What the Prometheus metrics cost on the single-event ingestion rate: the LMS API (bench/api-process.ts, the
// production server's fast path) on a fresh PostgreSQL database, driven by the benchmark's load client
// (bench/load.ts, its own process: 16 connections of POST /events, new events each), in alternating rounds
// with metrics off (no METRICS_TOKEN: nothing counted) and on (counting, and scraped once a second as
// Prometheus would, more often than its usual 15 s). Each round starts a fresh server on the same database.
// Prints one line a round and the mean of each side; docs/performance.md holds the figures. First, what the
// counting itself costs per single-event request, in this process (a figure a loaded machine disturbs less).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { openDatabase } from "@/server/db";
import { applyMigrations } from "@/server/db/migrate";
import { countEvent, countRequest, enableMetrics, observeGroupCommit } from "@/server/observability/metrics";
import { createApiKey } from "@/server/services/api-keys";
import { createBenchDatabase, describeMachine } from "./harness";
import type { LoadResult } from "./load";
import { runLoad } from "./load-process";
import { freePort, sleep } from "./server";

const TOKEN = "bench-metrics-token-0123456789";
const log = (line: string) => console.log(`[metrics-cost] ${line}`);

async function startApi(databaseUrl: string, port: number, metricsOn: boolean): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join("bench", "api-process.ts")], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), METRICS_TOKEN: metricsOn ? TOKEN : "", LOG_LEVEL: "silent" },
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("ready") && resolve());
    child.on("exit", (code) => reject(new Error(`The API process exited (code ${code}).`)));
  });
  return child;
}

/** Microseconds of CPU the metrics add to one single-event request: its request, event and group-commit counts. */
function countingCostMicros(): number {
  enableMetrics();
  const once = (i: number) => {
    countRequest("POST", "/events", 201, 0.004 + (i % 7) / 1000);
    countEvent("lesson.completed", "created");
    observeGroupCommit(1 + (i % 5));
  };
  for (let i = 0; i < 50_000; i++) once(i); // warm-up
  const n = 500_000;
  const started = process.cpuUsage();
  for (let i = 0; i < n; i++) once(i);
  const used = process.cpuUsage(started);
  return (used.user + used.system) / n;
}

async function main() {
  const { values } = parseArgs({
    options: { duration: { type: "string", default: "10" }, rounds: { type: "string", default: "2" }, url: { type: "string" } },
  });
  const duration = Number(values.duration);
  const rounds = Number(values.rounds);
  const adminUrl = values.url ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const bench = await createBenchDatabase(adminUrl, "gamify_metrics_cost", new Date());
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "gamify-metrics-cost-"));
  const results: { side: "off" | "on"; result: LoadResult; counted: number | null }[] = [];
  try {
    const database = await openDatabase({ url: bench.url, poolSize: 2 });
    await applyMigrations(database);
    const { key } = await createApiKey(database.prisma, "metrics-cost");
    await database.close();
    const port = await freePort(3950);
    log(`${describeMachine().text}; ${bench.version.split(",")[0]}; ${duration} s a round, ${rounds} rounds a side`);
    log(`counting, per single-event request: ${countingCostMicros().toFixed(2)} µs of CPU`);
    for (let round = 0; round < rounds * 2; round++) {
      const side = round % 2 === 0 ? "off" : "on";
      const child = await startApi(bench.url, port, side === "on");
      const target = `http://127.0.0.1:${port}`;
      let scraping = side === "on";
      const scrapes = (async () => {
        while (scraping) {
          await fetch(`${target}/api/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } }).then((r) => r.text());
          await sleep(1000);
        }
      })();
      const stream = {
        run: `${Date.now().toString(36)}`,
        stream: `s${round}`,
        learners: 10_000,
        courses: 200,
        base: new Date().toISOString(),
      };
      const result = await runLoad({
        kind: "single",
        target,
        apiKey: key,
        connections: 16,
        duration,
        stream,
        ackedFile: path.join(workDir, `acked-${round}.json`),
      });
      scraping = false;
      await scrapes;
      let counted: number | null = null;
      if (side === "on") {
        const text = await (await fetch(`${target}/api/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
        counted = [...text.matchAll(/^gamify_events_total\{[^}]*outcome="created"[^}]*\} (\d+)$/gm)].reduce((n, m) => n + Number(m[1]), 0);
      }
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
      results.push({ side, result, counted });
      const rate = result.units / result.seconds;
      log(
        `round ${round + 1} metrics ${side}: ${Math.round(rate)} events/s, p50 ${result.latency.p50.toFixed(1)} ms, ` +
          `p99 ${result.latency.p99.toFixed(1)} ms, unexpected ${result.unexpected}${counted === null ? "" : `, counted ${counted} of ${result.units}`}`,
      );
    }
    const mean = (side: string) => {
      const of = results.filter((r) => r.side === side).map((r) => r.result.units / r.result.seconds);
      return of.reduce((a, b) => a + b, 0) / of.length;
    };
    const off = mean("off");
    const on = mean("on");
    log(`mean: off ${Math.round(off)} events/s, on ${Math.round(on)} events/s: ${(((on - off) / off) * 100).toFixed(1)} %`);
  } finally {
    await bench.drop();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
