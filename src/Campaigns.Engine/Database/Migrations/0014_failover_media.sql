-- Failover (issue 9): a running campaign that no sender can serve waits, and says so once per wait: the failover job
-- sets waiting_since (and writes one 'waiting_for_sender' event) when the wait begins and clears it when it ends.
alter table campaigns.campaigns add column waiting_since timestamptz;

-- The failover job looks every 30 s at the senders that cannot send (paused, not open) or may not make first contacts
-- (reach-out timelock): few rows, found without a scan of every sender.
create index senders_failover on campaigns.senders (id)
    where paused_reason is not null or state <> 'open' or restricted_until is not null;
