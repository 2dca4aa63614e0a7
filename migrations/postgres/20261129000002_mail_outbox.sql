-- Mail waiting to be sent (shared/DESIGN.md, Mail). A request writes its row in the same
-- transaction as the change it reports; a worker sends it, so a slow or absent SMTP server never
-- slows a request or loses a message.
create table mail_outbox (
    mail_id bigint generated always as identity primary key,
    -- fixed when the row is written: a resend after a crash carries the same Message-ID
    message_id text not null unique,
    -- the template that made it (for admins and tests)
    kind text not null,
    lang text not null check (lang in ('vi', 'en')),
    to_address text not null,
    to_name text,
    subject text not null,
    text_body text not null,
    html_body text not null,
    status text not null check (status in ('pending', 'sending', 'sent', 'failed')),
    attempts integer not null default 0,
    next_attempt_at timestamptz not null,
    -- a worker's claim on a 'sending' row; once past, another worker may take the row again
    claimed_until timestamptz,
    last_error text,
    sent_at timestamptz,
    created_at timestamptz not null,
    updated_at timestamptz not null
);
create index mail_outbox_due on mail_outbox (status, next_attempt_at);
