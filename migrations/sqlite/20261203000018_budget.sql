-- The year's trade-promotion plan and the money behind each event.

-- The Department's plan for a year: the events it lists are the year's events (by their first day);
-- it is approved when a decision's number and date are recorded. `budget_vnd` is the total the
-- decision approves, against which the events' budgets are read.
create table annual_plan (
    year integer primary key check (year between 1990 and 2100),
    title text not null,
    decision_number text,
    decision_date text,
    issued_by text,
    budget_vnd integer check (budget_vnd >= 0),
    note text,
    updated_at text not null,
    updated_by integer references app_user (user_id) on delete set null,
    check ((decision_number is null) = (decision_date is null))
);

-- An event's budget: one line per cost line and funding source, planned, committed and paid, in
-- whole đồng. For the support paid to producers only the planned figure is stored: what is
-- committed and paid is computed from the approved applications.
create table budget_line (
    budget_line_id integer primary key autoincrement,
    event_id integer not null references event (event_id) on delete cascade,
    cost_line text not null check (cost_line in ('venue', 'construction', 'travel', 'media', 'organisation', 'support')),
    funding text not null check (funding in ('provincial', 'national', 'producers', 'sponsors')),
    planned integer not null default 0 check (planned >= 0),
    committed integer check (committed >= 0),
    paid integer check (paid >= 0),
    note text not null default '',
    updated_at text not null,
    updated_by integer references app_user (user_id) on delete set null,
    unique (event_id, cost_line, funding),
    check (cost_line <> 'support' or (committed is null and paid is null))
);
