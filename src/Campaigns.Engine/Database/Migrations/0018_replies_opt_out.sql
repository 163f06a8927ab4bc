-- Issue 10, replies and opt-outs (ReplyApplier): a campaign may stop messaging a number that replied, and a tenant's
-- opt-out settings (its own keywords beside the defaults, and the replies it wants sent on an opt-out and a re-subscribe).
alter table campaigns.campaigns add column stop_on_reply boolean not null default false;

alter table campaigns.tenants
    add column opt_out_keywords          text[] not null default '{}',
    add column opt_out_confirmation      text,
    add column resubscribe_confirmation  text;

-- A reply is matched to a campaign message by the jid the pre-check answered as well as by the phone: a number whose
-- WhatsApp account has another form (Brazil's mobiles without the ninth digit) replies from that jid.
create index messages_jid on campaigns.messages (jid) where jid is not null;
