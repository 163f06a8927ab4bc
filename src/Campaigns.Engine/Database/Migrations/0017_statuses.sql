-- Issue 10, part 2: message statuses, sender state and missing receipts from webhooks (see docs/architecture.md,
-- "Results from webhooks").

-- The inbox id of the last connection.update applied to the sender: two processor runs can apply a batch each at once,
-- so an event older than the last applied one is ignored (ConnectionStateApplier).
alter table campaigns.senders add column state_event_id bigint;

-- A message still `sent` Receipts:FlagAfter after sent_at (a wrong jid leaves it pending forever) is flagged, and
-- checked against the gateway's record now and then (MissingReceiptsJob). A later status clears the flag.
alter table campaigns.messages
    add column receipt_missing_at  timestamptz,
    add column receipt_checked_at  timestamptz;  -- the last check against the gateway's record (null: never)
-- What the job flags (sent, not flagged yet) and what it checks (flagged, still sent): both small beside messages.
create index messages_receipt_awaited on campaigns.messages (sent_at) where status = 'sent' and receipt_missing_at is null;
create index messages_receipt_missing on campaigns.messages (sent_at) where status = 'sent' and receipt_missing_at is not null;
