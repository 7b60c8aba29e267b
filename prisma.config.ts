// Prisma CLI config. The CLI's native schema engine would be downloaded, which cannot happen here,
// so the CLI runs its WebAssembly engine through a driver adapter on an embedded PGlite.
// This is only for authoring migrations (`npx prisma migrate dev`); the app applies them with its own
// migrator (server/migrate.ts) to PGlite and PostgreSQL alike.
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { defineConfig } from "prisma/config";

process.env.DATABASE_URL ??= "postgresql://placeholder@localhost/placeholder";

const opened: PGlite[] = [];

// The adapter sends multi-statement scripts through a prepared statement (P3006) and leaves PGlite
// open so the CLI never exits: run parameterless SQL through exec() and close every PGlite on exit.
function patchedAdapter(pglite: PGlite): SqlMigrationAwareDriverAdapterFactory {
  opened.push(pglite);
  const factory = new PrismaPGlite(pglite);
  const patch = async <T extends object>(adapterPromise: Promise<T>, client: PGlite) => {
    const adapter = (await adapterPromise) as T & {
      executeScript(script: string): Promise<void>;
      executeRaw(q: { sql: string; args: unknown[] }): Promise<number>;
    };
    const executeRaw = adapter.executeRaw.bind(adapter);
    adapter.executeScript = async (script) => {
      await client.exec(script);
    };
    adapter.executeRaw = async (q) => {
      if (q.args.length === 0) {
        const results = await client.exec(q.sql);
        return results.reduce((n, r) => n + (r.affectedRows ?? 0), 0);
      }
      return executeRaw(q);
    };
    return adapter;
  };
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: () => patch(factory.connect(), pglite),
    connectToShadowDb: () => {
      const shadow = new PGlite();
      opened.push(shadow);
      return patch(new PrismaPGlite(shadow).connect(), shadow);
    },
  } as SqlMigrationAwareDriverAdapterFactory;
}

process.once("beforeExit", () => {
  void Promise.all(opened.map((db) => db.close()));
});

export default defineConfig({
  schema: "prisma/schema.prisma",
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => patchedAdapter(new PGlite(process.env.PRISMA_AUTHOR_DIR ?? ".data/prisma-author")),
});
