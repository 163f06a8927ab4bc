-- Alerts (issue 10): a tenant's alert URL and an outbox of the events to post to it, signed. The events are written
-- by triggers on senders and campaigns, so every writer of those columns (dispatch, the webhook appliers, the API,
-- failover, restrictions) is covered without calling anything; nothing is written for a tenant without an alert URL.

-- One alert URL per tenant. The signing secret is stored encrypted (SecretProtector): HMAC needs the secret itself.
create table campaigns.alert_endpoints (
    tenant_id         uuid primary key references campaigns.tenants (id) on delete cascade,
    url               text not null,
    secret_protected  text not null,
    created_at        timestamptz not null default now(),
    last_delivery_at  timestamptz,                 -- the last attempt, successful or not
    last_status       text,                        -- its answer: an HTTP status ('204') or why none ('timeout')
    failing_since     timestamptz,                 -- the first failed attempt since the last success; null: not failing
    served_at         timestamptz,                 -- the delivery job serves the tenant served longest ago first
    dropped           bigint not null default 0    -- events given up (Alerts:MaxAttempts) or pushed out (Alerts:MaxQueued)
);

-- Events waiting for delivery (a delivered or given-up event is deleted). Removing the URL removes its queue.
create table campaigns.alert_outbox (
    id               bigint generated always as identity primary key,
    event_id         uuid not null default gen_random_uuid(),
    tenant_id        uuid not null references campaigns.alert_endpoints (tenant_id) on delete cascade,
    type             text not null,
    at               timestamptz not null default now(),
    data             jsonb not null,
    attempts         smallint not null default 0,
    next_attempt_at  timestamptz not null default now(),   -- while a delivery runs: the end of its lease
    last_error       text
);
create index alert_outbox_due on campaigns.alert_outbox (tenant_id, next_attempt_at, id);

-- A moment as the events carry it: ISO 8601 in UTC, whatever the session's time zone.
create function campaigns.alert_time(t timestamptz) returns text language sql stable as
$$ select to_char(t at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') $$;

-- sender.paused (a pause begins: paused_reason null → set), sender.restricted (a restriction begins: restricted_until
-- set while none was in force; lengthening an active one is not a new event), sender.disconnected (state open → any other).
create function campaigns.alert_sender_events() returns trigger language plpgsql as
$$
begin
    if not exists (select 1 from campaigns.alert_endpoints e where e.tenant_id = new.tenant_id) then
        return null;
    end if;
    if new.paused_reason is not null and old.paused_reason is null then
        insert into campaigns.alert_outbox (tenant_id, type, data)
        values (new.tenant_id, 'sender.paused', jsonb_build_object(
            'senderId', new.id, 'name', new.name, 'reason', new.paused_reason,
            'pausedAt', campaigns.alert_time(coalesce(new.paused_at, now()))));
    end if;
    if new.restricted_until > now() and (old.restricted_until is null or old.restricted_until <= now()) then
        insert into campaigns.alert_outbox (tenant_id, type, data)
        values (new.tenant_id, 'sender.restricted', jsonb_build_object(
            'senderId', new.id, 'name', new.name, 'restriction', new.restriction,
            'until', campaigns.alert_time(new.restricted_until)));
    end if;
    if old.state = 'open' and new.state <> 'open' then
        insert into campaigns.alert_outbox (tenant_id, type, data)
        values (new.tenant_id, 'sender.disconnected', jsonb_build_object(
            'senderId', new.id, 'name', new.name, 'state', new.state, 'reason', new.state_reason));
    end if;
    return null;
end
$$;
create trigger senders_alerts after update of paused_reason, restricted_until, state on campaigns.senders
    for each row
    when ((new.paused_reason is not null and old.paused_reason is null)
          or (new.restricted_until is not null and new.restricted_until is distinct from old.restricted_until)
          or (old.state = 'open' and new.state <> 'open'))
    execute function campaigns.alert_sender_events();

-- campaign.completed (status → completed) and campaign.stalled (waiting_since null → set: the failover job found that
-- no sender of the running campaign can take its messages; see CampaignWaiting).
create function campaigns.alert_campaign_events() returns trigger language plpgsql as
$$
begin
    if not exists (select 1 from campaigns.alert_endpoints e where e.tenant_id = new.tenant_id) then
        return null;
    end if;
    if new.status = 'completed' and old.status <> 'completed' then
        insert into campaigns.alert_outbox (tenant_id, type, data)
        values (new.tenant_id, 'campaign.completed', jsonb_build_object(
            'campaignId', new.id, 'name', new.name,
            'completedAt', campaigns.alert_time(coalesce(new.completed_at, now()))));
    end if;
    if new.waiting_since is not null and old.waiting_since is null then
        insert into campaigns.alert_outbox (tenant_id, type, data)
        values (new.tenant_id, 'campaign.stalled', jsonb_build_object(
            'campaignId', new.id, 'name', new.name, 'reason', 'no_usable_sender',
            'since', campaigns.alert_time(new.waiting_since)));
    end if;
    return null;
end
$$;
create trigger campaigns_alerts after update of status, waiting_since on campaigns.campaigns
    for each row
    when ((new.status = 'completed' and old.status <> 'completed')
          or (new.waiting_since is not null and old.waiting_since is null))
    execute function campaigns.alert_campaign_events();
