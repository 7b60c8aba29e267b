import { adminProcedure, createTRPCRouter } from "@/server/api/trpc";
import { auditInput, auditOutput } from "@/server/schemas/admin";
import { listAudit } from "@/server/services/audit";

export const adminAuditRouter = createTRPCRouter({
  list: adminProcedure
    .input(auditInput)
    .output(auditOutput)
    .query(({ ctx, input }) => listAudit(ctx.db, input)),
});
