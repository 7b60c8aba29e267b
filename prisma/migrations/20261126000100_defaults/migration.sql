-- Every fresh database starts with the organisation settings (the default point rules of DOMAIN.md)
-- and the shipped achievements, so the product works before anyone opens the dashboard.
INSERT INTO "org_settings" ("id") VALUES (1) ON CONFLICT DO NOTHING;

INSERT INTO "achievement" ("key", "name", "description", "icon_url", "points", "kind", "threshold", "within_hours") VALUES
  ('courses-1',      'First Course',      'Complete your first course.',                         'icon:graduation-cap', 50,  'courses_completed', 1,   NULL),
  ('courses-5',      'Five Courses',      'Complete five courses.',                              'icon:library',        150, 'courses_completed', 5,   NULL),
  ('courses-10',     'Ten Courses',       'Complete ten courses.',                               'icon:crown',          300, 'courses_completed', 10,  NULL),
  ('lessons-10',     'Ten Lessons',       'Complete ten lessons.',                               'icon:book-open',      50,  'lessons_completed', 10,  NULL),
  ('lessons-50',     'Fifty Lessons',     'Complete fifty lessons.',                             'icon:books',          150, 'lessons_completed', 50,  NULL),
  ('lessons-100',    'Hundred Lessons',   'Complete one hundred lessons.',                       'icon:rocket',         300, 'lessons_completed', 100, NULL),
  ('streak-7',       'Week Streak',       'Be active seven days in a row.',                      'icon:flame',          50,  'streak_days',       7,   NULL),
  ('streak-30',      'Month Streak',      'Be active thirty days in a row.',                     'icon:flame',          200, 'streak_days',       30,  NULL),
  ('streak-100',     'Hundred-Day Streak','Be active one hundred days in a row.',                'icon:zap',            500, 'streak_days',       100, NULL),
  ('perfect-course', 'Perfect Course',    'Complete a course with a score of 100.',              'icon:star',           100, 'perfect_course',    1,   NULL),
  ('speed-course',   'Speed Learner',     'Complete a course within 24 hours of starting it.',   'icon:timer',          100, 'speed_course',      1,   24)
ON CONFLICT ("key") DO NOTHING;

-- The ledger is append-only: history is never rewritten, corrections are new rows.
CREATE FUNCTION "ledger_entry_append_only"() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'ledger_entry is append-only: % is not allowed', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "ledger_entry_no_update_delete"
  BEFORE UPDATE OR DELETE ON "ledger_entry"
  FOR EACH ROW EXECUTE FUNCTION "ledger_entry_append_only"();

CREATE TRIGGER "ledger_entry_no_truncate"
  BEFORE TRUNCATE ON "ledger_entry"
  FOR EACH STATEMENT EXECUTE FUNCTION "ledger_entry_append_only"();
