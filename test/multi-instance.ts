// Several instances of the production server (the `next build` output, started as `npm start` does) on one
// PostgreSQL database, behind a round-robin balancer: for tests of what instances share. The database is a
// fresh, empty one on TEST_DATABASE_URL's server, so the instances, starting together, migrate it themselves.
// The build is NEXT_DIST_DIR's (default .next), made first if missing.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { Client } from "pg";
import { buildIfNeeded, freePort, startServer, type Server } from "@/bench/server";

export interface Instances {
  /** Each instance's own address. */
  urls: string[];
  /** The balancer's address: request i goes to instance i mod count. */
  url: string;
  /** Requests the balancer has passed to each instance. */
  hits: number[];
  databaseUrl: string;
  close(): Promise<void>;
}

export async function startInstances(options: { count?: number; env?: Record<string, string> } = {}): Promise<Instances> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error("startInstances needs TEST_DATABASE_URL (a PostgreSQL server)");
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  await buildIfNeeded(false, () => undefined, distDir);

  const name = `gamify_multi_${process.pid}_${Date.now()}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const databaseUrl = Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();

  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "gamify-multi-"));
  const servers: Server[] = [];
  const close = async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    fs.rmSync(workDir, { recursive: true, force: true });
  };
  try {
    const ports: number[] = [];
    for (let i = 0; i < (options.count ?? 3); i++) ports.push(await freePort(0));
    servers.push(
      ...(await Promise.all(
        ports.map((port, i) =>
          startServer({
            port,
            databaseUrl,
            logFile: path.join(workDir, `instance-${i}.log`),
            log: () => undefined,
            env: { NEXT_DIST_DIR: distDir, WEB_CONCURRENCY: "1", LOG_LEVEL: "warn", ...options.env },
          }),
        ),
      )),
    );
  } catch (err) {
    await close();
    throw err;
  }
  const balancer = await startBalancer(servers.map((s) => s.url));
  return {
    urls: servers.map((s) => s.url),
    url: balancer.url,
    hits: balancer.hits,
    databaseUrl,
    close: async () => {
      await balancer.close();
      await close();
    },
  };
}

/** A round-robin HTTP balancer on loopback in front of `targets`. */
async function startBalancer(targets: string[]) {
  const agent = new http.Agent({ keepAlive: true });
  const hits = targets.map(() => 0);
  let next = 0;
  const server = http.createServer((req, res) => {
    const i = next++ % targets.length;
    hits[i]! += 1;
    const target = new URL(targets[i]!);
    const upstream = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers, agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => (res.headersSent ? res.destroy() : res.writeHead(502).end()));
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    close: () => {
      agent.destroy();
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
