-- Issue 12, direct sends: a direct send is a hidden campaign of one message (kind 'direct'); its completing or waiting
-- for a sender is not a campaign's event, so it posts no campaign.completed / campaign.stalled alert (a busy API user
-- would otherwise get one alert per message). Its status is followed at GET /api/messages/{id}.
drop trigger campaigns_alerts on campaigns.campaigns;
create trigger campaigns_alerts after update of status, waiting_since on campaigns.campaigns
    for each row
    when (new.kind <> 'direct'
          and ((new.status = 'completed' and old.status <> 'completed')
               or (new.waiting_since is not null and old.waiting_since is null)))
    execute function campaigns.alert_campaign_events();
