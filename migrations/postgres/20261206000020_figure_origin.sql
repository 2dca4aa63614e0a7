-- Where an event's recorded outcome came from: typed by staff ('staff'), the producers' reports or
-- the register added up when staff confirmed ('reports'), or counted by the system from the
-- event's applications and booths when staff confirmed ('system'). Empty while nothing is
-- recorded. Outcomes recorded before this column take the indicator's own source.
alter table event_figure add column actual_from text check (actual_from in ('staff', 'reports', 'system'));

update event_figure set actual_from = (select i.source from indicator i where i.code = event_figure.indicator_code)
where actual is not null or actual_text is not null;
