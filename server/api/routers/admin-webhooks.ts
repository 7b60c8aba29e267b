import { z } from "zod";
import { adminRead } from "@/server/api/procedure-builders";
import { adminProcedure, createTRPCRouter } from "@/server/api/trpc";
import { runJobNow } from "@/server/jobs/run-now";
import { runJobOutput } from "@/server/schemas/admin";
import {
  createdEndpointSchema,
  createEndpointInput,
  deliveriesInput,
  deliveriesOutput,
  deliveryRefInput,
  deliverySchema,
  endpointRefInput,
  endpointSchema,
  pendingSummarySchema,
  setEndpointEnabledInput,
} from "@/server/schemas/webhooks";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  deliverNow,
  enqueueTestDelivery,
  getWebhookEndpoint,
  listDeliveries,
  listWebhookEndpoints,
  pendingSummary,
  replayDelivery,
  setWebhookEndpointEnabled,
} from "@/server/services/webhooks";

export const adminWebhooksRouter = createTRPCRouter({
  /** Every endpoint, never its secret. */
  list: adminRead.output(z.array(endpointSchema)).query(({ ctx }) => listWebhookEndpoints(ctx.db)),

  get: adminProcedure
    .input(endpointRefInput)
    .output(endpointSchema)
    .query(({ ctx, input }) => getWebhookEndpoint(ctx.db, input.id)),

  /** The signing secret is in this answer only. */
  create: adminProcedure
    .input(createEndpointInput)
    .output(createdEndpointSchema)
    .mutation(({ ctx, input }) => createWebhookEndpoint(ctx.db, input, ctx.actor)),

  setEnabled: adminProcedure
    .input(setEndpointEnabledInput)
    .output(endpointSchema)
    .mutation(({ ctx, input }) => setWebhookEndpointEnabled(ctx.db, input.id, input.enabled, ctx.actor)),

  delete: adminProcedure
    .input(endpointRefInput)
    .output(z.object({ deleted: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await deleteWebhookEndpoint(ctx.db, input.id, ctx.actor);
      return { deleted: true as const };
    }),

  /** Queues a webhook.test message to the endpoint and sends it at once; answers how it went. */
  sendTest: adminProcedure
    .input(endpointRefInput)
    .output(deliverySchema)
    .mutation(async ({ ctx, input }) => deliverNow(ctx.db, await enqueueTestDelivery(ctx.db, input.id))),

  deliveries: adminProcedure
    .input(deliveriesInput)
    .output(deliveriesOutput)
    .query(({ ctx, input }) => listDeliveries(ctx.db, input)),

  /** Sends a delivery again with the same webhook-id and a fresh retry schedule. */
  replay: adminProcedure
    .input(deliveryRefInput)
    .output(deliverySchema)
    .mutation(({ ctx, input }) => replayDelivery(ctx.db, BigInt(input.id), ctx.actor)),

  pending: adminRead.output(pendingSummarySchema).query(({ ctx }) => pendingSummary(ctx.db)),

  /** Delivers what is due: through Inngest when configured, else here and now (the same code as the CLI). */
  runNow: adminProcedure
    .input(z.void())
    .output(runJobOutput)
    .mutation(({ ctx }) => runJobNow(ctx.db, "webhook-delivery")),
});
