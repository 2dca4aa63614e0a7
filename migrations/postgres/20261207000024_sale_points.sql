-- OCOP points of sale (điểm giới thiệu và bán sản phẩm OCOP, Decision 950/QĐ-BCT of 2023) that the
-- province recognises by decision. Staff keep the register; the public directory lists the points
-- that are open or suspended, with the products on sale at each. Coordinates are WGS84 degrees;
-- `search_text` is the name, operator and address folded (lower case, no diacritics).
create table sale_point (
    sale_point_id bigint generated always as identity primary key,
    name text not null,
    operator text not null,
    place_kind text not null check (place_kind in ('transport', 'rest-stop', 'retail', 'tourism', 'craft-village', 'trade-centre', 'fair-centre', 'post-office')),
    address text not null,
    commune_id bigint references commune (commune_id),
    latitude double precision check (latitude between -90 and 90),
    longitude double precision check (longitude between -180 and 180),
    opening_hours text,
    phone text,
    area_m2 bigint check (area_m2 > 0),
    decision_number text,
    decision_date date,
    status text not null default 'open' check (status in ('open', 'suspended', 'closed')),
    search_text text not null default '',
    updated_at timestamptz not null,
    updated_by bigint references app_user (user_id) on delete set null,
    check ((latitude is null) = (longitude is null))
);
create index sale_point_commune on sale_point (commune_id);

-- The products on sale at a point, from the catalogue.
create table sale_point_product (
    sale_point_id bigint not null references sale_point (sale_point_id) on delete cascade,
    product_id bigint not null references product (product_id) on delete cascade,
    primary key (sale_point_id, product_id)
);
create index sale_point_product_product on sale_point_product (product_id);
