import type { PrismaClient } from "@prisma/client";
import { driverOf, retryTransient, type Sql } from "@/server/db";
import { AppError } from "@/server/errors";
import { inSpan } from "@/server/observability/tracing";
import { loadConfig, type EngineConfig } from "@/server/services/rules";
import { enqueueWebhooks, ingestionWebhookMessages } from "@/server/services/webhooks/outbox";
import { applyEvent } from "./apply-event";
import { rememberCatalog, unknownCatalogEntries, writeCatalog } from "./catalog";
import { loadLearnerStates, withCatalogDifficulty, writeChanges } from "./learner-store";
import type { Applied, LearnerRow, Parsed, RecordResult, Stored } from "./types";

// Ingestion: a request's events (one, or a batch of up to 500) are validated, answered from the stored
// outcome when their id is known, and otherwise recorded in one transaction of a fixed handful of
// statements, whatever the number of events: claim the ids and lock the learners (in user id order, so
// concurrent requests never deadlock), read what the rules need about those learners, apply the events
// in request order in memory (apply-event.ts), and write every change in one statement. Concurrent
// requests for one learner queue on the learner's row lock, so nothing is lost or doubled.

/** A stored event as the answer to a repeated id: its first outcome, or a CONFLICT for another payload. */
function answerFromStored(p: Parsed, stored: Stored): RecordResult | AppError {
  if (stored.payload_hash !== p.hash || !stored.outcome) {
    return new AppError("CONFLICT", `Event id ${p.event.id} was already used for a different event.`);
  }
  // Outcomes stored before levels existed carry no levelUp.
  return { status: "duplicate", outcome: { ...stored.outcome, duplicate: true, levelUp: stored.outcome.levelUp ?? null } };
}

/** Whether an event is recorded or answered as a duplicate (not a conflict), as far as the stored answers tell. */
function isAccepted(p: Parsed, first: Parsed, stored: Map<string, RecordResult | AppError>): boolean {
  return p.hash === first.hash && !(stored.get(p.event.id) instanceof AppError);
}

const asRepeat = (first: RecordResult | AppError): RecordResult | AppError =>
  first instanceof AppError ? first : { status: "duplicate", outcome: { ...first.outcome, duplicate: true } };

/**
 * Results for validated events, in their order. A passing database fault (a connection lost mid-way, a
 * deadlock the detector broke by picking us, a database restarting) runs it all again, within the request's
 * budget (retryTransient). That never doubles anything: a rolled-back transaction left nothing, and one whose
 * COMMIT landed unseen claimed its ids, so the rerun answers them from what was stored.
 */
export function ingest(db: PrismaClient, events: Parsed[]): Promise<(RecordResult | AppError)[]> {
  return retryTransient(() => ingestOnce(db, events));
}

async function ingestOnce(db: PrismaClient, events: Parsed[]): Promise<(RecordResult | AppError)[]> {
  if (events.length === 0) return [];
  const database = driverOf(db);
  // The first occurrence of an id in the request is the event; later ones repeat it (or conflict with it).
  const firstOf = new Map<string, number>();
  events.forEach((p, i) => {
    if (!firstOf.has(p.event.id)) firstOf.set(p.event.id, i);
  });
  const firsts = [...firstOf.values()].map((i) => events[i]!);

  // Redeliveries are common (LMS retries): answer them without a transaction, with the rules' version.
  const known = await database.query<Stored & { config_version: number; id: string | null }>(
    `SELECT (SELECT config_version FROM org_settings WHERE id = 1) AS config_version, e.id, e.payload_hash, e.outcome
     FROM (SELECT 1) one LEFT JOIN event e ON e.id = ANY($1::text[])`,
    [firsts.map((p) => p.event.id)],
  );
  const answers = new Map<string, RecordResult | AppError>();
  for (const row of known) {
    if (row.id !== null) answers.set(row.id, answerFromStored(events[firstOf.get(row.id)!]!, row));
  }
  const fresh = firsts.filter((p) => !answers.has(p.event.id));
  // Titles are not part of an event's identity: a repeat brings its titles too (API.md Revision 2).
  const catalog = unknownCatalogEntries(
    database,
    events.filter((p) => isAccepted(p, events[firstOf.get(p.event.id)!]!, answers)).map((p) => p.event),
  );
  if (fresh.length === 0 && catalog) {
    await writeCatalog(database, catalog);
    rememberCatalog(database, catalog);
  }
  if (fresh.length > 0) {
    const config = await loadConfig(db, known[0]!.config_version);
    const recorded = await inSpan("ingest transaction", { "gamify.events": fresh.length }, () =>
      database.transaction(async (sql) => {
        await writeCatalog(sql, catalog);
        return recordFresh(sql, fresh, config);
      }),
    );
    rememberCatalog(database, catalog);
    for (const [id, answer] of recorded) answers.set(id, answer);
  }
  return events.map((p, i) => {
    const answer = answers.get(p.event.id)!;
    if (firstOf.get(p.event.id) === i) return answer;
    return p.hash === events[firstOf.get(p.event.id)!]!.hash
      ? asRepeat(answer)
      : new AppError("CONFLICT", `Event id ${p.event.id} was already used for a different event.`);
  });
}

/** Records events whose ids were not known a moment ago; answers by id. Runs inside a transaction. */
async function recordFresh(sql: Sql, fresh: Parsed[], config: EngineConfig): Promise<Map<string, RecordResult | AppError>> {
  // 1. Lock the learners (creating them on their first event) in user id order, and claim the ids: of
  //    twenty identical requests, exactly one claims the id; the others wait for it here, then find it.
  const learnerRows = await sql.query<LearnerRow>(
    `WITH input AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(ord int, id text, user_id text, type text, course_id text,
         lesson_id text, occurred_at timestamptz, payload_hash text, payload jsonb)
     ), l AS (
       INSERT INTO learner (user_id, updated_at) SELECT DISTINCT user_id, now() FROM input ORDER BY user_id
       ON CONFLICT (user_id) DO UPDATE SET updated_at = learner.updated_at
       RETURNING id, user_id, display_name, timezone, points, achievement_points, lessons_completed, courses_completed,
         perfect_courses, longest_streak, last_active_date::text, run_start_date::text, run_length, freezes_held, frozen_days, freeze_grants
     ), claim AS (
       INSERT INTO event (id, learner_id, type, course_id, lesson_id, occurred_at, payload_hash, payload)
       SELECT i.id, l.id, i.type, i.course_id, i.lesson_id, i.occurred_at, i.payload_hash, i.payload
       FROM input i JOIN l USING (user_id) ORDER BY i.ord
       ON CONFLICT (id) DO NOTHING
       RETURNING id, learner_id
     )
     SELECT l.*, COALESCE(c.claimed, '{}') AS claimed
     FROM l LEFT JOIN (SELECT learner_id, array_agg(id) AS claimed FROM claim GROUP BY learner_id) c ON c.learner_id = l.id`,
    [
      JSON.stringify(
        fresh.map(({ event: e, hash }, ord) => ({
          ord,
          id: e.id,
          user_id: e.userId,
          type: e.type,
          course_id: e.courseId ?? null,
          lesson_id: e.lessonId ?? null,
          occurred_at: new Date(e.occurredAt).toISOString(),
          payload_hash: hash,
          payload: e,
        })),
      ),
    ],
  );
  const claimed = new Set(learnerRows.flatMap((r) => r.claimed));
  const answers = new Map<string, RecordResult | AppError>();

  // Ids claimed meanwhile by a concurrent request, which has committed by now: answered from it.
  const raced = fresh.filter((p) => !claimed.has(p.event.id));
  if (raced.length > 0) {
    const stored = await sql.query<Stored & { id: string }>(`SELECT id, payload_hash, outcome FROM event WHERE id = ANY($1::text[])`, [
      raced.map((p) => p.event.id),
    ]);
    const byId = new Map(stored.map((s) => [s.id, s]));
    for (const p of raced) answers.set(p.event.id, answerFromStored(p, byId.get(p.event.id)!));
  }
  const recorded = fresh.filter((p) => claimed.has(p.event.id));
  if (recorded.length === 0) return answers;
  const events = recorded.map((p) => p.event);

  // 2. What the rules need to know about these learners, read under their locks (and the catalogue's difficulties).
  const { learners, catalogDifficulty } = await loadLearnerStates(
    sql,
    learnerRows.filter((r) => r.claimed.length > 0),
    events,
    config.pauses.flatMap((p) => (p.courseId === null ? [] : [p.courseId])),
  );

  // 3. The events, in request order.
  const applied: Applied[] = [];
  for (const { event, now } of recorded) {
    const learner = learners.get(event.userId)!;
    const effects = applyEvent(learner, withCatalogDifficulty(event, catalogDifficulty), config, now);
    applied.push({ event, learner, effects, now });
    answers.set(event.id, { status: "created", outcome: effects.outcome });
  }

  // 4. Every change, in one statement.
  await writeChanges(sql, [...learners.values()], applied, config);

  // The outbox: webhook deliveries commit with the change they announce (no query when nobody subscribes).
  const messages = applied.flatMap(({ event, effects, now }) =>
    ingestionWebhookMessages(config.webhookSubscriptions, {
      userId: event.userId,
      eventType: event.type,
      occurredAt: new Date(event.occurredAt),
      outcome: effects.outcome,
      streakBefore: effects.streakBefore,
      zone: effects.zone,
      now,
      levelUp: effects.levelUp,
    }),
  );
  await enqueueWebhooks(sql, config.webhookSubscriptions, messages, recorded[0]!.now);
  return answers;
}
