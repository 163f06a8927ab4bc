-- Issue 12: direct sends, bulk sends, API keys a tenant manages, reseller tokens.

-- A direct send (POST /api/messages) is a hidden campaign of one message (kind 'direct'), created running on one
-- sender, as a test send is: it goes through the same pre-check, claim, pacing, daily cap and results, and the
-- message's id is the direct campaign's id. Its origin says who asked: the API, or the opt-out / re-subscribe
-- confirmation sent in answer to a recipient's reply. A bulk send (POST /api/messages/bulk) is an ordinary campaign
-- (kind 'campaign') whose origin is 'bulk'.
alter table campaigns.campaigns drop constraint campaigns_kind_check;
alter table campaigns.campaigns
    add constraint campaigns_kind_check check (kind in ('campaign', 'test', 'direct')),
    add column origin           text check (origin in ('bulk', 'api', 'opt_out', 'resubscribe')),
    add constraint campaigns_direct_origin check ((kind = 'direct') = (origin is not null and origin <> 'bulk')),
    -- A caller's Idempotency-Key (or the engine's own key, e.g. one per opt-out reply): the same key gives the same send.
    add column idempotency_key  text check (length(idempotency_key) between 1 and 200),
    -- A bulk caller's `delay`: at least this long between two of the campaign's sends from one sender. It can only
    -- slow the campaign: the sender's floor, jitter and caps still hold.
    add column min_gap_ms       integer check (min_gap_ms between 1000 and 3600000);
create unique index campaigns_idempotency on campaigns.campaigns (tenant_id, idempotency_key) where idempotency_key is not null;
-- A tenant's direct sends by time: the variation rule over them and their listing.
create index campaigns_direct on campaigns.campaigns (tenant_id, created_at desc, id desc) where kind = 'direct';

-- API keys as a tenant manages them: named, listed with their last use (written at most once a minute), revoked.
-- A token (POST /api/auth/token) names the key it was made from and dies with it.
alter table campaigns.api_keys
    add column name          text,
    add column last_used_at  timestamptz;
update campaigns.api_keys set name = 'First key' where name is null;
alter table campaigns.api_keys
    alter column name set not null,
    add constraint api_keys_name_length check (length(name) between 1 and 100);
create index api_keys_tenant on campaigns.api_keys (tenant_id, created_at desc, id desc);
