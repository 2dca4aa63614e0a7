-- Accounts, sessions, one-time links, the audit log and throttling (issue 3).

-- An organisation's e-mail for the department to reach it (producer users have their own).
alter table producer add column email text;

-- Everyone who can log in: producer users (each in one organisation), staff and admins.
create table app_user (
    user_id integer primary key autoincrement,
    -- stored lower-cased: one account per address whatever the capitals
    email text not null unique,
    -- argon2id (PHC string); null until the person sets one (invited, created by an admin)
    password_hash text,
    full_name text not null,
    phone text,
    role text not null check (role in ('producer', 'staff', 'admin')),
    producer_id integer references producer (producer_id),
    -- the organisation's owner invites its other users
    is_owner boolean not null default false,
    lang text not null default 'vi' check (lang in ('vi', 'en')),
    email_verified_at text,
    disabled_at text,
    created_at text not null,
    updated_at text not null,
    check ((role = 'producer') = (producer_id is not null))
);
create index app_user_producer on app_user (producer_id);

-- Server-side sessions. The cookie carries a random 256-bit token; only its SHA-256 is stored,
-- so a copy of this table logs nobody in.
create table user_session (
    session_hash text primary key,
    user_id integer not null references app_user (user_id) on delete cascade,
    created_at text not null,
    last_seen_at text not null,
    -- the absolute timeout; the idle one is last_seen_at + the idle setting
    expires_at text not null,
    user_agent text,
    client_ip text
);
create index user_session_user on user_session (user_id);

-- Single-use links sent by e-mail: verify an address, reset a password, accept an invitation,
-- set a first password. Only the SHA-256 of the token is stored.
create table account_token (
    token_hash text primary key,
    user_id integer not null references app_user (user_id) on delete cascade,
    purpose text not null check (purpose in ('verify-email', 'reset-password', 'invite', 'set-password')),
    expires_at text not null,
    used_at text,
    created_at text not null
);
create index account_token_user on account_token (user_id, purpose);

-- Who did what, when, from where, and how it went. Never a password or a token.
create table audit_log (
    audit_id integer primary key autoincrement,
    at text not null,
    actor_user_id integer,
    -- as typed, for failed logins of unknown accounts
    actor_email text,
    action text not null,
    object_type text,
    object_id text,
    outcome text not null check (outcome in ('success', 'failure', 'denied')),
    client_ip text,
    detail text
);
create index audit_log_at on audit_log (at);
create index audit_log_actor on audit_log (actor_user_id, at);

-- Attempts counted for throttling, e.g. bucket 'login:ip:203.0.113.7' or 'login:account:a@b.vn'.
-- Kept in the database so that several instances share one count.
create table throttle_hit (
    bucket text not null,
    at text not null
);
create index throttle_hit_bucket on throttle_hit (bucket, at);
