-- libs/messaging: the transactional outbox (Outbox.enqueue, OutboxRelay). Runs in the service's own schema.
-- Repeatable and idempotent rather than versioned: a service that adopts the outbox after its own V1..Vn have run
-- gets it without an out-of-order version, and ingest-service, whose V1 created the table, keeps its rows.
-- A later change must stay idempotent too (ADD COLUMN IF NOT EXISTS ...).
CREATE TABLE IF NOT EXISTS outbox (
    id           UUID         PRIMARY KEY,
    topic        VARCHAR(128) NOT NULL,
    record_key   VARCHAR(128) NOT NULL,
    event_type   VARCHAR(128) NOT NULL,
    payload      TEXT         NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL,
    published_at TIMESTAMPTZ,
    attempts     INT          NOT NULL DEFAULT 0,
    last_error   TEXT
);
-- The relay's order: events queued in one transaction share a clock reading, so created_at cannot order them.
ALTER TABLE outbox ADD COLUMN IF NOT EXISTS position BIGINT GENERATED ALWAYS AS IDENTITY;
CREATE INDEX IF NOT EXISTS outbox_unsent ON outbox (position) WHERE published_at IS NULL;
