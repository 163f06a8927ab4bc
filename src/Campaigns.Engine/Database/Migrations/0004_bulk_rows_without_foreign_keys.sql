-- Contacts and messages are written only in bulk (binary COPY), by one writer each, and PostgreSQL checks a foreign key
-- row by row: the check on contacts → contact_lists doubled an import's COPY. So both keys go, and a statement-level
-- delete trigger on each parent keeps the cascade (one set-based delete per statement, however many parents it removes;
-- a tenant's deletion reaches lists and campaigns through their own cascades, and so these triggers).
--
-- What the keys also guaranteed is kept by the writers: the importer inserts a list's contacts in the transaction that
-- creates the list, and the prepare job commits a campaign's messages only with its update of that campaign's row
-- (which finds no row, and rolls everything back, if the campaign was deleted meanwhile).
-- contact_import_errors keeps its foreign key: its rows are few (the rows of a file that could not be used).

alter table campaigns.contacts drop constraint contacts_list_id_fkey;
alter table campaigns.messages drop constraint messages_campaign_id_fkey;

create function campaigns.delete_contacts_of_deleted_lists() returns trigger
language plpgsql as $$
begin
    delete from campaigns.contacts c using deleted_lists d where c.list_id = d.id;
    return null;
end;
$$;

create trigger contact_lists_delete_contacts
    after delete on campaigns.contact_lists
    referencing old table as deleted_lists
    for each statement execute function campaigns.delete_contacts_of_deleted_lists();

create function campaigns.delete_messages_of_deleted_campaigns() returns trigger
language plpgsql as $$
begin
    delete from campaigns.messages m using deleted_campaigns d where m.campaign_id = d.id;
    return null;
end;
$$;

create trigger campaigns_delete_messages
    after delete on campaigns.campaigns
    referencing old table as deleted_campaigns
    for each statement execute function campaigns.delete_messages_of_deleted_campaigns();
