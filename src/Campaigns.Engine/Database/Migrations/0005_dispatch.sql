-- What dispatch needs: the campaign's senders with foreign keys, per-message dispatch facts, one budget per linked
-- number (whoever registered it), the recipients' sticky sender and last campaign message, the number-check cache and
-- the leases of the dispatch loops.

-- A campaign whose start lies in the future waits as `scheduled`.
alter table campaigns.campaigns drop constraint campaigns_status_check;
alter table campaigns.campaigns add constraint campaigns_status_check
    check (status in ('draft', 'preparing', 'ready', 'scheduled', 'running', 'paused', 'completed', 'cancelled'));
alter table campaigns.campaigns
    add column started_at    timestamptz,
    add column completed_at  timestamptz;
create index campaigns_running on campaigns.campaigns (id) where status = 'running';
create index campaigns_scheduled on campaigns.campaigns (start_at) where status = 'scheduled';

-- The campaign's senders, checked by foreign keys (the uuid[] column was not). `last_claimed_at` interleaves the
-- campaigns that share a sender: the one served longest ago goes first.
create table campaigns.campaign_senders (
    campaign_id      uuid not null references campaigns.campaigns (id) on delete cascade,
    sender_id        uuid not null references campaigns.senders (id) on delete cascade,
    position         smallint not null,
    last_claimed_at  timestamptz,
    primary key (campaign_id, sender_id)
);
create index campaign_senders_sender on campaigns.campaign_senders (sender_id);

insert into campaigns.campaign_senders (campaign_id, sender_id, position)
select c.id, s.id, (u.ord - 1)::smallint
from campaigns.campaigns c
cross join lateral unnest(c.sender_ids) with ordinality as u (sender_id, ord)
join campaigns.senders s on s.id = u.sender_id and s.tenant_id = c.tenant_id
on conflict do nothing;

-- Per message: who sends it, the recipient's zone (for windows), the claim, the gateway's answer.
alter table campaigns.messages
    add column sender_id           uuid,         -- assigned when the campaign starts
    add column time_zone           text,         -- the recipient's IANA zone, from the number, computed at prepare
    add column gateway_message_id  text,         -- WhatsApp's message id (the send's key.id): webhooks are keyed by it
    add column claimed_at          timestamptz,  -- queued → sending
    add column claimed_by          text,         -- the dispatch loop that claimed it
    add column attempts            smallint not null default 0,
    add column sent_at             timestamptz,
    add column error_code          text,
    add column error               text;
create index messages_queued on campaigns.messages (campaign_id, sender_id, phone) where status = 'queued';
create index messages_sending on campaigns.messages (claimed_at) where status = 'sending';
create index messages_unfinished on campaigns.messages (campaign_id) where status in ('pending', 'queued', 'sending');
create index messages_gateway_id on campaigns.messages (gateway_message_id) where gateway_message_id is not null;

-- One linked number, one budget: the pacing state is keyed by the number, not by the sender that registered it, so
-- neither a second registration nor a delete and re-register gives a phone a second budget.
-- next_send_at: null = parked (nothing to send), <= now() = due; while a send is in flight it holds the lease's end.
create table campaigns.numbers (
    phone         text primary key,
    next_send_at  timestamptz,
    last_sent_at  timestamptz,   -- when its last send left (an upper bound, on the database's clock)
    day           date,          -- the local day sent_today and cap_today count
    sent_today    integer not null default 0,
    cap_today     integer
) with (fillfactor = 70, autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 500,
        autovacuum_vacuum_cost_delay = 0);
create index numbers_due on campaigns.numbers (next_send_at) where next_send_at is not null;

-- Written by nothing yet: their role is the numbers table's.
drop table campaigns.sender_days;
drop table campaigns.sender_pacing;

-- One live sender per number and per instance, across tenants. `instance_endpoint` is the canonical (gateway, instance)
-- the application computes; older rows get it at their next registration check. Duplicates registered before this
-- migration keep the oldest registration's number.
update campaigns.senders s set phone = null
where s.phone is not null
  and exists (select 1 from campaigns.senders o
              where o.phone = s.phone and (o.created_at, o.id) < (s.created_at, s.id));
create unique index senders_phone on campaigns.senders (phone) where phone is not null;
alter table campaigns.senders
    add column instance_endpoint     text,
    add column paused_reason         text,          -- why dispatch (or its user) paused it; null: not paused
    add column paused_at             timestamptz,
    add column consecutive_failures  integer not null default 0,
    add column backoff_until         timestamptz;
create unique index senders_instance_endpoint on campaigns.senders (instance_endpoint) where instance_endpoint is not null;

-- Per tenant and recipient: the sender that last talked with them (sticky assignment) and the last campaign message
-- (at most one per configurable period across campaigns).
create table campaigns.recipients (
    tenant_id                 uuid not null references campaigns.tenants (id) on delete cascade,
    phone                     text not null,
    sender_id                 uuid references campaigns.senders (id) on delete set null,
    last_campaign_message_at  timestamptz,
    primary key (tenant_id, phone)
);

-- The pre-check cache: whether a number is on WhatsApp, and the jid the gateway answered.
create table campaigns.number_checks (
    tenant_id    uuid not null references campaigns.tenants (id) on delete cascade,
    phone        text not null,
    on_whatsapp  boolean not null,
    jid          text,
    checked_at   timestamptz not null,
    primary key (tenant_id, phone)
);

-- The long-running dispatch loops: a slot is held by one loop at a time, through its lease.
create table campaigns.dispatch_loops (
    slot          integer primary key,
    owner         text,
    lease_until   timestamptz,
    heartbeat_at  timestamptz
);
