// The REST face as its own process on a PostgreSQL database, so a test can SIGKILL it mid-load.
// Usage: DATABASE_URL=... PORT=... tsx test/rest-server-process.ts
import http from "node:http";
import { createApiHandler, serveApi } from "@/server/api/node-http";
import { openDatabase } from "@/server/db";

async function main() {
  const database = await openDatabase({ url: process.env.DATABASE_URL!, poolSize: 10 });
  const handle = createApiHandler({ getDatabase: async () => database, rateLimitPerMinute: 0 });
  const server = http.createServer((req, res) => void serveApi(handle, req, res));
  server.listen(Number(process.env.PORT), "127.0.0.1", () => console.log("ready"));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
