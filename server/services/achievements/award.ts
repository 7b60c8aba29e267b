import type { Achievement } from "@prisma/client";
import { prismaSql, type Db, type Sql } from "@/server/db";
import { AppError } from "@/server/errors";
import { appendLedger, type LedgerRow } from "@/server/services/events/ledger";
import { levelUpOf } from "@/server/services/levels";
import type { EngineConfig } from "@/server/services/rules";
import { enqueueWebhooks, levelReachedMessage } from "@/server/services/webhooks/outbox";

/**
 * Records achievements as earned by a learner, at most once each (the primary key decides, so two
 * concurrent crossings award once). Returns the ones newly earned; the caller writes their ledger rows.
 */
export async function insertEarned(
  sql: Sql,
  learnerId: number,
  candidates: Achievement[],
  earnedAt: Date,
  eventId: string | null,
): Promise<Achievement[]> {
  if (candidates.length === 0) return [];
  const rows = JSON.stringify(candidates.map((a) => ({ achievement_id: a.id, points: a.points })));
  const inserted = await sql.query<{ achievement_id: number }>(
    `INSERT INTO learner_achievement (learner_id, achievement_id, earned_at, points, event_id)
     SELECT $1::int, x.achievement_id, $2::timestamptz, x.points, $3::text
     FROM jsonb_to_recordset($4::jsonb) AS x(achievement_id int, points int)
     ORDER BY x.achievement_id
     ON CONFLICT (learner_id, achievement_id) DO NOTHING
     RETURNING achievement_id`,
    [learnerId, earnedAt.toISOString(), eventId, rows],
  );
  const ids = new Set(inserted.map((r) => r.achievement_id));
  return candidates.filter((a) => ids.has(a.id));
}

export function achievementLedgerRows(earned: Achievement[], at: Date, eventId: string | null): LedgerRow[] {
  return earned.map((a) => ({ points: a.points, reason: "achievement", occurredAt: at, eventId, achievementId: a.id }));
}

/**
 * Awards achievements to one learner outside ingestion (backfill, period close): lock, record, ledger, totals.
 * With the rules given, an award that lifts the learner into a higher level sends level.reached too.
 */
export async function grantToLearner(
  db: Db,
  learnerId: number,
  achievements: Achievement[],
  at: Date,
  orgZone: string,
  config?: Pick<EngineConfig, "levels" | "webhookSubscriptions">,
): Promise<Achievement[]> {
  const [learner] = await db.$queryRaw<{ user_id: string }[]>`SELECT user_id FROM learner WHERE id = ${learnerId} FOR UPDATE`;
  if (!learner) throw new AppError("NOT_FOUND", "No such learner.");
  const earned = await insertEarned(prismaSql(db), learnerId, achievements, at, null);
  if (earned.length === 0) return earned;
  await appendLedger(prismaSql(db), { id: learnerId, userId: learner.user_id }, achievementLedgerRows(earned, at, null), orgZone);
  const sum = earned.reduce((n, a) => n + a.points, 0);
  const [after] = await db.$queryRaw<{ points: number }[]>`
    UPDATE learner SET points = points + ${sum}, achievement_points = achievement_points + ${sum}, updated_at = now()
    WHERE id = ${learnerId} RETURNING points`;
  const levelUp = config && levelUpOf(config.levels, after!.points - sum, after!.points);
  if (levelUp) {
    await enqueueWebhooks(prismaSql(db), config.webhookSubscriptions, [levelReachedMessage(learner.user_id, null, levelUp)], at);
  }
  return earned;
}
