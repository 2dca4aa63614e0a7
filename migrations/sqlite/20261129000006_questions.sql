-- The questions of a call for applications, in Vietnamese and English (issue 4).
create table call_question (
    question_id integer primary key autoincrement,
    event_id integer not null references application_call (event_id) on delete cascade,
    position integer not null,
    kind text not null check (kind in ('short', 'long', 'yes-no', 'one', 'many', 'file')),
    label_vi text not null,
    label_en text,
    -- the choices of 'one' and 'many' questions, one per line
    choices_vi text,
    choices_en text,
    required boolean not null default false,
    created_at text not null
);
create index call_question_event on call_question (event_id, position);
