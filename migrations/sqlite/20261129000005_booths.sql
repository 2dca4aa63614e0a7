-- What staff set up before producers apply (issue 4): the call for applications with its support
-- rates, booth types, zones, the floor plan with its booths, and blocks of booths held for a
-- commune or a visiting province. Prices are whole đồng; rates are percent.

create table application_call (
    event_id integer primary key references event (event_id) on delete cascade,
    opens_at text not null,
    closes_at text not null,
    -- who may apply: null = all producers, else only OCOP products of at least this many stars
    min_stars integer check (min_stars between 3 and 5),
    max_booths integer not null check (max_booths between 1 and 20),
    documents_vi text not null default '',
    documents_en text not null default '',
    -- support in percent of the booth price, by the best rating a producer shows: data, not constants
    support_5 integer not null default 0 check (support_5 between 0 and 100),
    support_4 integer not null default 0 check (support_4 between 0 and 100),
    support_3 integer not null default 0 check (support_3 between 0 and 100),
    support_none integer not null default 0 check (support_none between 0 and 100),
    created_at text not null,
    updated_at text not null,
    check (closes_at > opens_at)
);

-- Only these product groups may apply (none: all).
create table call_product_group (
    event_id integer not null references application_call (event_id) on delete cascade,
    product_group_id integer not null references product_group (product_group_id),
    primary key (event_id, product_group_id)
);

create table booth_type (
    booth_type_id integer primary key autoincrement,
    event_id integer not null references event (event_id) on delete cascade,
    name_vi text not null,
    name_en text,
    size text not null check (size in ('standard', 'corner', 'double', 'pavilion', 'outdoor', 'online')),
    price_vnd integer not null check (price_vnd >= 0),
    -- the most support a booth of this type can get
    support_rate integer not null check (support_rate between 0 and 100),
    count integer not null check (count >= 0),
    created_at text not null
);
create index booth_type_event on booth_type (event_id);

create table zone (
    zone_id integer primary key autoincrement,
    event_id integer not null references event (event_id) on delete cascade,
    name_vi text not null,
    name_en text,
    created_at text not null,
    unique (event_id, name_vi)
);

create table floor_plan (
    event_id integer primary key references event (event_id) on delete cascade,
    cols integer not null check (cols between 1 and 60),
    rows integer not null check (rows between 1 and 40)
);

create table booth_block (
    block_id integer primary key autoincrement,
    event_id integer not null references event (event_id) on delete cascade,
    -- a commune of the province, or a visiting province by name
    commune_id integer references commune (commune_id),
    province text,
    contact_name text not null,
    contact_phone text not null,
    created_at text not null,
    check ((commune_id is null) <> (province is null))
);

create table booth (
    booth_id integer primary key autoincrement,
    event_id integer not null references event (event_id) on delete cascade,
    code text not null,
    booth_type_id integer not null references booth_type (booth_type_id) on delete cascade,
    zone_id integer references zone (zone_id) on delete set null,
    x integer not null check (x >= 1),
    y integer not null check (y >= 1),
    width integer not null default 1 check (width between 1 and 2),
    status text not null default 'available' check (status in ('available', 'blocked', 'held')),
    label text,
    block_id integer references booth_block (block_id) on delete set null,
    created_at text not null,
    -- two booths never share a code or a cell's top-left corner
    unique (event_id, code),
    unique (event_id, x, y),
    check ((status = 'held') = (block_id is not null))
);
create index booth_event on booth (event_id);
