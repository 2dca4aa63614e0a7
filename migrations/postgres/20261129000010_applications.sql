-- Producers apply for booths; staff review, rank, allocate and notify (issue 5).

-- A recurring fair ("same fair as last year"): the first event of its series, null when the event
-- starts its own. A producer's first time in a series earns priority points.
alter table event add column series_id bigint references event (event_id) on delete set null;

-- The priority score's weights, per call: data, never constants.
alter table application_call add column score_5 integer not null default 50 check (score_5 between 0 and 100);
alter table application_call add column score_4 integer not null default 40 check (score_4 between 0 and 100);
alter table application_call add column score_3 integer not null default 30 check (score_3 between 0 and 100);
alter table application_call add column score_none integer not null default 0 check (score_none between 0 and 100);
alter table application_call add column score_valid integer not null default 10 check (score_valid between 0 and 100);
alter table application_call add column score_group integer not null default 10 check (score_group between 0 and 100);
alter table application_call add column score_first integer not null default 10 check (score_first between 0 and 100);
-- how long a waiting-list producer has to accept a freed booth
alter table application_call add column offer_hours integer not null default 72 check (offer_hours between 1 and 720);

-- One application per producer and event; its status moves only along the transitions of
-- app::domain::application::Status.
create table application (
    application_id bigint generated always as identity primary key,
    event_id bigint not null references application_call (event_id) on delete cascade,
    producer_id bigint not null references producer (producer_id) on delete cascade,
    status text not null check (status in ('draft', 'submitted', 'in-review', 'changes-requested', 'approved',
                                           'waitlisted', 'offered', 'lapsed', 'rejected', 'withdrawn')),
    booth_type_id bigint references booth_type (booth_type_id) on delete set null,
    booth_count integer not null default 1 check (booth_count between 1 and 20),
    zone_id bigint references zone (zone_id) on delete set null,
    -- the producer's note to staff
    note text,
    -- the last message to the producer (a reason for a refusal, what to change)
    message text,
    -- internal: never shown to the producer
    staff_comment text,
    submitted_at timestamptz,
    first_submitted_at timestamptz,
    offer_expires_at timestamptz,
    paid_at timestamptz,
    paid_by bigint references app_user (user_id),
    created_at timestamptz not null,
    updated_at timestamptz not null,
    unique (event_id, producer_id)
);
create index application_event on application (event_id, status);
create index application_producer on application (producer_id);

create table application_product (
    application_id bigint not null references application (application_id) on delete cascade,
    product_id bigint not null references product (product_id) on delete cascade,
    primary key (application_id, product_id)
);

create table application_answer (
    application_id bigint not null references application (application_id) on delete cascade,
    question_id bigint not null references call_question (question_id) on delete cascade,
    value text not null,
    primary key (application_id, question_id)
);

-- The status timeline the producer sees (message: what staff told them; never internal comments).
create table application_history (
    history_id bigint generated always as identity primary key,
    application_id bigint not null references application (application_id) on delete cascade,
    status text not null,
    message text,
    by_user_id bigint references app_user (user_id),
    at timestamptz not null
);
create index application_history_application on application_history (application_id, history_id);

-- A booth given to an application. A booth never holds two allocations: the unique index is the
-- guard, so that two staff (or a staff member and an offer) racing for one booth cannot both win.
create table allocation (
    allocation_id bigint generated always as identity primary key,
    event_id bigint not null references event (event_id) on delete cascade,
    booth_id bigint not null references booth (booth_id) on delete cascade,
    application_id bigint not null references application (application_id) on delete cascade,
    created_by bigint references app_user (user_id),
    created_at timestamptz not null
);
create unique index allocation_booth on allocation (booth_id);
create index allocation_application on allocation (application_id);

-- A producer's private calendar feed: a secret URL (its SHA-256 is kept), revocable.
create table producer_feed (
    producer_id bigint primary key references producer (producer_id) on delete cascade,
    token_hash text not null unique,
    created_at timestamptz not null
);
