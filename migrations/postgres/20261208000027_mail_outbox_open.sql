-- The mail worker claims the oldest message still to send (pending and due, or sending with a
-- lapsed claim). Without this index PostgreSQL found it by walking the primary key past every
-- message ever sent, so each claim cost more as the outbox grew (0.27 ms with 1,000 sent).
create index mail_outbox_open on mail_outbox (mail_id) where status in ('pending', 'sending');
