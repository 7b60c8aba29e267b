import { z } from "zod";
import { adminRead } from "@/server/api/procedure-builders";
import { adminProcedure, createTRPCRouter } from "@/server/api/trpc";
import { addPauseInput, grantFreezeInput, pauseRefInput, protectionSettingsInput } from "@/server/schemas/streak-protection";
import { addPause, getProtection, grantFreeze, removePause, updateProtectionSettings } from "@/server/services/streak-protection";

// The Streak protection page (pauses, freeze rules, the at-risk hour) and the learner page's "Grant a freeze".

export const adminStreaksRouter = createTRPCRouter({
  get: adminRead.query(({ ctx }) => getProtection(ctx.db)),

  addPause: adminProcedure
    .input(addPauseInput)
    .output(z.object({ id: z.number().int() }))
    .mutation(({ ctx, input }) => addPause(ctx.db, input, ctx.actor)),

  removePause: adminProcedure.input(pauseRefInput).mutation(({ ctx, input }) => removePause(ctx.db, input.id, ctx.actor)),

  saveSettings: adminProcedure
    .input(protectionSettingsInput)
    .output(protectionSettingsInput)
    .mutation(({ ctx, input }) => updateProtectionSettings(ctx.db, input, ctx.actor)),

  grantFreeze: adminProcedure
    .input(grantFreezeInput)
    .output(z.object({ day: z.string() }))
    .mutation(({ ctx, input }) => grantFreeze(ctx.db, input.userId, ctx.actor)),
});
