-- Throttle hits get an id: a login records its attempt before the password is checked and gives
-- that one hit back when it succeeds.
alter table throttle_hit add column hit_id bigint generated always as identity primary key;
