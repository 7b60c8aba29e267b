import { z } from "zod";
import { lmsRoutes } from "@/server/api/procedure-builders";
import { createTRPCRouter } from "@/server/api/trpc";
import { batchInputSchema, eventInputSchema, eventOutcomeSchema } from "@/server/schemas/events";
import { recordEvents, recordValidEvent } from "@/server/services/events";

const batchErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  issues: z.array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() })).optional(),
});

const route = lmsRoutes("events");

export const eventsRouter = createTRPCRouter({
  record: route
    .post("/events", "Record a learning event", { successDescription: "201 for a new event, 200 with duplicate: true for a repeated id" })
    .input(eventInputSchema)
    .output(eventOutcomeSchema)
    .mutation(async ({ ctx, input }) => (await recordValidEvent(ctx.db, input)).outcome),

  recordBatch: route
    .post("/events/batch", "Record 1 to 500 events, each on its own")
    .input(batchInputSchema)
    .output(
      z.object({
        results: z.array(
          z.object({
            eventId: z.string().nullable(),
            status: z.enum(["created", "duplicate", "error"]),
            result: eventOutcomeSchema.optional(),
            error: batchErrorSchema.optional(),
          }),
        ),
      }),
    )
    .mutation(async ({ ctx, input }) => ({ results: await recordEvents(ctx.db, input.events) })),
});
