import type { PrismaClient } from "@prisma/client";
import { dbFaultOf } from "@/server/db/faults";
import type { AppError } from "@/server/errors";
import { observeGroupCommit } from "@/server/observability/metrics";
import { ingest } from "./ingest";
import type { Parsed, RecordResult } from "./types";

// Group commit: single events that arrive while earlier ones are being recorded wait and are then recorded
// together, in one transaction (each with its own outcome; a repeated id inside a group is a duplicate of
// its first). A transaction's fixed costs (a handful of round trips, the commit's flush, the locks on the
// busiest score-histogram rows) are then paid once per group instead of once per event; an event arriving
// when nothing is in flight is recorded at once. A few groups run at a time, so the pool stays busy.
interface Waiting {
  parsed: Parsed;
  resolve: (result: RecordResult | AppError) => void;
  reject: (err: unknown) => void;
}
const CONCURRENT_GROUPS = 2;
const GROUP_MAX = 100;
const groups = new WeakMap<object, { waiting: Waiting[]; running: number }>();

export function inNextGroup(db: PrismaClient, parsed: Parsed): Promise<RecordResult | AppError> {
  let queue = groups.get(db);
  if (!queue) groups.set(db, (queue = { waiting: [], running: 0 }));
  const q = queue;
  return new Promise((resolve, reject) => {
    q.waiting.push({ parsed, resolve, reject });
    const next = () => {
      while (q.running < CONCURRENT_GROUPS && q.waiting.length > 0) {
        const group = q.waiting.splice(0, GROUP_MAX);
        q.running += 1;
        void recordGroup(db, group).finally(() => {
          q.running -= 1;
          next();
        });
      }
    };
    next();
  });
}

async function recordGroup(db: PrismaClient, group: Waiting[]): Promise<void> {
  observeGroupCommit(group.length);
  try {
    const results = await ingest(
      db,
      group.map((w) => w.parsed),
    );
    group.forEach((w, i) => w.resolve(results[i]!));
  } catch (err) {
    // A database fault that outlived the retries is no event's doing (and trying each alone would only wait
    // out the retry budget once per event): every event of the group gets it.
    if (group.length === 1 || dbFaultOf(err)) return group.forEach((w) => w.reject(err));
    // Whatever else failed the group must fail only the event that caused it: each again, alone.
    for (const w of group) {
      await ingest(db, [w.parsed]).then(([r]) => w.resolve(r!), w.reject);
    }
  }
}
