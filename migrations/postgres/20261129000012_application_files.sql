-- The documents a producer attaches to an application, one per question of the 'file' kind:
-- stored under UPLOAD_DIR/applications with random names; the kind was read from the first bytes.
-- `file_name` is the name the producer's file had (shown back to them and to staff, never used to
-- find the file).
create table application_file (
    application_id bigint not null references application (application_id) on delete cascade,
    question_id bigint not null references call_question (question_id) on delete cascade,
    stored_name text not null unique,
    file_name text not null,
    size_bytes bigint not null,
    uploaded_at timestamptz not null,
    primary key (application_id, question_id)
);
