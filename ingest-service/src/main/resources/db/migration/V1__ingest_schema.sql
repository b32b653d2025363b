-- ingest-service owns the tenants, their keys, pets, photos, training jobs and webhooks.

create table tenants (
    id          varchar(64)  primary key,
    name        varchar(200) not null,
    created_at  timestamptz  not null
);

create table api_keys (
    id          uuid         primary key,
    tenant_id   varchar(64)  not null references tenants (id) on delete cascade,
    key_hash    varchar(128) not null,
    key_prefix  varchar(32)  not null unique,
    created_at  timestamptz  not null,
    revoked_at  timestamptz
);
create index api_keys_tenant on api_keys (tenant_id);

create table pets (
    id             uuid         primary key,
    tenant_id      varchar(64)  not null references tenants (id) on delete cascade,
    name           varchar(100) not null,
    species        varchar(16)  not null,
    breed          varchar(100),
    trigger_token  varchar(64)  not null,
    created_at     timestamptz  not null
);
create index pets_tenant on pets (tenant_id, created_at);

create table photos (
    id              uuid          primary key,
    tenant_id       varchar(64)   not null,
    pet_id          uuid          not null references pets (id) on delete cascade,
    original_key    varchar(512)  not null,
    normalized_key  varchar(512)  not null,
    thumbnail_key   varchar(512)  not null,
    content_type    varchar(64)   not null,
    size_bytes      bigint        not null,
    width           int           not null,
    height          int           not null,
    sha256          varchar(64)   not null,
    perceptual_hash bigint        not null,
    blur_variance   double precision not null,
    created_at      timestamptz   not null
);
create index photos_pet on photos (pet_id, created_at);

create table jobs (
    id               uuid         primary key,
    tenant_id        varchar(64)  not null,
    pet_id           uuid         not null references pets (id) on delete cascade,
    correlation_id   uuid         not null,
    idempotency_key  varchar(255) not null,
    request_hash     varchar(64)  not null,
    status           varchar(32)  not null,
    stage            varchar(32),
    failure_reason   text,
    progress_step    bigint,
    progress_total   bigint,
    progress_percent double precision,
    eta_seconds      bigint,
    loss             double precision,
    training_config  text         not null,
    photo_count      int          not null,
    created_at       timestamptz  not null,
    updated_at       timestamptz  not null,
    constraint jobs_idempotency unique (tenant_id, idempotency_key)
);
create index jobs_pet on jobs (pet_id, created_at);

-- Events leave through this table: written in the same transaction as the state they announce, sent by the relay.
create table outbox (
    id           uuid          primary key,
    topic        varchar(128)  not null,
    record_key   varchar(128)  not null,
    event_type   varchar(128)  not null,
    payload      text          not null,
    created_at   timestamptz   not null,
    published_at timestamptz,
    attempts     int           not null default 0,
    last_error   text
);
create index outbox_pending on outbox (created_at) where published_at is null;

create table webhook_endpoints (
    id          uuid          primary key,
    tenant_id   varchar(64)   not null references tenants (id) on delete cascade,
    url         varchar(2048) not null,
    description varchar(200),
    secret      varchar(128)  not null,
    created_at  timestamptz   not null
);
create index webhook_endpoints_tenant on webhook_endpoints (tenant_id);

-- One row per (endpoint, status change); its id is the webhook-id every attempt repeats.
create table webhook_deliveries (
    id               uuid          primary key,
    endpoint_id      uuid          not null references webhook_endpoints (id) on delete cascade,
    tenant_id        varchar(64)   not null,
    job_id           uuid          not null,
    event_type       varchar(64)   not null,
    payload          text          not null,
    state            varchar(16)   not null,
    attempts         int           not null default 0,
    next_attempt_at  timestamptz   not null,
    last_status_code int,
    last_error       text,
    created_at       timestamptz   not null,
    delivered_at     timestamptz
);
create index webhook_deliveries_due on webhook_deliveries (next_attempt_at) where state = 'PENDING';
