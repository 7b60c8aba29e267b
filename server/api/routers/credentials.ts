import { createTRPCRouter, publicProcedure } from "@/server/api/trpc";
import { credentialCheckSchema } from "@/server/schemas/credential-views";
import { credentialIdInput, pastedCredentialInput } from "@/server/schemas/credentials";
import { checkIssuedCredential, checkPastedCredential } from "@/server/services/credentials/check";

// The public verification page (app/credentials/[id]): anyone may check a credential, no sign-in.
export const credentialsRouter = createTRPCRouter({
  /** A credential issued here, by id; null when unknown. */
  check: publicProcedure
    .input(credentialIdInput)
    .output(credentialCheckSchema.nullable())
    .query(({ ctx, input }) => checkIssuedCredential(ctx.db, input.id)),

  /** A pasted or uploaded copy, checked against this issuer's keys and status list. */
  checkPasted: publicProcedure
    .input(pastedCredentialInput)
    .output(credentialCheckSchema)
    .mutation(({ ctx, input }) => checkPastedCredential(ctx.db, input.json)),
});
