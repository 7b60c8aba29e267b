-- Open Badges 3.0 credentials (issue 23, docs/open-badges.md): the issuer profile, its signing keys, and the
-- credentials issued (with their bit in the revocation status list).
CREATE TABLE "credential_issuer" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "email" TEXT,
    "image_url" TEXT,
    "hash_recipient" BOOLEAN NOT NULL DEFAULT true,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "credential_issuer_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "credential_key" (
    "id" SERIAL NOT NULL,
    "public_key_multibase" TEXT NOT NULL,
    "secret_key_encrypted" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retired_at" TIMESTAMPTZ(3),

    CONSTRAINT "credential_key_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "issued_credential" (
    "id" UUID NOT NULL,
    "learner_id" INTEGER,
    "achievement_id" INTEGER NOT NULL,
    "status_index" SERIAL NOT NULL,
    "document" JSONB,
    "issued_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(3),
    "revoked_reason" TEXT,

    CONSTRAINT "issued_credential_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "issued_credential_status_index_key" ON "issued_credential"("status_index");
CREATE UNIQUE INDEX "issued_credential_learner_id_achievement_id_key" ON "issued_credential"("learner_id", "achievement_id");
