-- Issue 10, the inbox: coalescing connection.update, and the processor's claim.

-- The state of the last connection.update stored per sender: another with the same state is not stored again until
-- Webhooks:StateHeartbeat has passed (an instance that cannot reach WhatsApp posts "connecting" twice a second).
alter table campaigns.senders
    add column webhook_state     text,
    add column webhook_state_at  timestamptz;

-- The processor claims due rows, oldest due first; this replaces the index on id of unprocessed rows.
drop index campaigns.webhook_inbox_unprocessed;
create index webhook_inbox_due on campaigns.webhook_inbox ((coalesce(next_attempt_at, received_at)), id) where processed_at is null;
