-- CreateTable
CREATE TABLE "org_settings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "lesson_easy" INTEGER NOT NULL DEFAULT 10,
    "lesson_medium" INTEGER NOT NULL DEFAULT 25,
    "lesson_hard" INTEGER NOT NULL DEFAULT 50,
    "course_easy" INTEGER NOT NULL DEFAULT 100,
    "course_medium" INTEGER NOT NULL DEFAULT 250,
    "course_hard" INTEGER NOT NULL DEFAULT 500,
    "streak_day_points" INTEGER NOT NULL DEFAULT 5,
    "login_points" INTEGER NOT NULL DEFAULT 0,
    "config_version" INTEGER NOT NULL DEFAULT 1,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "org_settings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "course_point_override" (
    "course_id" TEXT NOT NULL,
    "lesson_easy" INTEGER NOT NULL,
    "lesson_medium" INTEGER NOT NULL,
    "lesson_hard" INTEGER NOT NULL,
    "course_easy" INTEGER NOT NULL,
    "course_medium" INTEGER NOT NULL,
    "course_hard" INTEGER NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "course_point_override_pkey" PRIMARY KEY ("course_id")
);

-- CreateTable
CREATE TABLE "learner" (
    "id" SERIAL NOT NULL,
    "user_id" TEXT NOT NULL,
    "display_name" TEXT,
    "timezone" TEXT,
    "points" INTEGER NOT NULL DEFAULT 0,
    "achievement_points" INTEGER NOT NULL DEFAULT 0,
    "lessons_completed" INTEGER NOT NULL DEFAULT 0,
    "courses_completed" INTEGER NOT NULL DEFAULT 0,
    "perfect_courses" INTEGER NOT NULL DEFAULT 0,
    "longest_streak" INTEGER NOT NULL DEFAULT 0,
    "last_active_date" DATE,
    "run_start_date" DATE,
    "streak_broken_on" DATE,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "learner_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "course" (
    "id" TEXT NOT NULL,
    "name" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "course_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lesson" (
    "course_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "name" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "lesson_pkey" PRIMARY KEY ("course_id","id")
);

-- CreateTable
CREATE TABLE "event" (
    "id" TEXT NOT NULL,
    "learner_id" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "course_id" TEXT,
    "lesson_id" TEXT,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "payload_hash" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "outcome" JSONB,

    CONSTRAINT "event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ledger_entry" (
    "id" BIGSERIAL NOT NULL,
    "learner_id" INTEGER NOT NULL,
    "points" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "event_id" TEXT,
    "course_id" TEXT,
    "lesson_id" TEXT,
    "achievement_id" INTEGER,
    "streak_day" DATE,
    "admin_id" INTEGER,
    "note" TEXT,

    CONSTRAINT "ledger_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "active_day" (
    "learner_id" INTEGER NOT NULL,
    "day" DATE NOT NULL,
    "first_occurred_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "active_day_pkey" PRIMARY KEY ("learner_id","day")
);

-- CreateTable
CREATE TABLE "learner_course" (
    "learner_id" INTEGER NOT NULL,
    "course_id" TEXT NOT NULL,
    "first_activity_at" TIMESTAMPTZ(3),
    "completed_at" TIMESTAMPTZ(3),
    "perfect" BOOLEAN NOT NULL DEFAULT false,
    "lessons_completed" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "learner_course_pkey" PRIMARY KEY ("learner_id","course_id")
);

-- CreateTable
CREATE TABLE "lesson_completion" (
    "learner_id" INTEGER NOT NULL,
    "course_id" TEXT NOT NULL,
    "lesson_id" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "points" INTEGER NOT NULL,

    CONSTRAINT "lesson_completion_pkey" PRIMARY KEY ("learner_id","course_id","lesson_id")
);

-- CreateTable
CREATE TABLE "board_score" (
    "period" TEXT NOT NULL,
    "period_start" DATE NOT NULL,
    "course_id" TEXT NOT NULL,
    "learner_id" INTEGER NOT NULL,
    "user_id" TEXT NOT NULL,
    "points" INTEGER NOT NULL,

    CONSTRAINT "board_score_pkey" PRIMARY KEY ("period","period_start","course_id","learner_id")
);

-- CreateTable
CREATE TABLE "board_histogram" (
    "period" TEXT NOT NULL,
    "period_start" DATE NOT NULL,
    "course_id" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "learners" INTEGER NOT NULL,

    CONSTRAINT "board_histogram_pkey" PRIMARY KEY ("period","period_start","course_id","points")
);

-- CreateTable
CREATE TABLE "period_close" (
    "id" SERIAL NOT NULL,
    "period" TEXT NOT NULL,
    "period_start" DATE NOT NULL,
    "period_end" TIMESTAMPTZ(3) NOT NULL,
    "timezone" TEXT NOT NULL,
    "closed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "entries" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "period_close_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "leaderboard_snapshot_entry" (
    "close_id" INTEGER NOT NULL,
    "course_id" TEXT NOT NULL,
    "rank" INTEGER NOT NULL,
    "learner_id" INTEGER NOT NULL,
    "user_id" TEXT NOT NULL,
    "points" INTEGER NOT NULL,

    CONSTRAINT "leaderboard_snapshot_entry_pkey" PRIMARY KEY ("close_id","course_id","learner_id")
);

-- CreateTable
CREATE TABLE "achievement" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "icon_url" TEXT NOT NULL DEFAULT 'icon:trophy',
    "points" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "kind" TEXT NOT NULL,
    "threshold" INTEGER NOT NULL DEFAULT 1,
    "within_hours" INTEGER,
    "period" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "achievement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "learner_achievement" (
    "learner_id" INTEGER NOT NULL,
    "achievement_id" INTEGER NOT NULL,
    "earned_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "points" INTEGER NOT NULL,
    "event_id" TEXT,
    "seen_at" TIMESTAMPTZ(3),

    CONSTRAINT "learner_achievement_pkey" PRIMARY KEY ("learner_id","achievement_id")
);

-- CreateTable
CREATE TABLE "api_key" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_key_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "admin_user" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "password_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "admin_user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" BIGSERIAL NOT NULL,
    "admin_id" INTEGER,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target" TEXT,
    "details" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "job_run" (
    "id" SERIAL NOT NULL,
    "job" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    "result" JSONB,
    "error" TEXT,

    CONSTRAINT "job_run_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "learner_user_id_key" ON "learner"("user_id");

-- CreateIndex
CREATE INDEX "learner_display_name_idx" ON "learner"("display_name");

-- CreateIndex
CREATE INDEX "event_learner_id_course_id_occurred_at_idx" ON "event"("learner_id", "course_id", "occurred_at");

-- CreateIndex
CREATE INDEX "event_received_at_idx" ON "event"("received_at");

-- CreateIndex
CREATE INDEX "ledger_entry_learner_id_id_idx" ON "ledger_entry"("learner_id", "id" DESC);

-- CreateIndex
CREATE INDEX "ledger_entry_event_id_idx" ON "ledger_entry"("event_id");

-- CreateIndex
CREATE INDEX "learner_course_course_id_idx" ON "learner_course"("course_id");

-- CreateIndex
CREATE INDEX "board_score_period_period_start_course_id_points_user_id_idx" ON "board_score"("period", "period_start", "course_id", "points" DESC, "user_id");

-- CreateIndex
CREATE UNIQUE INDEX "period_close_period_period_start_key" ON "period_close"("period", "period_start");

-- CreateIndex
CREATE INDEX "leaderboard_snapshot_entry_close_id_course_id_rank_user_id_idx" ON "leaderboard_snapshot_entry"("close_id", "course_id", "rank", "user_id");

-- CreateIndex
CREATE UNIQUE INDEX "achievement_key_key" ON "achievement"("key");

-- CreateIndex
CREATE INDEX "learner_achievement_achievement_id_idx" ON "learner_achievement"("achievement_id");

-- CreateIndex
CREATE UNIQUE INDEX "api_key_name_key" ON "api_key"("name");

-- CreateIndex
CREATE UNIQUE INDEX "api_key_hash_key" ON "api_key"("hash");

-- CreateIndex
CREATE UNIQUE INDEX "admin_user_email_key" ON "admin_user"("email");

-- CreateIndex
CREATE INDEX "audit_log_created_at_idx" ON "audit_log"("created_at" DESC);

-- CreateIndex
CREATE INDEX "job_run_job_started_at_idx" ON "job_run"("job", "started_at" DESC);

-- AddForeignKey
ALTER TABLE "course_point_override" ADD CONSTRAINT "course_point_override_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "course"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lesson" ADD CONSTRAINT "lesson_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "course"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event" ADD CONSTRAINT "event_learner_id_fkey" FOREIGN KEY ("learner_id") REFERENCES "learner"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ledger_entry" ADD CONSTRAINT "ledger_entry_learner_id_fkey" FOREIGN KEY ("learner_id") REFERENCES "learner"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "active_day" ADD CONSTRAINT "active_day_learner_id_fkey" FOREIGN KEY ("learner_id") REFERENCES "learner"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "learner_course" ADD CONSTRAINT "learner_course_learner_id_fkey" FOREIGN KEY ("learner_id") REFERENCES "learner"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "learner_course" ADD CONSTRAINT "learner_course_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "course"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lesson_completion" ADD CONSTRAINT "lesson_completion_learner_id_fkey" FOREIGN KEY ("learner_id") REFERENCES "learner"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "board_score" ADD CONSTRAINT "board_score_learner_id_fkey" FOREIGN KEY ("learner_id") REFERENCES "learner"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "leaderboard_snapshot_entry" ADD CONSTRAINT "leaderboard_snapshot_entry_close_id_fkey" FOREIGN KEY ("close_id") REFERENCES "period_close"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "learner_achievement" ADD CONSTRAINT "learner_achievement_learner_id_fkey" FOREIGN KEY ("learner_id") REFERENCES "learner"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "learner_achievement" ADD CONSTRAINT "learner_achievement_achievement_id_fkey" FOREIGN KEY ("achievement_id") REFERENCES "achievement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

