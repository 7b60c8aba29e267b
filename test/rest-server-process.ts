// The REST face as its own process on a PostgreSQL database, so a test can SIGKILL it mid-load.
// Usage: DATABASE_URL=... PORT=... tsx test/rest-server-process.ts
import http from "node:http";
import { createRestHandler } from "@/server/api/rest";
import { openDatabase } from "@/server/db";

async function main() {
  const database = await openDatabase({ url: process.env.DATABASE_URL!, poolSize: 10 });
  const handle = createRestHandler({ getDatabase: async () => database, rateLimitPerMinute: 0 });
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const response = await handle(
      new Request(`http://127.0.0.1${req.url}`, {
        method: req.method,
        headers: req.headers as Record<string, string>,
        body: req.method === "GET" ? undefined : Buffer.concat(chunks),
      }),
    );
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  server.listen(Number(process.env.PORT), "127.0.0.1", () => console.log("ready"));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
