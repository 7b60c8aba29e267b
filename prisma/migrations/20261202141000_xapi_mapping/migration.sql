-- The xAPI mapping as configuration (issue 17): each admin change is a new version, applied to statements received
-- afterwards; every statement keeps the version and the rule that decided it. Version 1 is the default, API.md's
-- verb table (server/services/xapi/presets.ts DEFAULT_RULES; test/xapi-mapping.test.ts keeps the two equal).

-- CreateTable
CREATE TABLE "xapi_mapping" (
    "version" INTEGER NOT NULL,
    "rules" JSONB NOT NULL,
    "preset" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by" TEXT,

    CONSTRAINT "xapi_mapping_pkey" PRIMARY KEY ("version")
);

-- AlterTable
ALTER TABLE "xapi_statement" ADD COLUMN "mapping_version" INTEGER,
ADD COLUMN "mapping_rule" JSONB,
ADD COLUMN "course_title" TEXT,
ADD COLUMN "lesson_title" TEXT;

INSERT INTO "xapi_mapping" ("version", "rules", "preset") VALUES (1, '[
  {"verb": "http://adlnet.gov/expapi/verbs/completed", "activityType": "course", "success": "not-false", "completion": "not-false", "event": "course.completed"},
  {"verb": "http://adlnet.gov/expapi/verbs/passed", "activityType": "course", "success": "not-false", "completion": "not-false", "event": "course.completed"},
  {"verb": "http://adlnet.gov/expapi/verbs/mastered", "activityType": "course", "success": "not-false", "completion": "not-false", "event": "course.completed"},
  {"verb": "https://w3id.org/xapi/adl/verbs/satisfied", "activityType": "course", "success": "not-false", "completion": "not-false", "event": "course.completed"},
  {"verb": "http://adlnet.gov/expapi/verbs/completed", "success": "not-false", "completion": "not-false", "event": "lesson.completed"},
  {"verb": "http://adlnet.gov/expapi/verbs/passed", "success": "not-false", "completion": "not-false", "event": "lesson.completed"},
  {"verb": "http://adlnet.gov/expapi/verbs/mastered", "success": "not-false", "completion": "not-false", "event": "lesson.completed"},
  {"verb": "http://adlnet.gov/expapi/verbs/progressed", "completion": "true", "event": "lesson.completed"},
  {"verb": "http://adlnet.gov/expapi/verbs/registered", "event": "course.started"},
  {"verb": "https://xapi.edlm/profiles/edlm-lms/concepts/verbs/enrolled", "event": "course.started"},
  {"verb": "http://adlnet.gov/expapi/verbs/launched", "event": "course.started"},
  {"verb": "http://adlnet.gov/expapi/verbs/initialized", "event": "course.started"},
  {"verb": "https://xapi.edlm/profiles/edlm-lms/concepts/verbs/login", "event": "user.login"},
  {"verb": "https://w3id.org/xapi/adl/verbs/logged-in", "event": "user.login"},
  {"verb": "https://brindlewaye.com/xAPITerms/verbs/loggedin", "event": "user.login"},
  {"verb": "https://brindlewaye.com/xAPITerms/verbs/loggedin/", "event": "user.login"}
]'::jsonb, 'default');
