-- Issue 5, the rest of the catalogue: OCOP sub-groups (reference data), product files (the
-- certificate and photos), the producer's logo.

-- Sub-groups of the six OCOP product groups, as reference data: the grouping changes with the
-- criteria decisions (1048/2019 → 148/2023). Seeded here; not verified line by line against the
-- decision's annex.
create table product_subgroup (
    product_subgroup_id bigint primary key,
    product_group_id bigint not null references product_group (product_group_id),
    code text not null unique,
    name_vi text not null,
    name_en text not null,
    sort_order integer not null
);
insert into product_subgroup (product_subgroup_id, product_group_id, code, name_vi, name_en, sort_order) values
    (1, 1, 'food-fresh', 'Nông sản tươi sống', 'Fresh produce', 1),
    (2, 1, 'food-semi', 'Nông sản sơ chế', 'Lightly processed produce', 2),
    (3, 1, 'food-processed', 'Thực phẩm chế biến', 'Processed food', 3),
    (4, 1, 'food-spice', 'Gia vị', 'Spices and condiments', 4),
    (5, 2, 'drink-coffee', 'Cà phê, ca cao', 'Coffee and cacao', 5),
    (6, 2, 'drink-tea', 'Chè và sản phẩm từ chè', 'Tea', 6),
    (7, 2, 'drink-alcohol', 'Đồ uống có cồn', 'Alcoholic drinks', 7),
    (8, 2, 'drink-soft', 'Đồ uống không cồn', 'Soft drinks and juices', 8),
    (9, 3, 'herbal-food', 'Thực phẩm từ dược liệu', 'Herbal foods and supplements', 9),
    (10, 3, 'herbal-cosmetic', 'Mỹ phẩm từ dược liệu', 'Herbal cosmetics', 10),
    (11, 3, 'herbal-medicine', 'Thuốc và dược liệu', 'Medicines and herbs', 11),
    (12, 4, 'craft-textile', 'Dệt may, thổ cẩm', 'Textiles and brocade', 12),
    (13, 4, 'craft-household', 'Thủ công mỹ nghệ, gia dụng', 'Crafts and household goods', 13),
    (14, 4, 'craft-decor', 'Lưu niệm, nội thất, trang trí', 'Souvenirs, furniture and decoration', 14),
    (15, 5, 'ornamental-flower', 'Hoa', 'Flowers', 15),
    (16, 5, 'ornamental-plant', 'Cây cảnh', 'Ornamental plants', 16),
    (17, 5, 'ornamental-animal', 'Động vật cảnh', 'Ornamental animals', 17),
    (18, 6, 'tourism-community', 'Du lịch cộng đồng', 'Community tourism', 18),
    (19, 6, 'tourism-eco', 'Du lịch sinh thái', 'Eco-tourism', 19),
    (20, 6, 'tourism-site', 'Điểm du lịch', 'Tourist sites', 20);

alter table product add column product_subgroup_id bigint references product_subgroup (product_subgroup_id);

-- A product's certificate scans and photos: stored under UPLOAD_DIR/products with random names;
-- the kind was read from the first bytes.
create table product_file (
    file_id bigint generated always as identity primary key,
    product_id bigint not null references product (product_id) on delete cascade,
    kind text not null check (kind in ('certificate', 'photo')),
    stored_name text not null unique,
    size_bytes bigint not null,
    created_at timestamptz not null
);
create index product_file_product on product_file (product_id);

-- The producer's logo (a stored name under UPLOAD_DIR/logos).
alter table producer add column logo_file text;
