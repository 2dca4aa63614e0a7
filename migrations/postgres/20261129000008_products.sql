-- The producer's product catalogue (issue 5): the OCOP certificate behind a rating, and whether
-- staff have verified it (an unverified rating is shown as claimed).
alter table product add column certificate_no text;
alter table product add column decision_date date;
-- who rated it: the province or the central government
alter table product add column rated_by text check (rated_by in ('province', 'central'));
alter table product add column description_vi text;
alter table product add column verified_at timestamptz;
alter table product add column verified_by bigint references app_user (user_id);
