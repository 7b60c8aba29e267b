import { z } from "zod";
import { adminProcedure, createTRPCRouter } from "@/server/api/trpc";
import { adminRead } from "@/server/api/procedure-builders";
import { issuerKeySchema, issuerOverviewSchema, issuerSettingsSchema, learnerCredentialSchema } from "@/server/schemas/credential-views";
import { issuerSettingsInput, revokeCredentialInput } from "@/server/schemas/credentials";
import { userRefInput } from "@/server/schemas/learners";
import { getIssuerOverview, rotateIssuerKey, saveIssuer } from "@/server/services/credentials/admin";
import { listCredentialsOf } from "@/server/services/credentials/lookup";
import { revokeCredential } from "@/server/services/credentials/revoke";

// The "Open Badges" dashboard page (issuer profile, keys) and the learner page's credentials card.
export const adminCredentialsRouter = createTRPCRouter({
  issuer: adminRead.output(issuerOverviewSchema).query(({ ctx }) => getIssuerOverview(ctx.db)),

  saveIssuer: adminProcedure
    .input(issuerSettingsInput)
    .output(issuerSettingsSchema)
    .mutation(({ ctx, input }) => saveIssuer(ctx.db, input, ctx.actor)),

  rotateKey: adminProcedure
    .input(z.void())
    .output(issuerKeySchema)
    .mutation(({ ctx }) => rotateIssuerKey(ctx.db, ctx.actor)),

  ofLearner: adminProcedure
    .input(userRefInput)
    .output(z.array(learnerCredentialSchema))
    .query(({ ctx, input }) => listCredentialsOf(ctx.db, input.userId)),

  revoke: adminProcedure
    .input(revokeCredentialInput)
    .output(z.object({ id: z.string(), revokedAt: z.date().nullable(), reason: z.string().nullable() }))
    .mutation(({ ctx, input }) => revokeCredential(ctx.db, input.id, input.reason, ctx.actor)),
});
