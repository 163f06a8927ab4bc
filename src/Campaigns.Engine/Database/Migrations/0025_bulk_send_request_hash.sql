-- Issue 12, bulk sends: a bulk send made under an Idempotency-Key keeps the SHA-256 of its request, so that the same
-- key with a different body is refused (409 bulk.idempotency_conflict, as a direct send's) instead of answering the
-- campaign the first body made. Null for every other campaign, and for bulk sends made without a key.
alter table campaigns.campaigns add column request_hash bytea;
