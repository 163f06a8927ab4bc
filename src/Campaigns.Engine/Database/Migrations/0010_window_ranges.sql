-- Send windows with several ranges a day (issue 9): range i opens at window_starts[i] and closes at window_ends[i]
-- (an end not after its start runs through midnight), on window_days, in window_time_zone. 1 to 8 ranges, checked
-- not to overlap by the Domain (SendWindow) before they are written. They replace the single window_start/window_end.
alter table campaigns.campaigns
    add column window_starts time[],
    add column window_ends   time[];

update campaigns.campaigns set window_starts = array[window_start], window_ends = array[window_end];

alter table campaigns.campaigns
    alter column window_starts set not null,
    alter column window_ends set not null,
    add constraint campaigns_window_ranges check (
        cardinality(window_starts) between 1 and 8
        and cardinality(window_ends) = cardinality(window_starts)
        and array_ndims(window_starts) = 1 and array_ndims(window_ends) = 1
        and array_position(window_starts, null) is null and array_position(window_ends, null) is null),
    drop column window_start,
    drop column window_end;
