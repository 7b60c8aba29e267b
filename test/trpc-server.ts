import http from "node:http";
import type { AddressInfo } from "node:net";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import type { Session } from "next-auth";
import { afterAll } from "vitest";
import { appRouter } from "@/server/api/root";
import { createInnerContext } from "@/server/api/trpc";
import { authenticateApiKey } from "@/server/auth";
import type { Database } from "@/server/db";

/**
 * The tRPC endpoint (/api/trpc) over real HTTP on loopback, as app/api/trpc serves it: the API key and the
 * embed session come from each request's headers; `session` stands for a signed-in admin's next-auth session
 * (null: nobody signed in). Closed after the file's last test.
 */
export async function startTrpcServer(database: Database, options: { session?: Session | null } = {}) {
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
    const request = new Request(`http://127.0.0.1${req.url}`, {
      method: req.method,
      headers,
      body: req.method === "GET" || req.method === "HEAD" ? undefined : Buffer.concat(chunks),
    });
    const response = await fetchRequestHandler({
      endpoint: "/api/trpc",
      req: request,
      router: appRouter,
      createContext: async () =>
        createInnerContext({
          db: database.prisma,
          databaseKind: database.kind,
          apiKey: await authenticateApiKey(database.prisma, request.headers),
          session: options.session ?? null,
          headers: request.headers,
        }),
    });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/trpc`;
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url };
}
