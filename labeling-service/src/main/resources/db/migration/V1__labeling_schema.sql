-- labeling-service owns the captioned datasets (one per training job) and their captions.

create table datasets (
    job_id          uuid         primary key,
    tenant_id       varchar(64)  not null,
    pet_id          uuid         not null,
    status          varchar(16)  not null,
    review_mode     varchar(16)  not null,
    captioner       varchar(16)  not null,
    trigger_token   varchar(64)  not null,
    -- the photos.ingested event as received: the pet, manifest and config captions.ready passes on
    source_event    text         not null,
    metadata_csv_key varchar(1024),
    created_at      timestamptz  not null,
    approved_at     timestamptz
);
create index datasets_tenant on datasets (tenant_id, created_at);

create table captions (
    job_id          uuid          not null references datasets (job_id) on delete cascade,
    photo_id        uuid          not null,
    position        integer       not null,
    image_key       varchar(1024) not null,
    thumbnail_key   varchar(1024) not null,
    caption         text          not null,
    updated_at      timestamptz   not null,
    primary key (job_id, photo_id)
);

-- photos left out of a dataset and why (missing object, undecodable image), shown to the reviewer
create table skipped_photos (
    job_id          uuid          not null references datasets (job_id) on delete cascade,
    photo_id        uuid          not null,
    reason          text          not null,
    primary key (job_id, photo_id)
);
