-- Ban avoidance beyond the floor (issue 9): what the pre-check, the spread-out day, restrictions, warm-up memory,
-- failover and typing need. Columns only; the code that uses each arrives with it.

-- The pre-check: the jid the gateway answered for the recipient (messages go to it, not to the number as typed);
-- null until the number is checked. A queued message is dispatched only once it has one.
alter table campaigns.messages add column jid text;
create index messages_unchecked on campaigns.messages (campaign_id, sender_id) where status = 'queued' and jid is null;

-- Per sender: the pacing profile ('spread': the day's budget spread over its open hours; 'floor': only the floor and
-- the jitter), optional per-minute and per-hour caps, typing simulation, the reach-out timelock (463) and the start of
-- the ramp after a reconnect.
alter table campaigns.senders
    add column pacing_profile     text not null default 'spread' check (pacing_profile in ('spread', 'floor')),
    add column max_per_minute     integer check (max_per_minute between 1 and 60),
    add column max_per_hour       integer check (max_per_hour between 1 and 3600),
    add column typing             boolean not null default false,
    add column restricted_until   timestamptz,  -- first-contact sends stop until then (reach-out timelock)
    add column restriction        text,         -- what restricted it, e.g. 'reachout_timelock'
    add column restricted_at      timestamptz,
    add column reconnected_at     timestamptz;  -- the sender ramps up over its first minutes after this

-- Per number (one budget per linked phone): the pre-check's own pacing, recent sends for the per-minute and per-hour
-- caps, and the day the warm-up ramp (re)started (null: the sender's activated_on).
alter table campaigns.numbers
    add column lookup_next_at  timestamptz,
    add column recent_sends    timestamptz[] not null default '{}',
    add column warmup_from     date;

-- Per tenant and recipient: when the recipient last had a message from its sender accepted by the gateway (or, later,
-- replied): a recipient without one is a first contact, which a reach-out timelock blocks.
alter table campaigns.recipients add column contacted_at timestamptz;

-- What happened to a campaign that its user should see: failover, restrictions, waiting with no sender.
create table campaigns.campaign_events (
    id           bigint generated always as identity primary key,
    campaign_id  uuid not null references campaigns.campaigns (id) on delete cascade,
    at           timestamptz not null default now(),
    kind         text not null,   -- e.g. 'failover', 'sender_restricted', 'waiting_for_sender'
    detail       jsonb not null default '{}'
);
create index campaign_events_campaign on campaigns.campaign_events (campaign_id, id desc);
