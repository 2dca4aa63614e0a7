-- An event's booths are counted by event (its outcomes, the year's dashboard and reports): without
-- this index each count read every allocation of every event (a full scan per event).
create index allocation_event on allocation (event_id);
