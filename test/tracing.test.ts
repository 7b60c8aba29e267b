import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { inSpan, startTracing, tracingEnabled } from "@/server/observability/tracing";
import { recordRun } from "@/server/services/job-runs";
import { setUpRestServer } from "@/test/http-server";
import { lesson } from "@/test/engine-fixtures";

// Spans reach an OTLP/HTTP collector only once an endpoint is configured: a local receiver stands in for the
// collector and counts what it is sent. The first test runs before tracing starts (a process starts it once).

const { db, call } = await setUpRestServer("tracing-lms");

interface ExportedSpan {
  name: string;
  spanId: string;
  parentSpanId?: string;
  traceId: string;
}
const exports: { path: string; spans: ExportedSpan[] }[] = [];
const collector = http.createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
    resourceSpans: { scopeSpans: { spans: ExportedSpan[] }[] }[];
  };
  exports.push({ path: req.url ?? "", spans: body.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans)) });
  res.writeHead(200, { "content-type": "application/json" }).end("{}");
});
await new Promise<void>((resolve) => collector.listen(0, "127.0.0.1", resolve));
const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
afterAll(() => new Promise<void>((resolve) => collector.close(() => resolve())));

const quietJob = () => recordRun(db.prisma, "streak-check", "test", async () => ({ checked: 0 }));

describe("tracing", () => {
  it("makes no span and sends nothing while no OTLP endpoint is configured", async () => {
    expect(tracingEnabled()).toBe(false);
    expect((await call("POST", "/events", lesson("tr-1", "l-1", "2026-11-24T09:00:00Z", { id: "tr-off" }))).status).toBe(201);
    await quietJob();
    expect(await inSpan("probe", {}, async (span) => span)).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(exports).toHaveLength(0);
  });

  it("exports the request's span with the ingestion transaction inside it, and a span per job run", async () => {
    const tracing = await startTracing({ endpoint: `${endpoint}/` });
    try {
      expect(tracingEnabled()).toBe(true);
      expect((await call("POST", "/events", lesson("tr-1", "l-2", "2026-11-24T10:00:00Z", { id: "tr-on" }))).status).toBe(201);
      await quietJob();
      await tracing.flush();
      expect(exports.length).toBeGreaterThanOrEqual(1);
      expect(exports.every((e) => e.path === "/v1/traces")).toBe(true);
      const spans = exports.flatMap((e) => e.spans);
      const request = spans.find((s) => s.name === "POST /events");
      const transaction = spans.find((s) => s.name === "ingest transaction");
      expect(request).toBeDefined();
      expect(transaction).toMatchObject({ traceId: request!.traceId, parentSpanId: request!.spanId });
      expect(spans.filter((s) => s.name === "job streak-check")).toHaveLength(1);
    } finally {
      await tracing.shutdown();
    }
  });
});
