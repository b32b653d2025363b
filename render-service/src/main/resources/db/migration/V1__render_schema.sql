-- The LoRAs this service may render with, as lora.trained announced them: on-demand renders name them by version.
CREATE TABLE pet_loras (
    tenant_id    VARCHAR(64)                 NOT NULL,
    pet_id       UUID                        NOT NULL,
    version_name VARCHAR(128)                NOT NULL,
    lora_key     VARCHAR(1024)               NOT NULL,
    base_model   VARCHAR(64)                 NOT NULL,
    trigger_token VARCHAR(64)                NOT NULL,
    class_word   VARCHAR(16)                 NOT NULL,
    rank         INTEGER                     NOT NULL,
    alpha        DOUBLE PRECISION            NOT NULL,
    created_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT pet_loras_pk PRIMARY KEY (tenant_id, pet_id, version_name)
);

-- One row per order whose LoRA arrived: its renders are the tasks with this job id; renders.done leaves once the
-- last of them has finished.
CREATE TABLE render_jobs (
    job_id        UUID                        NOT NULL,
    tenant_id     VARCHAR(64)                 NOT NULL,
    pet_id        UUID                        NOT NULL,
    lora_version  VARCHAR(128)                NOT NULL,
    source_event  TEXT                        NOT NULL,
    status        VARCHAR(16)                 NOT NULL,
    failure_reason TEXT,
    created_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    finished_at   TIMESTAMP(6) WITH TIME ZONE,
    CONSTRAINT render_jobs_pk PRIMARY KEY (job_id)
);

-- One prompt and its parameters, rendered `count` times with seeds seed, seed+1, ...: a product's preset of a job,
-- or an on-demand request (job_id NULL).
CREATE TABLE render_tasks (
    id               UUID                        NOT NULL,
    tenant_id        VARCHAR(64)                 NOT NULL,
    pet_id           UUID                        NOT NULL,
    job_id           UUID,
    product          VARCHAR(64),
    preset           VARCHAR(64),
    prompt           TEXT                        NOT NULL,
    negative_prompt  TEXT                        NOT NULL,
    sampler          VARCHAR(32)                 NOT NULL,
    steps            INTEGER                     NOT NULL,
    cfg_scale        DOUBLE PRECISION            NOT NULL,
    width            INTEGER                     NOT NULL,
    height           INTEGER                     NOT NULL,
    seed             BIGINT                      NOT NULL,
    image_count      INTEGER                     NOT NULL,
    base_model       VARCHAR(64)                 NOT NULL,
    -- The LoRA file the prompt's first tag names: tasks of one LoRA are claimed together.
    lora_key         VARCHAR(1024),
    status           VARCHAR(16)                 NOT NULL,
    lease_owner      VARCHAR(128),
    lease_expires_at TIMESTAMP(6) WITH TIME ZONE,
    attempts         INTEGER                     NOT NULL DEFAULT 0,
    cancel_requested BOOLEAN                     NOT NULL DEFAULT FALSE,
    images_done      INTEGER                     NOT NULL DEFAULT 0,
    step             INTEGER,
    eta_seconds      BIGINT,
    -- JSON array of the finished images: seed, PNG key, preview key.
    results          TEXT                        NOT NULL DEFAULT '[]',
    failure_reason   TEXT,
    created_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    started_at       TIMESTAMP(6) WITH TIME ZONE,
    finished_at      TIMESTAMP(6) WITH TIME ZONE,
    CONSTRAINT render_tasks_pk PRIMARY KEY (id)
);
CREATE INDEX render_tasks_claimable ON render_tasks (status, created_at);
CREATE INDEX render_tasks_job ON render_tasks (job_id);
CREATE INDEX render_tasks_pet ON render_tasks (tenant_id, pet_id, created_at);

-- When each tenant was last served: the claim takes the tenant waiting longest, so one tenant's big batch cannot
-- starve the others.
CREATE TABLE tenant_turns (
    tenant_id      VARCHAR(64)                 NOT NULL,
    last_served_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT tenant_turns_pk PRIMARY KEY (tenant_id)
);
