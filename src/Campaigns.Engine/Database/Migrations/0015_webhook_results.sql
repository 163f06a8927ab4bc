-- Issue 10: results from webhooks. The columns every part of it reads; each part adds its own migration (0016–0020).

-- The inbox: a dedupe key per event (a gateway resends one webhook up to 10 times), attempts and a next attempt per
-- row (an update can arrive before the send recorded its id), and what applying it came to.
alter table campaigns.webhook_inbox
    add column dedupe_key       text,          -- see WebhookDedupe; null: never deduplicated
    add column attempts         smallint not null default 0,
    add column next_attempt_at  timestamptz,   -- null: at once
    add column outcome          text check (outcome in ('applied', 'ignored', 'unmatched', 'failed'));
create unique index webhook_inbox_dedupe on campaigns.webhook_inbox (sender_id, dedupe_key) where dedupe_key is not null;
create index webhook_inbox_received on campaigns.webhook_inbox (received_at);
-- A real gateway's body carries the instance token (apikey) and our webhook URL with its secret (destination): the
-- inbox keeps neither, and rows stored before this migration lose them.
update campaigns.webhook_inbox set payload = payload - 'apikey' - 'destination'
where payload ? 'apikey' or payload ? 'destination';

-- Per message: when each result arrived.
alter table campaigns.messages
    add column delivered_at  timestamptz,
    add column read_at       timestamptz,
    add column failed_at     timestamptz,
    add column replied_at    timestamptz;

-- Replies from recipients (messages.upsert from a contact), attributed to a campaign message when one is found.
create table campaigns.replies (
    id                  bigint generated always as identity primary key,
    tenant_id           uuid not null references campaigns.tenants (id) on delete cascade,
    sender_id           uuid references campaigns.senders (id) on delete set null,
    gateway_message_id  text not null,          -- the reply's own key.id
    jid                 text not null,          -- key.remoteJid as sent (may be an @lid id)
    phone               text,                   -- E.164, from remoteJid or remoteJidAlt, when either carries it
    campaign_id         uuid,                   -- with message_phone: the campaign message it answers (messages' key)
    message_phone       text,
    body                text,                   -- the reply's text, at most 4,096 characters
    opt_out             text check (opt_out in ('stop', 'start')),
    received_at         timestamptz not null default now(),
    unique (tenant_id, gateway_message_id)
);
create index replies_campaign on campaigns.replies (campaign_id, received_at) where campaign_id is not null;
create index replies_tenant_received on campaigns.replies (tenant_id, received_at);

-- Why a number is suppressed beyond its reason code: the opt-out message, or who added it.
alter table campaigns.suppressions add column detail text;
