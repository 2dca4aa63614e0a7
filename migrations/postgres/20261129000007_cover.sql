-- An event's cover picture: the stored file's name under UPLOAD_DIR/covers (random, never the
-- uploader's), or null.
alter table event add column cover_file text;
