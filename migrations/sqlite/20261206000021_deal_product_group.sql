-- The OCOP product group of a contract or MOU (the register is read by product group as well as by
-- kind of partner); empty where the one who entered it did not say.
alter table deal add column product_group_id integer references product_group (product_group_id);
