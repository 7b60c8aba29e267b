import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/server/db";
import { webhookDelivery } from "@/server/jobs/functions/webhook-delivery";
import { recordEvent } from "@/server/services/events";
import { runJobWork } from "@/server/services/job-runs";
import { createWebhookEndpoint, deleteWebhookEndpoint, listWebhookEndpoints } from "@/server/services/webhooks";
import { openAppTestDatabase } from "@/test/app-database";
import { lesson } from "@/test/engine-fixtures";
import { startWebhookReceiver } from "@/test/webhook-receiver";

// The webhook-delivery Inngest function runs its steps for real (through @inngest/test) against the app's
// own database handle, pointed at a test database, sending to a receiver on loopback.
let app: Awaited<ReturnType<typeof openAppTestDatabase>>;
let db: Database;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

beforeAll(async () => {
  process.env.WEBHOOK_ALLOW_PRIVATE = "true";
  app = await openAppTestDatabase();
  db = app.db;
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await receiver.close();
  await app.close();
});
beforeEach(async () => {
  for (const e of await listWebhookEndpoints(db.prisma)) await deleteWebhookEndpoint(db.prisma, e.id);
  receiver.reset();
});

const today = () => new Date().toISOString().slice(0, 10);
const REQUESTED = "gamification/webhooks.delivery-requested";

async function subscribe() {
  const created = await createWebhookEndpoint(db.prisma, { url: receiver.url, eventTypes: ["points.awarded"] });
  receiver.useSecret(created.secret);
  return created;
}
const runsOfJob = () => db.prisma.jobRun.count({ where: { job: "webhook-delivery" } });

describe("webhook-delivery function", () => {
  it("sends the due deliveries, signed, and records the run", async () => {
    await subscribe();
    await recordEvent(db.prisma, lesson("job-wh", "l-1", `${today()}T00:00:01Z`));
    const before = await runsOfJob();
    const { result, error } = await new InngestTestEngine({ function: webhookDelivery, events: [{ name: REQUESTED, data: {} }] }).execute();
    expect(error).toBeUndefined();
    expect(result).toEqual({ attempted: 1, succeeded: 1, retrying: 0, failed: 0, disabled: 0 });
    expect(receiver.requests).toHaveLength(1);
    expect(receiver.requests[0]!.verified).toMatchObject({ type: "points.awarded", data: { userId: "job-wh", points: 10 } });
    expect(await runsOfJob()).toBe(before + 1);
    const run = await db.prisma.jobRun.findFirstOrThrow({ where: { job: "webhook-delivery" }, orderBy: { id: "desc" } });
    expect(run).toMatchObject({ status: "succeeded", trigger: REQUESTED, result: expect.objectContaining({ succeeded: 1 }) });
  });

  it("a cron tick with nothing due sends nothing and records no run", async () => {
    const before = await runsOfJob();
    const { result } = await new InngestTestEngine({
      function: webhookDelivery,
      events: [{ name: "inngest/scheduled.timer", data: {} }],
    }).execute();
    expect(result).toMatchObject({ attempted: 0 });
    expect(await runsOfJob()).toBe(before);
  });

  it("waits in the run for a retry due within the minute (5 s after a failure) and sends it", async () => {
    await subscribe();
    await recordEvent(db.prisma, lesson("job-wh-retry", "l-1", `${today()}T00:00:01Z`));
    receiver.reply({ status: 500 });
    const t = new InngestTestEngine({
      function: webhookDelivery,
      events: [{ name: "inngest/scheduled.timer", data: {} }],
      // The durable sleep, for real: wait until the retry is due.
      steps: [{ id: "wait-for-retry-1", handler: () => new Promise((resolve) => setTimeout(resolve, 5_200)) }],
    });
    const { result, ctx } = await t.execute();
    expect(ctx.step.sleepUntil).toHaveBeenCalledWith("wait-for-retry-1", expect.any(String));
    expect(result).toMatchObject({ attempted: 2, retrying: 1, succeeded: 1 });
    expect(receiver.requests.map((r) => r.headers["webhook-id"])).toEqual([
      receiver.requests[0]!.headers["webhook-id"],
      receiver.requests[0]!.headers["webhook-id"],
    ]);
    expect(receiver.processed.size).toBe(1);
  });

  it("is the job the dashboard and `jobs:run` start without Inngest", async () => {
    await subscribe();
    await recordEvent(db.prisma, lesson("job-wh-direct", "l-1", `${today()}T00:00:01Z`));
    expect(await runJobWork(db.prisma, "webhook-delivery")).toMatchObject({ attempted: 1, succeeded: 1 });
  });
});
