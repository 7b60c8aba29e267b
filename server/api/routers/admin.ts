import { adminProcedure, createTRPCRouter } from "@/server/api/trpc";
import { whoamiOutput } from "@/server/schemas/admin";

export const adminRouter = createTRPCRouter({
  whoami: adminProcedure.output(whoamiOutput).query(({ ctx }) => ctx.admin),
});
