-- Issue 10, reports: test sends. A test of a campaign is a hidden child campaign (kind 'test', parent_id the campaign)
-- that runs at once through the same claim, pacing and caps, but is left out of listings and statistics, and is not
-- bound by (nor counted in) the one-message-per-recipient period.
alter table campaigns.campaigns
    add column kind       text not null default 'campaign' check (kind in ('campaign', 'test')),
    add column parent_id  uuid references campaigns.campaigns (id) on delete cascade,
    add constraint campaigns_test_has_parent check ((kind = 'test') = (parent_id is not null));
create index campaigns_parent on campaigns.campaigns (parent_id, created_at desc) where parent_id is not null;
