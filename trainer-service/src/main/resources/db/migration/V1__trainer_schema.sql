-- One row per training job (the job id of the order). The dataset manifest and keys stay in the captions.ready
-- event the job came from (source_event); the config is kept on its own for the REST view and lora.trained.
CREATE TABLE training_jobs (
    job_id           UUID                        NOT NULL,
    tenant_id        VARCHAR(64)                 NOT NULL,
    pet_id           UUID                        NOT NULL,
    status           VARCHAR(16)                 NOT NULL,
    source_event     TEXT                        NOT NULL,
    metadata_csv_key VARCHAR(1024)               NOT NULL,
    config_json      TEXT                        NOT NULL,
    -- The worker that holds the job and until when; an expired lease lets another worker take the job over.
    lease_owner      VARCHAR(128),
    lease_expires_at TIMESTAMP(6) WITH TIME ZONE,
    attempts         INTEGER                     NOT NULL DEFAULT 0,
    cancel_requested BOOLEAN                     NOT NULL DEFAULT FALSE,
    step             BIGINT,
    total_steps      BIGINT,
    epoch            INTEGER,
    loss             DOUBLE PRECISION,
    version_name     VARCHAR(128),
    lora_key         VARCHAR(1024),
    -- JSON array of the object keys of the uploaded checkpoints' LoRA files, oldest first.
    checkpoint_keys  TEXT                        NOT NULL DEFAULT '[]',
    failure_reason   TEXT,
    created_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    started_at       TIMESTAMP(6) WITH TIME ZONE,
    finished_at      TIMESTAMP(6) WITH TIME ZONE,
    CONSTRAINT training_jobs_pk PRIMARY KEY (job_id),
    CONSTRAINT training_jobs_version_unique UNIQUE (tenant_id, pet_id, version_name)
);

-- The claim query: queued jobs and running jobs whose lease ran out, oldest first.
CREATE INDEX training_jobs_claimable ON training_jobs (status, created_at);
