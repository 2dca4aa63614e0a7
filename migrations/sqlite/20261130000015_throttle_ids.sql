-- Throttle hits get an id: a login records its attempt before the password is checked and gives
-- that one hit back when it succeeds.
create table throttle_hit_new (
    hit_id integer primary key autoincrement,
    bucket text not null,
    at text not null
);
insert into throttle_hit_new (bucket, at) select bucket, at from throttle_hit;
drop table throttle_hit;
alter table throttle_hit_new rename to throttle_hit;
create index throttle_hit_bucket on throttle_hit (bucket, at);
