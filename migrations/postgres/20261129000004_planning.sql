-- The department's planning (issue 4): notices on changed events and the side programme.

-- Other organisers, one line (e.g. "UBND xã Ea Tu; Hiệp hội Cà phê Buôn Ma Thuột").
alter table event add column co_organisers text;
-- What changed, shown on the public page once a published event is edited, postponed or cancelled.
alter table event add column change_note text;
alter table event add column published_at timestamptz;

-- Sessions inside an event: opening ceremony, conference, workshop, MOU signing, contest, livestream.
create table event_session (
    session_id bigint generated always as identity primary key,
    event_id bigint not null references event (event_id) on delete cascade,
    -- its own iCalendar UID and SEQUENCE: each session is an entry of its own in the feeds
    uid text not null unique,
    sequence integer not null default 0,
    kind text not null check (kind in ('opening', 'conference', 'workshop', 'mou', 'contest', 'livestream', 'other')),
    title_vi text not null,
    title_en text,
    starts_at timestamptz not null,
    ends_at timestamptz not null,
    room text,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    check (ends_at >= starts_at)
);
create index event_session_event on event_session (event_id, starts_at);
