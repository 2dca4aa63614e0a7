-- Photos of a point of sale (its shop front, its shelves): pictures stored under
-- UPLOAD_DIR/points with random names, the kind read from the first bytes. Public while the point
-- is not closed; staff alone add and remove them.
create table sale_point_photo (
    photo_id bigint generated always as identity primary key,
    sale_point_id bigint not null references sale_point (sale_point_id) on delete cascade,
    stored_name text not null unique,
    size_bytes bigint not null,
    created_at timestamptz not null
);
create index sale_point_photo_point on sale_point_photo (sale_point_id);
