-- merch-service: the jobs it composed, their product files, and re-compose tasks.
CREATE TABLE merch_jobs (
    job_id      UUID                        PRIMARY KEY,
    tenant_id   VARCHAR(64)                 NOT NULL,
    pet_id      UUID                        NOT NULL,
    design_key  VARCHAR(1024)               NOT NULL,
    design_width  INTEGER                   NOT NULL,
    design_height INTEGER                   NOT NULL,
    created_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
CREATE INDEX merch_jobs_tenant ON merch_jobs (tenant_id);

CREATE TABLE merch_items (
    id              UUID                        PRIMARY KEY,
    job_id          UUID                        NOT NULL REFERENCES merch_jobs (job_id),
    product         VARCHAR(64)                 NOT NULL,
    variant         VARCHAR(64)                 NOT NULL,
    placement       VARCHAR(64)                 NOT NULL,
    print_file_key  VARCHAR(1024)               NOT NULL,
    cut_line_key    VARCHAR(1024),
    mockup_key      VARCHAR(1024)               NOT NULL,
    thumbnail_key   VARCHAR(1024)               NOT NULL,
    warnings        TEXT                        NOT NULL,
    created_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
CREATE INDEX merch_items_job ON merch_items (job_id);

CREATE TABLE recompose_tasks (
    id              UUID                        PRIMARY KEY,
    job_id          UUID                        NOT NULL REFERENCES merch_jobs (job_id),
    tenant_id       VARCHAR(64)                 NOT NULL,
    product         VARCHAR(64)                 NOT NULL,
    variant         VARCHAR(64)                 NOT NULL,
    placement       VARCHAR(64)                 NOT NULL,
    centre_x        DOUBLE PRECISION,
    centre_y        DOUBLE PRECISION,
    scale           DOUBLE PRECISION            NOT NULL,
    rotation        DOUBLE PRECISION            NOT NULL,
    background      VARCHAR(16)                 NOT NULL,
    status          VARCHAR(16)                 NOT NULL,
    failure_reason  TEXT,
    print_file_key  VARCHAR(1024),
    cut_line_key    VARCHAR(1024),
    mockup_key      VARCHAR(1024),
    thumbnail_key   VARCHAR(1024),
    warnings        TEXT,
    created_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    finished_at     TIMESTAMP(6) WITH TIME ZONE
);
CREATE INDEX recompose_tasks_job ON recompose_tasks (job_id);
