-- "Rules version" counts point-rule changes only; config_version keeps counting every engine change.
ALTER TABLE "org_settings" ADD COLUMN "rules_version" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN "rules_changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

UPDATE "org_settings" SET "rules_changed_at" = "updated_at";
