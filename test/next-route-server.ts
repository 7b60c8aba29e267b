import { AsyncLocalStorage } from "node:async_hooks";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { NextRequest } from "next/server";

type RouteHandler<Param extends string> = (
  request: NextRequest,
  context: { params: Promise<Record<Param, string[]>> },
) => Promise<Response> | Response;

// next/headers only works inside Next's own request scope, and next-auth's route handler reads the request's
// headers and cookies through it: here it reads the request being served.
const serving = new AsyncLocalStorage<NextRequest>();
const nodeRequire = createRequire(import.meta.url);
nodeRequire.cache[nodeRequire.resolve("next/headers")] = {
  exports: {
    headers: async () => serving.getStore()!.headers,
    cookies: async () => serving.getStore()!.cookies,
  },
} as unknown as NodeJS.Module;

/**
 * A Next.js catch-all route (`<base>/[...param]/route.ts`) served over real HTTP on loopback, called as Next
 * calls it: a NextRequest, the params, and the socket's address as `x-forwarded-for` when the request sent none.
 */
export async function startNextRouteServer<Param extends string>(
  base: string,
  param: Param,
  handlers: Partial<Record<"GET" | "POST", RouteHandler<Param>>>,
) {
  const server = http.createServer(async (req, res) => {
    const handler = handlers[req.method as "GET" | "POST"];
    const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
    if (!handler || !url.pathname.startsWith(`${base}/`)) return void res.writeHead(404).end();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
    if (!headers.has("x-forwarded-for")) headers.set("x-forwarded-for", req.socket.remoteAddress ?? "");
    const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
    const request = new NextRequest(url, { method: req.method, headers, body });
    const params = Promise.resolve({ [param]: url.pathname.slice(base.length + 1).split("/") } as Record<Param, string[]>);
    const response = await serving.run(request, () => handler(request, { params }));
    res.statusCode = response.status;
    response.headers.forEach((value, name) => name !== "set-cookie" && res.setHeader(name, value));
    res.setHeader("set-cookie", response.headers.getSetCookie());
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
