-- The dashboard's learner list sorted by name (server/services/learner-list.ts): the key is the display name
-- (the user id when there is none) in lower case, ties by user id, both in byte order ("C"), and a page seeks
-- this index from its cursor, so any page of 100k+ learners reads only its own rows. An expression index,
-- which schema.prisma cannot declare: a `prisma migrate diff` that proposes dropping it should be trimmed.
-- Display names change rarely, so the index does not cost the HOT updates of the points every event writes.
CREATE INDEX "learner_name_sort_idx" ON "learner" ((lower(COALESCE("display_name", "user_id")) COLLATE "C"), ("user_id" COLLATE "C"));
