import type { Client } from "pg";
import type { Db } from "./types";

// What one instance changes that others remember: a change announces its topic with pg_notify in the
// transaction that makes it, so PostgreSQL delivers it to every listening instance when (and only if) it
// commits, within milliseconds. Each PostgreSQL database opened by the app keeps one connection LISTENing
// (listenForInvalidations); on PGlite (one process) the announcing process is the only one, and it forgets
// at once itself. A listener that lost its connection forgets everything when it is back, since it may have
// missed announcements meanwhile.

export type InvalidationTopic = "api_keys";
const TOPICS: InvalidationTopic[] = ["api_keys"];
const CHANNEL = "gamify_invalidate";
const RECONNECT_MS = 1_000;

// Global: the production server holds two copies of the app's modules, and both must hear.
const handlers = ((globalThis as unknown as Record<symbol, Map<InvalidationTopic, Set<() => void>>>)[
  Symbol.for("gamify.invalidationHandlers")
] ??= new Map());

/** Registers what to forget when `topic` is announced by any instance (this one included). */
export function onInvalidation(topic: InvalidationTopic, forget: () => void): void {
  if (!handlers.has(topic)) handlers.set(topic, new Set());
  handlers.get(topic)!.add(forget);
}

function dispatch(topic: string): void {
  for (const forget of handlers.get(topic as InvalidationTopic) ?? []) forget();
}

/** Announces `topic` to every instance; in a transaction, when it commits. This process forgets at once too. */
export async function announceInvalidation(db: Db, topic: InvalidationTopic): Promise<void> {
  await db.$executeRaw`SELECT pg_notify(${CHANNEL}, ${topic})`;
  dispatch(topic);
}

/** Keeps one connection to `url` listening for announcements until the returned stop is called. */
export async function listenForInvalidations(url: string): Promise<() => Promise<void>> {
  const { Client: PgClient } = await import("pg");
  let client: Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const next = new PgClient({ connectionString: url, connectionTimeoutMillis: 5000 });
    const lost = () => {
      if (client !== next) return;
      client = undefined;
      next.end().catch(() => undefined);
      if (!stopped) retry = setTimeout(() => void reconnect(), RECONNECT_MS).unref();
    };
    next.on("error", lost);
    next.on("end", lost);
    next.on("notification", (message) => dispatch(message.payload ?? ""));
    client = next;
    try {
      await next.connect();
      await next.query(`LISTEN ${CHANNEL}`);
    } catch (err) {
      lost();
      throw err;
    }
  };
  const reconnect = async () => {
    try {
      await connect();
      for (const topic of TOPICS) dispatch(topic);
    } catch {
      // `lost` has scheduled the next try.
    }
  };

  const stop = async () => {
    stopped = true;
    clearTimeout(retry);
    const last = client;
    client = undefined;
    await last?.end().catch(() => undefined);
  };
  await connect().catch(async (err: unknown) => {
    await stop();
    throw err;
  });
  return stop;
}
