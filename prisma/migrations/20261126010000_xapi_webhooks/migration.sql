-- xAPI statements in, signed webhooks out (issue #10).
-- xapi_statement keeps every statement received, with the event it became or why it was ignored.
-- webhook_endpoint / webhook_delivery are the outbox: deliveries are written in the transaction of the
-- change they announce and sent later by the delivery job (the (status, next_attempt_at) index is its queue).
-- (ledger_entry_created_at_idx, which schema.prisma also declares, is created by 20261201000000_dashboard_indexes.)

-- CreateTable
CREATE TABLE "xapi_statement" (
    "id" TEXT NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "user_id" TEXT,
    "verb" TEXT NOT NULL,
    "object_id" TEXT,
    "occurred_at" TIMESTAMPTZ(3),
    "raw" JSONB NOT NULL,
    "content_hash" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "reason" TEXT,
    "detail" TEXT,
    "event_id" TEXT,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "xapi_statement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_endpoint" (
    "id" SERIAL NOT NULL,
    "url" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "event_types" TEXT[],
    "secret" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by" TEXT,
    "disabled_at" TIMESTAMPTZ(3),
    "disabled_reason" TEXT,

    CONSTRAINT "webhook_endpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_delivery" (
    "id" BIGSERIAL NOT NULL,
    "endpoint_id" INTEGER NOT NULL,
    "webhook_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_attempt_at" TIMESTAMPTZ(3),
    "last_status_code" INTEGER,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "delivered_at" TIMESTAMPTZ(3),

    CONSTRAINT "webhook_delivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "xapi_statement_seq_key" ON "xapi_statement"("seq");

-- CreateIndex
CREATE INDEX "xapi_statement_user_id_seq_idx" ON "xapi_statement"("user_id", "seq" DESC);

-- CreateIndex
CREATE INDEX "xapi_statement_status_seq_idx" ON "xapi_statement"("status", "seq" DESC);

-- CreateIndex
CREATE INDEX "xapi_statement_verb_seq_idx" ON "xapi_statement"("verb", "seq" DESC);

-- CreateIndex
CREATE INDEX "xapi_statement_event_id_idx" ON "xapi_statement"("event_id");

-- CreateIndex
CREATE UNIQUE INDEX "webhook_delivery_webhook_id_key" ON "webhook_delivery"("webhook_id");

-- CreateIndex
CREATE INDEX "webhook_delivery_status_next_attempt_at_idx" ON "webhook_delivery"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "webhook_delivery_endpoint_id_id_idx" ON "webhook_delivery"("endpoint_id", "id" DESC);

-- AddForeignKey
ALTER TABLE "webhook_delivery" ADD CONSTRAINT "webhook_delivery_endpoint_id_fkey" FOREIGN KEY ("endpoint_id") REFERENCES "webhook_endpoint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

