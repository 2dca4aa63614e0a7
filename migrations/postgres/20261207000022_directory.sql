-- The public directory of OCOP products and producers. A product is found by its search text
-- (its names and its producer's, lower case without diacritics: "ca phe" finds "Cà phê"), written
-- by the application with the product; rows older than the column are filled at start-up. A
-- producer chooses whether its address, phone and website are shown to the public.
alter table product add column search_text text;
alter table producer add column contact_public boolean not null default false;
create index product_listed on product (verified_at, ocop_stars);
