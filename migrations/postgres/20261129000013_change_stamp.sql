-- Raised after every writing transaction commits (`Db::change_stamp`): caches of what is read (the
-- review table) serve only while it has not moved, whichever server instance wrote. A sequence,
-- so that writers never wait on one another for it.
create sequence change_stamp;
-- past its first value, so that the first write moves `last_value`
select nextval('change_stamp');
