-- On SQLite the change stamp (`Db::change_stamp`) is counted by the one server process; PostgreSQL
-- keeps it in a sequence. Nothing to store here; the migration keeps the two folders in step.
select 1;
