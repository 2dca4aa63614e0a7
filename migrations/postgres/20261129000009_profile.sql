-- The producer's profile (issue 5): who represents it, where it is, where it sells online.
alter table producer add column legal_representative text;
alter table producer add column address text;
alter table producer add column website text;
alter table producer add column shop_links text;
alter table producer add column description_vi text;
alter table producer add column description_en text;
