-- Restrictions and health (issue 9, part 4). 0009 holds the reach-out timelock's columns (senders.restricted_until,
-- restriction, restricted_at; recipients.contacted_at); this adds what the health guard reads.

-- The health guard's memory per sender, one small row: the last Dispatch:HealthWindow outcomes of its sends, oldest
-- first, one letter each (s sent, f refused for the recipient, n not on WhatsApp, e a gateway error or an ERROR answer),
-- and when dispatch paused it for a connection not open (kept for Dispatch:HealthFlapWindow). The completion batch
-- appends to it in the statement that already writes the senders, and reads it back only for senders with a failure.
create table campaigns.sender_health (
    sender_id    uuid primary key references campaigns.senders (id) on delete cascade,
    outcomes     text not null default '',
    not_open_at  timestamptz[] not null default '{}'
);

-- Senders under a reach-out timelock (few at any time), for failover and operators.
create index senders_restricted on campaigns.senders (restricted_until) where restricted_until is not null;
