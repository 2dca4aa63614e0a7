-- What producers report after an event, the contracts and MOUs signed at or after it, and their
-- follow-up. Money is whole đồng.

-- how many days after an event's last day its producers have to report their results
alter table application_call add column report_days integer not null default 15 check (report_days between 1 and 90);

-- One report per approved application. The row is made when the report is asked for (the event
-- has ended: `requested_at`, with its due date) or when the producer reports first; a reminder
-- goes once before the due date. Submitted when `submitted_at` is set.
create table producer_report (
    application_id integer primary key references application (application_id) on delete cascade,
    event_id integer not null references event (event_id) on delete cascade,
    due_on text not null,
    requested_at text,
    reminded_at text,
    submitted_at text,
    sales integer check (sales >= 0),
    orders integer check (orders >= 0),
    satisfaction integer check (satisfaction between 1 and 5),
    comment text,
    updated_at text not null
);
create index producer_report_event on producer_report (event_id);

-- The register of contracts and MOUs: from a producer's report (`application_id`) or entered by
-- staff (none). An optional foreign currency and amount beside the value in đồng.
create table deal (
    deal_id integer primary key autoincrement,
    event_id integer not null references event (event_id) on delete cascade,
    application_id integer references application (application_id) on delete cascade,
    kind text not null check (kind in ('contract', 'mou')),
    counterparty text not null,
    counterparty_type text not null check (counterparty_type in ('distributor', 'supermarket', 'exporter', 'horeca', 'other')),
    place text not null default '',
    product text not null default '',
    value_vnd integer not null check (value_vnd >= 0),
    currency text check (currency is null or length(currency) = 3),
    foreign_amount integer check (foreign_amount >= 0),
    signed_on text not null,
    created_at text not null,
    created_by integer references app_user (user_id) on delete set null
);
create index deal_event on deal (event_id);
create index deal_application on deal (application_id);

-- Has a deal turned into orders: noted at 3, 6 and 12 months after signing.
create table deal_follow_up (
    deal_id integer not null references deal (deal_id) on delete cascade,
    months integer not null check (months in (3, 6, 12)),
    status text not null check (status in ('ordering', 'pending', 'stalled', 'cancelled')),
    realised_vnd integer not null default 0 check (realised_vnd >= 0),
    note text not null default '',
    noted_at text not null,
    noted_by integer references app_user (user_id) on delete set null,
    primary key (deal_id, months)
);

-- The buyers a producer met at the event (its leads), as it reported them.
create table buyer_contact (
    contact_id integer primary key autoincrement,
    application_id integer not null references application (application_id) on delete cascade,
    name text not null,
    organisation text not null default '',
    contact text not null default '',
    note text not null default ''
);
create index buyer_contact_application on buyer_contact (application_id);

-- An indicator whose outcome, until staff type one, is summed from the producers' reports (sales,
-- orders) or from the register (deals and their value).
alter table indicator add column summed text check (summed in ('sales', 'orders', 'deals', 'deals-value'));
update indicator set summed = 'sales' where code in ('retail-sales', 'revenue', 'gross-sales');
update indicator set summed = 'orders' where code in ('orders', 'online-orders');
update indicator set summed = 'deals' where code = 'contracts';
update indicator set summed = 'deals-value' where code = 'contracts-value';
