-- A campaign: one message template for one contact list. Only a draft changes; preparing renders every message
-- into campaigns.messages and makes it ready (see docs/architecture.md, "Campaigns").
create table campaigns.campaigns (
    id                    uuid primary key,
    tenant_id             uuid not null references campaigns.tenants (id) on delete cascade,
    name                  text not null check (length(name) between 1 and 200),
    -- Null once the list is deleted: a prepared campaign's messages carry everything they need; a draft must name another.
    contact_list_id       uuid references campaigns.contact_lists (id) on delete set null,
    template              text,            -- a text message's template; null for a media message (its caption is in media)
    media                 jsonb,           -- {type, url | base64, mimeType, fileName, caption}
    sender_ids            uuid[] not null default '{}',
    window_start          time not null,
    window_end            time not null,   -- before window_start: the window runs through midnight
    window_days           smallint[] not null check (cardinality(window_days) between 1 and 7),  -- ISO days, 1 = Monday
    window_time_zone      text not null,   -- an IANA id, or 'recipient' for each recipient's own
    start_at              timestamptz,
    max_identical         integer not null check (max_identical between 1 and 1000000),
    status                text not null check (status in ('draft', 'preparing', 'ready', 'running', 'paused', 'completed', 'cancelled')),
    -- Progress of the last prepare, readable while it runs: the list's contacts and how many are rendered so far.
    recipients_total      integer not null default 0,
    recipients_rendered   integer not null default 0,
    -- Claims of the prepare job: every claim counts, so a campaign that fails for good goes back to draft.
    prepare_attempts      integer not null default 0,
    prepare_requested_at  timestamptz,
    prepare_started_at    timestamptz,
    prepared_at           timestamptz,
    prepare_result        jsonb,           -- the variation summary of the last prepare
    prepare_error         jsonb,           -- why the last prepare sent the campaign back to draft
    created_at            timestamptz not null,
    updated_at            timestamptz not null
);
create index campaigns_tenant on campaigns.campaigns (tenant_id, created_at desc, id desc);
create index campaigns_tenant_status on campaigns.campaigns (tenant_id, status, created_at desc, id desc);
create index campaigns_preparing on campaigns.campaigns (prepare_requested_at) where status = 'preparing';

-- One message per recipient per campaign: the primary key is the guarantee that nobody gets the same campaign twice.
-- Rows go in by binary COPY when the campaign is prepared; the dispatcher moves their status forward.
create table campaigns.messages (
    campaign_id  uuid not null references campaigns.campaigns (id) on delete cascade,
    phone        text not null,    -- E.164
    line         integer not null, -- the contact's line in the imported file
    status       text not null check (status in ('pending', 'skipped', 'queued', 'sending', 'sent', 'delivered', 'read', 'failed', 'cancelled', 'unknown')),
    body         text,             -- the text as sent (a media message's caption, possibly empty); null when skipped at preparing
    body_hash    bytea check (octet_length(body_hash) = 32),  -- SHA-256 of the normalised body: what the variation rule counts
    skip_code    text,
    skip_reason  text,
    primary key (campaign_id, phone),
    check (status = 'skipped' or (body is not null and body_hash is not null)),
    check (status <> 'skipped' or skip_reason is not null)
);
