import { z } from "zod";
import { adminRead } from "@/server/api/procedure-builders";
import { adminProcedure, createTRPCRouter } from "@/server/api/trpc";
import { apiKeyRefInput, apiKeySummarySchema, createApiKeyInput, createdApiKeySchema } from "@/server/schemas/admin";
import { createApiKey, listApiKeys, revokeApiKey } from "@/server/services/api-keys";

export const adminApiKeysRouter = createTRPCRouter({
  list: adminRead.output(z.array(apiKeySummarySchema)).query(({ ctx }) => listApiKeys(ctx.db)),

  /** The plain key is in this answer only; it is never stored or shown again. */
  create: adminProcedure
    .input(createApiKeyInput)
    .output(createdApiKeySchema)
    .mutation(({ ctx, input }) => createApiKey(ctx.db, input.name, ctx.actor)),

  revoke: adminProcedure
    .input(apiKeyRefInput)
    .output(apiKeySummarySchema)
    .mutation(({ ctx, input }) => revokeApiKey(ctx.db, input.name, ctx.actor)),
});
