-- Each claim of a message carries a token of the worker that made it: a worker marks a message
-- sent, retried or failed only while its own claim holds, so two instances never both decide.
alter table mail_outbox add column claim_token text;
