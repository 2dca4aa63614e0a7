-- The evidence behind an event's outcomes: minutes, platform screenshots, PDFs, stored like the
-- other uploads (UPLOAD_DIR/evidence, random names, the kind read from the first bytes), each
-- with a caption and, optionally, the indicator it supports.
create table event_evidence (
    evidence_id bigint generated always as identity primary key,
    event_id bigint not null references event (event_id) on delete cascade,
    indicator_code text references indicator (code) on delete set null,
    stored_name text not null unique,
    file_name text not null,
    size_bytes bigint not null,
    caption text not null default '',
    uploaded_at timestamptz not null,
    uploaded_by bigint references app_user (user_id) on delete set null
);
create index event_evidence_event on event_evidence (event_id);
