-- ASP.NET Core Data Protection keys, so every server of a deployment can read what another encrypted.
create table campaigns.data_protection_keys (
    friendly_name  text primary key,
    xml            text not null,
    created_at     timestamptz not null default now()
);

-- An Evolution server registered with its master (global) key, to create instances and repair stale instance keys.
create table campaigns.gateways (
    id                 uuid primary key,
    tenant_id          uuid not null references campaigns.tenants (id) on delete cascade,
    name               text not null,
    url                text not null,
    api_key_protected  text not null,
    created_at         timestamptz not null default now(),
    unique (tenant_id, url)
);

-- A sender: one WhatsApp number behind one gateway instance, with its pacing settings.
create table campaigns.senders (
    id                      uuid primary key,
    tenant_id               uuid not null references campaigns.tenants (id) on delete cascade,
    gateway_id              uuid references campaigns.gateways (id) on delete set null,
    name                    text not null,
    gateway_url             text not null,
    instance                text not null,
    instance_key_protected  text not null,
    phone                   text,
    time_zone               text not null,
    activated_on            date not null,
    daily_cap_min           integer not null,
    daily_cap_max           integer not null,
    min_interval_ms         integer not null check (min_interval_ms >= 1000),
    jitter_min_ms           integer not null,
    jitter_max_ms           integer not null,
    webhook_secret_hash     bytea not null,
    state                   text not null,
    state_reason            text,
    state_changed_at        timestamptz not null,
    created_at              timestamptz not null default now(),
    unique (tenant_id, gateway_url, instance),
    check (daily_cap_min between 1 and daily_cap_max),
    check (jitter_min_ms between 0 and jitter_max_ms)
);
create index senders_tenant on campaigns.senders (tenant_id, created_at desc, id desc);

-- A sender's budget per local day: the cap drawn for the day and the sends counted against it.
create table campaigns.sender_days (
    sender_id   uuid not null references campaigns.senders (id) on delete cascade,
    local_date  date not null,
    cap         integer not null,
    sent        integer not null default 0,
    primary key (sender_id, local_date)
);

-- A sender's token bucket: the earliest moment its next send may start.
create table campaigns.sender_pacing (
    sender_id     uuid primary key references campaigns.senders (id) on delete cascade,
    next_send_at  timestamptz not null,
    last_sent_at  timestamptz
);

-- Webhooks land here and the request returns at once; a processor applies them.
create table campaigns.webhook_inbox (
    id            bigint generated always as identity primary key,
    sender_id     uuid not null references campaigns.senders (id) on delete cascade,
    event         text not null,
    payload       jsonb not null,
    received_at   timestamptz not null default now(),
    processed_at  timestamptz
);
create index webhook_inbox_unprocessed on campaigns.webhook_inbox (id) where processed_at is null;
