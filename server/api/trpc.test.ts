import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { createTestDatabase, usingPostgres } from "@/test/database";
import { AppError } from "@/server/errors";
import { createAdmin } from "@/server/services/admins";
import { createApiKey } from "@/server/services/api-keys";
import { appRouter } from "./root";
import { adminProcedure, apiKeyProcedure, createCallerFactory, createInnerContext, createTRPCRouter, publicProcedure } from "./trpc";

// A router that exercises the base procedures and the error mapping, beside the real one.
const probeRouter = createTRPCRouter({
  app: appRouter,
  notFound: publicProcedure.query(() => {
    throw new AppError("NOT_FOUND", "No learner is named u-1.");
  }),
  crash: publicProcedure.query(() => {
    throw new Error("connection to 10.0.0.5 refused: password=hunter2");
  }),
  echo: publicProcedure.input(z.object({ limit: z.number().int().max(100) })).query(({ input }) => input.limit),
  keyName: apiKeyProcedure.query(({ ctx }) => ctx.apiKey.name),
  adminEmail: adminProcedure.query(({ ctx }) => ctx.admin.email),
});
const createProbeCaller = createCallerFactory(probeRouter);

describe("tRPC base procedures", () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let adminId: number;
  let apiKey: { id: number; name: string };
  const kind = usingPostgres ? "postgres" : "pglite";

  beforeAll(async () => {
    db = await createTestDatabase();
    adminId = (await createAdmin(db.prisma, { email: "root@example.test", password: "long-enough" })).id;
    const created = await createApiKey(db.prisma, "lms");
    apiKey = { id: created.id, name: created.name };
  });
  afterAll(async () => db.drop());

  const caller = (parts: Partial<Parameters<typeof createInnerContext>[0]> = {}) =>
    createProbeCaller(createInnerContext({ db: db.prisma, databaseKind: kind, ...parts }));

  it("health.check answers with the database kind and the time", async () => {
    const health = await caller().app.health.check();
    expect(health).toMatchObject({ ok: true, database: kind });
    expect(Date.parse(health.time)).not.toBeNaN();
  });

  it("adminProcedure needs a session of an existing admin", async () => {
    await expect(caller().adminEmail()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    const session = { adminId, expires: new Date(Date.now() + 60_000).toISOString() };
    await expect(caller({ session }).adminEmail()).resolves.toBe("root@example.test");
    await expect(caller({ session }).app.admin.whoami()).resolves.toMatchObject({ id: adminId });
    const gone = { adminId: 999_999, expires: session.expires };
    await expect(caller({ session: gone }).adminEmail()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("apiKeyProcedure needs a verified key", async () => {
    await expect(caller().keyName()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(caller({ apiKey }).keyName()).resolves.toBe("lms");
  });

  it("maps AppError codes for server-side callers", async () => {
    const err = await caller()
      .notFound()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TRPCError);
    expect(err).toMatchObject({ code: "NOT_FOUND", message: "No learner is named u-1." });
  });

  describe("over HTTP", () => {
    const call = async (path: string, input?: unknown) => {
      const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
      const response = await fetchRequestHandler({
        endpoint: "/api/trpc",
        req: new Request(`http://test.local/api/trpc/${path}${query}`),
        router: probeRouter,
        createContext: () => createInnerContext({ db: db.prisma, databaseKind: kind }),
      });
      return { status: response.status, body: JSON.stringify(await response.json()) };
    };

    it("answers an AppError with its status and message", async () => {
      const { status, body } = await call("notFound");
      expect(status).toBe(404);
      expect(body).toContain("No learner is named u-1.");
      expect(body).toContain('"code":"NOT_FOUND"');
    });

    it("answers an unexpected error with a 500 that shows no internals", async () => {
      const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
      const { status, body } = await call("crash");
      quiet.mockRestore();
      expect(status).toBe(500);
      expect(body).toContain("Something went wrong on our side");
      expect(body).not.toMatch(/hunter2|10\.0\.0\.5|stack|\.ts:/);
    });

    it("answers bad input with a 400 listing the issues", async () => {
      const { status, body } = await call("echo", { limit: 1000 });
      expect(status).toBe(400);
      expect(JSON.parse(body).error.json.data.issues[0].path).toEqual(["limit"]);
      expect(JSON.parse(body).error.json.message).toMatch(/^Invalid input: limit: /);
    });

    it("refuses a signed-out admin call with 401", async () => {
      const { status } = await call("app.admin.whoami");
      expect(status).toBe(401);
    });
  });
});
