-- Buyers' inquiries: a buyer (a distributor, a supermarket, an exporter, a restaurant…) asks a
-- producer about one of its products, or about what it makes, without an account, and may name
-- the event where they met. The inquiry reaches the producer only once the buyer has confirmed
-- their e-mail address by the link mailed to them (`token_hash` is that link's secret, hashed);
-- the producer answers by e-mail and marks how it went.
create table inquiry (
    inquiry_id bigint generated always as identity primary key,
    producer_id bigint not null references producer (producer_id) on delete cascade,
    product_id bigint references product (product_id) on delete set null,
    event_id bigint references event (event_id) on delete set null,
    buyer_name text not null,
    organisation text not null,
    buyer_type text not null check (buyer_type in ('distributor', 'supermarket', 'exporter', 'horeca', 'other')),
    place text not null,
    email text not null,
    phone text,
    quantity text not null,
    message text not null,
    lang text not null check (lang in ('vi', 'en')),
    token_hash text not null unique,
    created_at timestamptz not null,
    confirmed_at timestamptz,
    status text not null default 'new' check (status in ('new', 'answered', 'quoted', 'deal', 'no-deal')),
    status_at timestamptz
);
create index inquiry_producer on inquiry (producer_id, confirmed_at);
create index inquiry_event on inquiry (event_id);
