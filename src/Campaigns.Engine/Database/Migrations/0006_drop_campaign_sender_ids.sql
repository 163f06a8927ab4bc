-- campaign_senders (0005, with foreign keys) is now the one record of a campaign's senders. Campaigns written between
-- 0005 and this migration by a build that still wrote sender_ids are copied over first.
insert into campaigns.campaign_senders (campaign_id, sender_id, position)
select c.id, s.id, (u.ord - 1)::smallint
from campaigns.campaigns c
cross join lateral unnest(c.sender_ids) with ordinality as u (sender_id, ord)
join campaigns.senders s on s.id = u.sender_id and s.tenant_id = c.tenant_id
on conflict do nothing;

alter table campaigns.campaigns drop column sender_ids;
