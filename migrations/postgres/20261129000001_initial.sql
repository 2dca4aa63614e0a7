-- The first schema: reference data, producers and their products, and events.
-- The SQLite and PostgreSQL migrations describe the same schema; only types differ.
-- Timestamps are UTC. On SQLite they are RFC 3339 text written by the application (or by the
-- defaults below, in the same shape) so that text comparison orders them correctly.

-- The 102 commune-level units of Đắk Lắk since 01/07/2025 (Resolution 202/2025/QH15): there are
-- no districts any more. Names are NFC with the ASCII apostrophe; admins may edit them later.
create table commune (
    commune_id bigint primary key,
    kind text not null check (kind in ('ward', 'commune')),
    name text not null unique,
    -- lower case without diacritics, for search ("ea kao")
    search_text text not null,
    is_active boolean not null default true,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);

-- OCOP product groups (Decision 148/QĐ-TTg). Reference data, not an enum: the grouping has
-- changed before (1048/2019) and will again.
create table product_group (
    product_group_id bigint primary key,
    code text not null unique,
    name_vi text not null,
    name_en text not null,
    sort_order integer not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);

-- OCOP producers ("chủ thể OCOP"): enterprises, cooperatives, cooperative groups, households.
create table producer (
    producer_id bigint generated always as identity primary key,
    kind text not null check (kind in ('enterprise', 'cooperative', 'cooperative-group', 'household')),
    name text not null,
    -- 10 digits, 10-3 digits for a branch, or a 12-digit personal ID for a household business
    tax_code text unique,
    commune_id bigint references commune (commune_id),
    -- addresses recorded before 07/2025 name districts that no longer exist
    legacy_district text,
    phone text,
    contact_person text,
    is_demo boolean not null default false,
    created_at timestamptz not null,
    updated_at timestamptz not null
);

create table product (
    product_id bigint generated always as identity primary key,
    producer_id bigint not null references producer (producer_id) on delete cascade,
    name_vi text not null,
    name_en text,
    product_group_id bigint not null references product_group (product_group_id),
    -- only 3, 4 and 5 stars are certified (Decision 148/QĐ-TTg)
    ocop_stars integer check (ocop_stars between 3 and 5),
    is_demo boolean not null default false,
    created_at timestamptz not null,
    updated_at timestamptz not null
);
create index product_producer_id on product (producer_id);

-- Anything on the calendar.
create table event (
    event_id bigint generated always as identity primary key,
    -- the iCalendar UID: assigned once, never changed, so subscribers' calendars stay in step
    uid text not null unique,
    kind text not null check (kind in ('fair', 'exhibition', 'conference', 'supply-demand', 'livestream', 'training', 'delegation')),
    format text not null check (format in ('in-person', 'online', 'hybrid')),
    level text not null check (level in ('provincial', 'regional', 'national', 'international')),
    scope text not null check (scope in ('province', 'other-province', 'abroad')),
    commune_id bigint references commune (commune_id),
    -- another province, or "place, country" abroad
    place text,
    venue_name text,
    venue_address text,
    online_platform text,
    online_url text,
    starts_at timestamptz not null,
    ends_at timestamptz not null,
    organiser text not null,
    title_vi text not null,
    title_en text,
    description_vi text not null,
    description_en text,
    status text not null check (status in ('draft', 'published', 'postponed', 'cancelled', 'completed')),
    -- iCalendar SEQUENCE: rises with every change subscribers should see
    sequence integer not null default 0,
    is_demo boolean not null default false,
    -- folded title, organiser and places, for the diacritics-blind search
    search_text text not null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    check (ends_at >= starts_at),
    check ((scope = 'province') = (commune_id is not null))
);
create index event_starts_at on event (starts_at);
create index event_ends_at on event (ends_at);

create table event_product_group (
    event_id bigint not null references event (event_id) on delete cascade,
    product_group_id bigint not null references product_group (product_group_id),
    created_at timestamptz not null default now(),
    primary key (event_id, product_group_id)
);
create index event_product_group_group on event_product_group (product_group_id);

insert into commune (commune_id, kind, name, search_text) values
    (1, 'ward', 'Buôn Ma Thuột', 'buon ma thuot'),
    (2, 'ward', 'Tân An', 'tan an'),
    (3, 'ward', 'Tân Lập', 'tan lap'),
    (4, 'ward', 'Thành Nhất', 'thanh nhat'),
    (5, 'ward', 'Ea Kao', 'ea kao'),
    (6, 'ward', 'Buôn Hồ', 'buon ho'),
    (7, 'ward', 'Cư Bao', 'cu bao'),
    (8, 'ward', 'Phú Yên', 'phu yen'),
    (9, 'ward', 'Tuy Hòa', 'tuy hoa'),
    (10, 'ward', 'Bình Kiến', 'binh kien'),
    (11, 'ward', 'Xuân Đài', 'xuan dai'),
    (12, 'ward', 'Sông Cầu', 'song cau'),
    (13, 'ward', 'Đông Hòa', 'dong hoa'),
    (14, 'ward', 'Hòa Hiệp', 'hoa hiep'),
    (15, 'commune', 'Hòa Phú', 'hoa phu'),
    (16, 'commune', 'Ea Drông', 'ea drong'),
    (17, 'commune', 'Ea Súp', 'ea sup'),
    (18, 'commune', 'Ea Rốk', 'ea rok'),
    (19, 'commune', 'Ea Bung', 'ea bung'),
    (20, 'commune', 'Ea Wer', 'ea wer'),
    (21, 'commune', 'Ea Nuôl', 'ea nuol'),
    (22, 'commune', 'Ea Kiết', 'ea kiet'),
    (23, 'commune', 'Ea M''Droh', 'ea m''droh'),
    (24, 'commune', 'Quảng Phú', 'quang phu'),
    (25, 'commune', 'Cuôr Đăng', 'cuor dang'),
    (26, 'commune', 'Cư M''gar', 'cu m''gar'),
    (27, 'commune', 'Ea Tul', 'ea tul'),
    (28, 'commune', 'Pơng Drang', 'pong drang'),
    (29, 'commune', 'Krông Búk', 'krong buk'),
    (30, 'commune', 'Cư Pơng', 'cu pong'),
    (31, 'commune', 'Ea Khăl', 'ea khal'),
    (32, 'commune', 'Ea Drăng', 'ea drang'),
    (33, 'commune', 'Ea Wy', 'ea wy'),
    (34, 'commune', 'Ea Hiao', 'ea hiao'),
    (35, 'commune', 'Krông Năng', 'krong nang'),
    (36, 'commune', 'Dliê Ya', 'dlie ya'),
    (37, 'commune', 'Tam Giang', 'tam giang'),
    (38, 'commune', 'Phú Xuân', 'phu xuan'),
    (39, 'commune', 'Krông Pắc', 'krong pac'),
    (40, 'commune', 'Ea Knuếc', 'ea knuec'),
    (41, 'commune', 'Tân Tiến', 'tan tien'),
    (42, 'commune', 'Ea Phê', 'ea phe'),
    (43, 'commune', 'Ea Kly', 'ea kly'),
    (44, 'commune', 'Ea Kar', 'ea kar'),
    (45, 'commune', 'Ea Ô', 'ea o'),
    (46, 'commune', 'Ea Knốp', 'ea knop'),
    (47, 'commune', 'Cư Yang', 'cu yang'),
    (48, 'commune', 'Ea Păl', 'ea pal'),
    (49, 'commune', 'M''Drắk', 'm''drak'),
    (50, 'commune', 'Ea Riêng', 'ea rieng'),
    (51, 'commune', 'Cư M''ta', 'cu m''ta'),
    (52, 'commune', 'Krông Á', 'krong a'),
    (53, 'commune', 'Cư Prao', 'cu prao'),
    (54, 'commune', 'Hòa Sơn', 'hoa son'),
    (55, 'commune', 'Đang Kang', 'dang kang'),
    (56, 'commune', 'Krông Bông', 'krong bong'),
    (57, 'commune', 'Yang Mao', 'yang mao'),
    (58, 'commune', 'Cư Pui', 'cu pui'),
    (59, 'commune', 'Liên Sơn Lắk', 'lien son lak'),
    (60, 'commune', 'Đắk Liêng', 'dak lieng'),
    (61, 'commune', 'Nam Ka', 'nam ka'),
    (62, 'commune', 'Đắk Phơi', 'dak phoi'),
    (63, 'commune', 'Ea Ning', 'ea ning'),
    (64, 'commune', 'Dray Bhăng', 'dray bhang'),
    (65, 'commune', 'Ea Ktur', 'ea ktur'),
    (66, 'commune', 'Krông Ana', 'krong ana'),
    (67, 'commune', 'Dur Kmăl', 'dur kmal'),
    (68, 'commune', 'Ea Na', 'ea na'),
    (69, 'commune', 'Buôn Đôn', 'buon don'),
    (70, 'commune', 'Ea H''Leo', 'ea h''leo'),
    (71, 'commune', 'Ea Trang', 'ea trang'),
    (72, 'commune', 'Ia Lốp', 'ia lop'),
    (73, 'commune', 'Ia Rvê', 'ia rve'),
    (74, 'commune', 'Krông Nô', 'krong no'),
    (75, 'commune', 'Vụ Bổn', 'vu bon'),
    (76, 'commune', 'Xuân Thọ', 'xuan tho'),
    (77, 'commune', 'Xuân Cảnh', 'xuan canh'),
    (78, 'commune', 'Xuân Lộc', 'xuan loc'),
    (79, 'commune', 'Hòa Xuân', 'hoa xuan'),
    (80, 'commune', 'Tuy An Bắc', 'tuy an bac'),
    (81, 'commune', 'Tuy An Đông', 'tuy an dong'),
    (82, 'commune', 'Ô Loan', 'o loan'),
    (83, 'commune', 'Tuy An Nam', 'tuy an nam'),
    (84, 'commune', 'Tuy An Tây', 'tuy an tay'),
    (85, 'commune', 'Phú Hòa 1', 'phu hoa 1'),
    (86, 'commune', 'Phú Hòa 2', 'phu hoa 2'),
    (87, 'commune', 'Tây Hòa', 'tay hoa'),
    (88, 'commune', 'Hòa Thịnh', 'hoa thinh'),
    (89, 'commune', 'Hòa Mỹ', 'hoa my'),
    (90, 'commune', 'Sơn Thành', 'son thanh'),
    (91, 'commune', 'Sơn Hòa', 'son hoa'),
    (92, 'commune', 'Vân Hòa', 'van hoa'),
    (93, 'commune', 'Tây Sơn', 'tay son'),
    (94, 'commune', 'Suối Trai', 'suoi trai'),
    (95, 'commune', 'Ea Ly', 'ea ly'),
    (96, 'commune', 'Ea Bá', 'ea ba'),
    (97, 'commune', 'Đức Bình', 'duc binh'),
    (98, 'commune', 'Sông Hinh', 'song hinh'),
    (99, 'commune', 'Xuân Lãnh', 'xuan lanh'),
    (100, 'commune', 'Phú Mỡ', 'phu mo'),
    (101, 'commune', 'Xuân Phước', 'xuan phuoc'),
    (102, 'commune', 'Đồng Xuân', 'dong xuan');

insert into product_group (product_group_id, code, name_vi, name_en, sort_order) values
    (1, 'food', 'Thực phẩm', 'Food', 1),
    (2, 'beverage', 'Đồ uống', 'Beverages', 2),
    (3, 'herbal', 'Dược liệu và sản phẩm từ dược liệu', 'Medicinal herbs and herbal products', 3),
    (4, 'handicraft', 'Hàng thủ công mỹ nghệ', 'Handicrafts', 4),
    (5, 'ornamental', 'Sinh vật cảnh', 'Ornamental plants and animals', 5),
    (6, 'tourism', 'Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch', 'Community and eco-tourism services', 6);
