-- Campaign data lives in schema "campaigns"; Hangfire keeps its own tables in schema "hangfire".
create schema if not exists campaigns;

create table campaigns.tenants (
    id          uuid primary key,
    name        text not null check (length(name) between 1 and 200),
    created_at  timestamptz not null default now()
);

-- Only a SHA-256 hash of each key is stored: keys are 256 random bits, so a plain hash is enough
-- and lets the key be looked up by an index (a salted, slow hash could not be).
create table campaigns.api_keys (
    id          uuid primary key,
    tenant_id   uuid not null references campaigns.tenants (id) on delete cascade,
    key_hash    bytea not null unique,
    key_prefix  text not null,
    created_at  timestamptz not null default now(),
    revoked_at  timestamptz
);

create table campaigns.contact_lists (
    id              uuid primary key,
    tenant_id       uuid not null references campaigns.tenants (id) on delete cascade,
    name            text not null,
    file_name       text,
    default_region  text not null,
    phone_column    text not null,
    columns         text[] not null,
    row_count       integer not null default 0,
    imported        integer not null default 0,
    invalid         integer not null default 0,
    duplicates      integer not null default 0,
    suppressed      integer not null default 0,
    created_at      timestamptz not null default now()
);
create index contact_lists_tenant on campaigns.contact_lists (tenant_id, created_at desc, id desc);

-- One row per distinct number of a list; the first occurrence in the file wins.
create table campaigns.contacts (
    list_id  uuid not null references campaigns.contact_lists (id) on delete cascade,
    phone    text not null,
    line     integer not null,
    fields   jsonb not null,
    primary key (list_id, phone)
);

-- Every row of an upload that was not imported: invalid, ragged, duplicate or suppressed.
create table campaigns.contact_import_errors (
    list_id  uuid not null references campaigns.contact_lists (id) on delete cascade,
    line     integer not null,
    value    text,
    reason   text not null,
    primary key (list_id, line)
);

create table campaigns.suppressions (
    tenant_id   uuid not null references campaigns.tenants (id) on delete cascade,
    phone       text not null,
    reason      text not null default 'manual',
    created_at  timestamptz not null default now(),
    primary key (tenant_id, phone)
);
