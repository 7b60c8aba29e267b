// The benchmark's data set, bulk-loaded by SQL (never through the API): learners with about ten ledger
// rows each over the last year, and everything the engine keeps incrementally derived from those rows by
// set-based statements, so `gamify verify` finds no drift on it.
//
// Shape (org zone UTC, the shipped point rules and achievements):
// - every learner follows one course (popular courses first) and completes 2-7 of its lessons on
//   consecutive days somewhere in the year (streaks), one in the last ended month, one in the last ended
//   week, and a quarter of them one in the current week; 30 % complete the course in the last ended week
//   (a third of those with score 100);
// - so the last ended week and month each rank every learner: the close is measured at its worst case;
// - streak-day rows, achievements (lessons-10, courses-1, perfect-course, streak-7), lesson completions,
//   learner-course progress, active days, events, totals, boards and histograms all follow from that.
import { Client } from "pg";

export interface DatasetOptions {
  learners: number;
  courses: number;
  /** The instant the data set ends at; events are all before it. */
  now: Date;
  log: (line: string) => void;
}

export interface DatasetInfo {
  learners: number;
  courses: number;
  ledgerRows: number;
  events: number;
  boardRows: number;
  /** Monday of the last ended week and first day of the last ended month (UTC dates). */
  lastEndedWeek: string;
  lastEndedMonth: string;
  loadSeconds: number;
  steps: { name: string; seconds: number }[];
}

// The tables the load writes: their indexes and keys are dropped first and rebuilt after, from their own
// definitions (read from the catalog), which is several times faster than maintaining them row by row.
const LOADED = [
  "learner",
  "course",
  "lesson",
  "event",
  "ledger_entry",
  "active_day",
  "learner_course",
  "lesson_completion",
  "board_score",
  "board_histogram",
  "learner_achievement",
];

const day = (d: Date) => d.toISOString().slice(0, 10);
const addDaysUtc = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);

export function calendarOf(now: Date) {
  const today = new Date(`${day(now)}T00:00:00Z`);
  const currentWeek = addDaysUtc(today, -((today.getUTCDay() + 6) % 7));
  const lastEndedWeek = addDaysUtc(currentWeek, -7);
  const currentMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const lastEndedMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const monthDays = Math.round((currentMonth.getTime() - lastEndedMonth.getTime()) / 86_400_000);
  const yearStart = addDaysUtc(today, -365);
  // The consecutive-day session (up to 7 days) ends three weeks before the last ended week.
  const historyDays = Math.round((lastEndedWeek.getTime() - yearStart.getTime()) / 86_400_000) - 21;
  return { currentWeek, lastEndedWeek, lastEndedMonth, monthDays, yearStart, historyDays };
}

export async function loadDataset(url: string, options: DatasetOptions): Promise<DatasetInfo> {
  const { learners, courses, now, log } = options;
  const cal = calendarOf(now);
  const client = new Client({ connectionString: url });
  await client.connect();
  const steps: DatasetInfo["steps"] = [];
  const started = Date.now();
  const step = async (name: string, sql: string | string[], params?: unknown[]) => {
    const t = Date.now();
    for (const s of Array.isArray(sql) ? sql : [sql]) await client.query(s, params);
    const seconds = (Date.now() - t) / 1000;
    steps.push({ name, seconds });
    log(`  ${name.padEnd(44)} ${seconds.toFixed(1).padStart(6)} s   (${((Date.now() - started) / 1000).toFixed(0)} s so far)`);
  };
  const ts = (d: Date) => `'${d.toISOString()}'::timestamptz`;

  try {
    await client.query(`SET TIME ZONE 'UTC'`);
    await client.query(`SET synchronous_commit = off`);
    // One session on a throwaway database: big sorts and hashes stay in memory instead of spilling.
    await client.query(`SET work_mem = '1GB'`);
    await client.query(`SET maintenance_work_mem = '1GB'`);
    await client.query(`SET jit = off`);

    const [settings] = (
      await client.query<{ streak: number; zone: string }>(
        `SELECT streak_day_points AS streak, timezone AS zone FROM org_settings WHERE id = 1`,
      )
    ).rows;
    if (!settings || settings.zone !== "UTC") throw new Error("The benchmark expects a fresh database (organisation zone UTC).");

    const { definitions, dropSql } = await readKeysAndIndexes(client);
    await step("drop keys and indexes of the loaded tables", dropSql);

    await step(
      `plan ${learners.toLocaleString("en")} learners`,
      `
      CREATE UNLOGGED TABLE bench_plan AS
      SELECT g AS learner_id,
        2 + floor(random() * 6)::int AS n,
        1 + floor(${courses} * power(random(), 2))::int AS course,
        floor(random() * ${cal.historyDays})::int AS s,
        floor(random() * ${cal.monthDays})::int AS m_off,
        floor(random() * 7)::int AS w_off,
        interval '6 hours' + random() * interval '14 hours' AS m_tod,
        interval '6 hours' + random() * interval '14 hours' AS w_tod,
        random() < 0.25 AS current_week,
        random() < 0.30 AS completes,
        random() < 0.33 AS perfect
      FROM generate_series(1, ${learners}) g`,
    );

    // One row per learning event; seq numbers a learner's events (the event id is seed-<learner>-<seq>).
    await step(
      "activity (lessons and course completions)",
      `
      CREATE UNLOGGED TABLE bench_activity AS
      SELECT p.learner_id, a.seq, a.type, 'c-' || lpad(p.course::text, 3, '0') AS course_id, a.lesson_id,
        a.occurred_at, a.points, a.perfect
      FROM bench_plan p CROSS JOIN LATERAL (
        SELECT j AS seq, 'lesson.completed'::text AS type, 'l-' || lpad(j::text, 2, '0') AS lesson_id,
          CASE
            WHEN j <= p.n THEN ${ts(cal.yearStart)} + (p.s + j - 1) * interval '1 day' + interval '6 hours' + random() * interval '14 hours'
            WHEN j = p.n + 1 THEN ${ts(cal.lastEndedMonth)} + p.m_off * interval '1 day' + p.m_tod
            WHEN j = p.n + 2 THEN ${ts(cal.lastEndedWeek)} + p.w_off * interval '1 day' + p.w_tod
            ELSE ${ts(cal.currentWeek)} + random() * GREATEST(${ts(now)} - interval '1 minute' - ${ts(cal.currentWeek)}, interval '0')
          END AS occurred_at,
          (ARRAY[10, 25, 50])[1 + j % 3] AS points, false AS perfect
        FROM generate_series(1, p.n + 2 + p.current_week::int) j
        UNION ALL
        SELECT 20, 'course.completed', NULL,
          ${ts(cal.lastEndedWeek)} + p.w_off * interval '1 day' + p.w_tod + interval '30 minutes',
          (ARRAY[100, 250, 500])[1 + p.course % 3], p.perfect
        WHERE p.completes
      ) a`,
    );

    await step("courses and lessons", [
      `INSERT INTO course (id, name, created_at)
       SELECT 'c-' || lpad(c::text, 3, '0'), 'Course ' || c, ${ts(cal.yearStart)} FROM generate_series(1, ${courses}) c`,
      `INSERT INTO lesson (course_id, id, name, created_at)
       SELECT 'c-' || lpad(c::text, 3, '0'), 'l-' || lpad(l::text, 2, '0'), 'Lesson ' || l, ${ts(cal.yearStart)}
       FROM generate_series(1, ${courses}) c, generate_series(1, 10) l`,
    ]);

    // Active days with their first event and their position in the run of consecutive days they belong to
    // (a day whose position is > 1 continues a streak and earns the streak-day points). A run starts on a
    // day whose previous day is not active; both windows share one sort order, so there is one sort.
    await step("active days and runs", [
      `CREATE UNLOGGED TABLE bench_days AS
       SELECT learner_id, day, first_at, seq, (day - max(run_start) OVER w + 1)::int AS pos
       FROM (
         SELECT learner_id, day, first_at, seq,
           CASE WHEN lag(day) OVER w = day - 1 THEN NULL ELSE day END AS run_start
         FROM (
           SELECT DISTINCT ON (learner_id, day) learner_id, (occurred_at AT TIME ZONE 'UTC')::date AS day, occurred_at AS first_at, seq
           FROM bench_activity ORDER BY learner_id, day, occurred_at
         ) d
         WINDOW w AS (PARTITION BY learner_id ORDER BY day)
       ) r
       WINDOW w AS (PARTITION BY learner_id ORDER BY day)`,
      `INSERT INTO active_day (learner_id, day, first_occurred_at) SELECT learner_id, day, first_at FROM bench_days`,
    ]);

    // Earned at the event that made the criterion hold (DOMAIN.md), in the order the events happened.
    await step("achievements", [
      `CREATE UNLOGGED TABLE bench_earned AS
       SELECT learner_id, 'courses-1' AS key, occurred_at AS earned_at, seq FROM bench_activity WHERE type = 'course.completed'
       UNION ALL
       SELECT learner_id, 'perfect-course', occurred_at, seq FROM bench_activity WHERE type = 'course.completed' AND perfect
       UNION ALL
       SELECT learner_id, 'lessons-10', occurred_at, seq FROM (
         SELECT learner_id, occurred_at, seq, row_number() OVER (PARTITION BY learner_id ORDER BY occurred_at, seq) AS rn
         FROM bench_activity
         WHERE type = 'lesson.completed'
           AND learner_id IN (SELECT learner_id FROM bench_plan WHERE n + 2 + current_week::int >= 10)
       ) t WHERE rn = 10
       UNION ALL
       SELECT * FROM (
         SELECT DISTINCT ON (learner_id) learner_id, 'streak-7', first_at, seq FROM bench_days WHERE pos = 7 ORDER BY learner_id, day
       ) s`,
      `INSERT INTO learner_achievement (learner_id, achievement_id, earned_at, created_at, points, event_id)
       SELECT e.learner_id, a.id, e.earned_at, e.earned_at, a.points, 'seed-' || e.learner_id || '-' || e.seq
       FROM bench_earned e JOIN achievement a ON a.key = e.key`,
    ]);

    // The ledger (learner by learner: ids do not follow time here, which no reader relies on).
    await step(
      "ledger",
      `
      INSERT INTO ledger_entry (learner_id, points, reason, occurred_at, created_at, event_id, course_id, lesson_id, achievement_id, streak_day)
      SELECT learner_id, points, reason, occurred_at, occurred_at, event_id, course_id, lesson_id, achievement_id, streak_day FROM (
        SELECT learner_id, points, type AS reason, occurred_at, 'seed-' || learner_id || '-' || seq AS event_id,
          course_id, lesson_id, NULL::int AS achievement_id, NULL::date AS streak_day
        FROM bench_activity
        UNION ALL
        SELECT learner_id, ${settings.streak}, 'streak.day', first_at, 'seed-' || learner_id || '-' || seq, NULL, NULL, NULL, day
        FROM bench_days WHERE pos > 1
        UNION ALL
        SELECT e.learner_id, a.points, 'achievement', e.earned_at, 'seed-' || e.learner_id || '-' || e.seq, NULL, NULL, a.id, NULL
        FROM bench_earned e JOIN achievement a ON a.key = e.key
      ) r`,
    );

    await step(
      "events",
      `
      INSERT INTO event (id, learner_id, type, course_id, lesson_id, occurred_at, received_at, payload_hash, payload)
      SELECT 'seed-' || learner_id || '-' || seq, learner_id, type, course_id, lesson_id, occurred_at, occurred_at, 'bench-seed',
        jsonb_build_object('id', 'seed-' || learner_id || '-' || seq, 'type', type, 'userId', 'b-' || lpad(learner_id::text, 7, '0'),
          'occurredAt', occurred_at, 'courseId', course_id, 'lessonId', lesson_id)
      FROM bench_activity`,
    );

    await step("lesson completions and course progress", [
      `INSERT INTO lesson_completion (learner_id, course_id, lesson_id, event_id, occurred_at, points)
       SELECT learner_id, course_id, lesson_id, 'seed-' || learner_id || '-' || seq, occurred_at, points
       FROM bench_activity WHERE type = 'lesson.completed'`,
      `INSERT INTO learner_course (learner_id, course_id, first_activity_at, completed_at, perfect, lessons_completed)
       SELECT learner_id, min(course_id),
         min(occurred_at) FILTER (WHERE type = 'lesson.completed'),
         min(occurred_at) FILTER (WHERE type = 'course.completed'),
         bool_or(perfect),
         count(*) FILTER (WHERE type = 'lesson.completed')
       FROM bench_activity GROUP BY learner_id`,
    ]);

    // Totals are sums of the ledger; the streak summary is read from the runs.
    await step(
      "learners (totals from the ledger)",
      `
      INSERT INTO learner (id, user_id, display_name, points, achievement_points, lessons_completed, courses_completed,
        perfect_courses, longest_streak, last_active_date, run_start_date, created_at, updated_at)
      SELECT p.learner_id, 'b-' || lpad(p.learner_id::text, 7, '0'), 'Bench Learner ' || p.learner_id,
        s.total, s.ach, p.n + 2 + p.current_week::int, p.completes::int, (p.completes AND p.perfect)::int,
        r.longest, r.last_day, r.run_start, r.first_at, r.last_at
      FROM bench_plan p
      JOIN (
        SELECT learner_id, sum(points)::int AS total, COALESCE(sum(points) FILTER (WHERE reason = 'achievement'), 0)::int AS ach
        FROM ledger_entry GROUP BY learner_id
      ) s USING (learner_id)
      JOIN (
        SELECT DISTINCT ON (learner_id) learner_id, day AS last_day, day - pos + 1 AS run_start,
          max(pos) OVER w AS longest, min(first_at) OVER w AS first_at, max(first_at) OVER w AS last_at
        FROM bench_days WINDOW w AS (PARTITION BY learner_id)
        ORDER BY learner_id, day DESC
      ) r USING (learner_id)`,
    );

    // Boards from the ledger: global (every reason) and the course's (lesson and course completions),
    // all-time, the week (Monday) and the month of each row, in the organisation's zone (UTC).
    await step(
      "board scores (from the ledger)",
      `
      INSERT INTO board_score (period, period_start, course_id, learner_id, user_id, points)
      SELECT b.period, b.period_start, b.course_id, b.learner_id, 'b-' || lpad(b.learner_id::text, 7, '0'), sum(b.points)
      FROM (
        SELECT l.learner_id, l.points, s.course_id, p.period, p.period_start
        FROM (
          SELECT learner_id, sum(points)::int AS points, scope, week, month FROM (
            SELECT learner_id, points,
              CASE WHEN reason IN ('lesson.completed', 'course.completed') THEN course_id END AS scope,
              date_trunc('week', occurred_at AT TIME ZONE 'UTC')::date AS week,
              date_trunc('month', occurred_at AT TIME ZONE 'UTC')::date AS month
            FROM ledger_entry
          ) x GROUP BY learner_id, scope, week, month
        ) l
        CROSS JOIN LATERAL (VALUES (''), (l.scope)) s(course_id)
        CROSS JOIN LATERAL (VALUES ('all-time', DATE '1970-01-01'), ('weekly', l.week), ('monthly', l.month)) p(period, period_start)
        WHERE s.course_id IS NOT NULL
      ) b
      GROUP BY b.period, b.period_start, b.course_id, b.learner_id
      HAVING sum(b.points) <> 0`,
    );

    await step(
      "board histograms (from the board scores)",
      `
      INSERT INTO board_histogram (period, period_start, course_id, points, learners)
      SELECT period, period_start, course_id, points, count(*)::int FROM board_score WHERE points <> 0
      GROUP BY period, period_start, course_id, points`,
    );

    await step("sequences and scratch tables", [
      `SELECT setval(pg_get_serial_sequence('learner', 'id'), ${learners})`,
      `SELECT setval(pg_get_serial_sequence('ledger_entry', 'id'), (SELECT max(id) FROM ledger_entry))`,
      `DROP TABLE bench_plan, bench_activity, bench_days, bench_earned`,
    ]);

    for (const group of definitions) await step(group.name, group.sql);

    await step(
      "vacuum and analyze",
      LOADED.map((t) => `VACUUM (ANALYZE) "${t}"`),
    );

    const [counts] = (
      await client.query<{ ledger: string; events: string; boards: string }>(
        `SELECT (SELECT count(*) FROM ledger_entry) AS ledger, (SELECT count(*) FROM event) AS events,
              (SELECT count(*) FROM board_score) AS boards`,
      )
    ).rows;
    return {
      learners,
      courses,
      ledgerRows: Number(counts!.ledger),
      events: Number(counts!.events),
      boardRows: Number(counts!.boards),
      lastEndedWeek: day(cal.lastEndedWeek),
      lastEndedMonth: day(cal.lastEndedMonth),
      loadSeconds: (Date.now() - started) / 1000,
      steps,
    };
  } finally {
    await client.end().catch(() => undefined);
  }
}

interface Definition {
  table: string;
  name: string;
  def: string;
}

/**
 * The primary keys, indexes and foreign keys touching the loaded tables, as SQL that drops them now and
 * SQL that recreates them exactly after the load (the migrations' own definitions, read back).
 */
async function readKeysAndIndexes(client: Client) {
  const constraints = (
    await client.query<Definition & { contype: string }>(
      `SELECT c.conrelid::regclass::text AS table, c.conname AS name, pg_get_constraintdef(c.oid) AS def, c.contype
     FROM pg_constraint c
     WHERE c.contype IN ('p', 'u', 'f')
       AND (c.conrelid::regclass::text = ANY($1) OR (c.contype = 'f' AND c.confrelid::regclass::text = ANY($1)))`,
      [LOADED],
    )
  ).rows;
  const indexes = (
    await client.query<Definition>(
      `SELECT i.tablename AS table, i.indexname AS name, i.indexdef AS def
     FROM pg_indexes i
     WHERE i.schemaname = 'public' AND i.tablename = ANY($1)
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = (quote_ident(i.indexname))::regclass AND c.contype IN ('p', 'u'))`,
      [LOADED],
    )
  ).rows;
  const keys = constraints.filter((c) => c.contype !== "f");
  const foreign = constraints.filter((c) => c.contype === "f");
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const dropSql = [
    ...foreign.map((c) => `ALTER TABLE ${q(c.table)} DROP CONSTRAINT ${q(c.name)}`),
    ...keys.map((c) => `ALTER TABLE ${q(c.table)} DROP CONSTRAINT ${q(c.name)}`),
    ...indexes.map((i) => `DROP INDEX ${q(i.name)}`),
  ];
  const byTable = (defs: Definition[], make: (d: Definition) => string) =>
    LOADED.map((t) => defs.filter((d) => d.table === t).map(make)).flat();
  const definitions = [
    { name: "primary keys", sql: byTable(keys, (c) => `ALTER TABLE ${q(c.table)} ADD CONSTRAINT ${q(c.name)} ${c.def}`) },
    { name: "indexes", sql: byTable(indexes, (i) => i.def) },
    { name: "foreign keys (validated)", sql: foreign.map((c) => `ALTER TABLE ${q(c.table)} ADD CONSTRAINT ${q(c.name)} ${c.def}`) },
  ];
  return { definitions, dropSql };
}
