-- Issue 12: a sender's campaigns as the claim reads them, without its history. Every direct send is a campaign of its
-- own (kind 'direct', 0021) with a campaign_senders row, so a busy sender gathers thousands of finished campaigns (300
-- direct sends a day are 100,000 a year), and the claim, which looks at a sender's campaigns on every pick, read them
-- all (20,000 finished direct sends on one sender tripled a 100-number claim's time). `running` mirrors the campaign's
-- status (= 'running'), kept by triggers so that every writer of campaigns.status (start, pause, resume, cancel,
-- completion in dispatch, pre-check and reconciliation) is covered; readers still check campaigns.status.
alter table campaigns.campaign_senders add column running boolean not null default false;
update campaigns.campaign_senders cs set running = true
  from campaigns.campaigns k where k.id = cs.campaign_id and k.status = 'running';
create index campaign_senders_running on campaigns.campaign_senders (sender_id) where running;

create function campaigns.campaign_senders_running_on_insert() returns trigger language plpgsql as
$$
begin
    new.running := exists (select 1 from campaigns.campaigns k where k.id = new.campaign_id and k.status = 'running');
    return new;
end
$$;
create trigger campaign_senders_running before insert on campaigns.campaign_senders
    for each row execute function campaigns.campaign_senders_running_on_insert();

create function campaigns.campaign_senders_running_on_status() returns trigger language plpgsql as
$$
begin
    update campaigns.campaign_senders set running = (new.status = 'running')
     where campaign_id = new.id and running is distinct from (new.status = 'running');
    return null;
end
$$;
create trigger campaigns_senders_running after update of status on campaigns.campaigns
    for each row
    when ((old.status = 'running') is distinct from (new.status = 'running'))
    execute function campaigns.campaign_senders_running_on_status();
