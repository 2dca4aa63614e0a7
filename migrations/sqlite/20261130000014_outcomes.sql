-- Targets and outcomes of events.

-- What the Department reports after an event: its indicators are data, so staff can add one without
-- a release. `kinds` and `formats` list the event kinds and formats an indicator applies to
-- (comma-separated codes; empty: all). `measure` says how a value is read and written: a count, an
-- amount in whole đồng, minutes, or a text (a platform, a link, a host's name). `source`: entered
-- by staff, or counted by the system from the event's applications and booths (`counted`: which
-- count). Headline indicators are the ones the public results show.
create table indicator (
    code text primary key,
    name_vi text not null,
    name_en text not null,
    unit_vi text not null default '',
    unit_en text not null default '',
    measure text not null check (measure in ('count', 'money', 'minutes', 'text')),
    kinds text not null default '',
    formats text not null default '',
    source text not null default 'staff' check (source in ('staff', 'system')),
    counted text check (counted in ('booths', 'units-local', 'units-other', 'ocop-products', 'producers')),
    headline boolean not null default false,
    position integer not null,
    check ((source = 'system') = (counted is not null)),
    check (measure <> 'text' or not headline)
);

-- An event's planned figure (target) and its outcome (actual) for one indicator. An outcome is an
-- estimate (ước đạt) until staff confirm it; changing it afterwards makes it an estimate again.
create table event_figure (
    event_id integer not null references event (event_id) on delete cascade,
    indicator_code text not null references indicator (code),
    target integer check (target >= 0),
    actual integer check (actual >= 0),
    actual_text text,
    confirmed_at text,
    confirmed_by integer references app_user (user_id) on delete set null,
    updated_at text not null,
    updated_by integer references app_user (user_id) on delete set null,
    primary key (event_id, indicator_code)
);
create index event_figure_indicator on event_figure (indicator_code);

insert into indicator (code, name_vi, name_en, unit_vi, unit_en, measure, kinds, formats, source, counted, headline, position) values
-- fairs, exhibitions and delegations to outside fairs, in person
('booths', 'Gian hàng', 'Booths', 'gian', 'booths', 'count', 'fair,exhibition,delegation', 'in-person,hybrid', 'system', 'booths', true, 10),
('units-local', 'Đơn vị trong tỉnh tham gia', 'Participating units from the province', 'đơn vị', 'units', 'count', 'fair,exhibition,delegation,supply-demand', '', 'system', 'units-local', false, 20),
('units-other', 'Đơn vị tỉnh, thành khác tham gia', 'Participating units from other provinces', 'đơn vị', 'units', 'count', 'fair,exhibition,delegation,supply-demand', '', 'system', 'units-other', false, 30),
('units-foreign', 'Đơn vị nước ngoài tham gia', 'Participating foreign units', 'đơn vị', 'units', 'count', 'fair,exhibition,delegation', '', 'staff', null, false, 40),
('ocop-products', 'Sản phẩm OCOP trưng bày', 'OCOP products shown', 'sản phẩm', 'products', 'count', 'fair,exhibition,delegation,supply-demand', '', 'system', 'ocop-products', true, 50),
('visitors', 'Lượt khách tham quan', 'Visitors', 'lượt', 'visits', 'count', 'fair,exhibition,delegation', 'in-person,hybrid', 'staff', null, true, 60),
('retail-sales', 'Doanh thu bán lẻ tại hội chợ', 'Retail sales at the fair', 'đồng', 'VND', 'money', 'fair,exhibition,delegation', 'in-person,hybrid', 'staff', null, true, 70),
-- supply–demand connection conferences
('buyers-distributor', 'Người mua: nhà phân phối', 'Buyers: distributors', 'đơn vị', 'buyers', 'count', 'supply-demand', '', 'staff', null, false, 110),
('buyers-supermarket', 'Người mua: chuỗi siêu thị', 'Buyers: supermarket chains', 'đơn vị', 'buyers', 'count', 'supply-demand', '', 'staff', null, false, 120),
('buyers-exporter', 'Người mua: doanh nghiệp xuất khẩu', 'Buyers: exporters', 'đơn vị', 'buyers', 'count', 'supply-demand', '', 'staff', null, false, 130),
('buyers-horeca', 'Người mua: khách sạn, nhà hàng', 'Buyers: hotels and restaurants', 'đơn vị', 'buyers', 'count', 'supply-demand', '', 'staff', null, false, 140),
('buyers-other', 'Người mua khác', 'Other buyers', 'đơn vị', 'buyers', 'count', 'supply-demand', '', 'staff', null, false, 150),
('meetings', 'Cuộc gặp kết nối song phương', 'One-to-one meetings', 'cuộc', 'meetings', 'count', 'supply-demand', '', 'staff', null, true, 160),
-- contracts and MOUs, wherever they are signed
('contracts', 'Hợp đồng, biên bản ghi nhớ ký kết', 'Contracts and MOUs signed', 'bản', 'signed', 'count', 'fair,exhibition,delegation,supply-demand,conference', '', 'staff', null, true, 200),
('contracts-value', 'Giá trị hợp đồng, biên bản ghi nhớ', 'Value of contracts and MOUs', 'đồng', 'VND', 'money', 'fair,exhibition,delegation,supply-demand,conference', '', 'staff', null, true, 210),
-- livestream sales sessions
('platform', 'Nền tảng', 'Platform', '', '', 'text', 'livestream', '', 'staff', null, false, 300),
('channel', 'Đường dẫn kênh', 'Channel link', '', '', 'text', 'livestream', '', 'staff', null, false, 310),
('host', 'Người dẫn, KOL', 'Host or KOL', '', '', 'text', 'livestream', '', 'staff', null, false, 320),
('duration', 'Thời lượng', 'Duration', 'phút', 'minutes', 'minutes', 'livestream', '', 'staff', null, false, 330),
('viewers', 'Lượt xem', 'Views', 'lượt', 'views', 'count', 'livestream', '', 'staff', null, true, 340),
('peak-viewers', 'Người xem cùng lúc cao nhất', 'Peak concurrent viewers', 'người', 'viewers', 'count', 'livestream', '', 'staff', null, false, 350),
('interactions', 'Lượt tương tác', 'Interactions', 'lượt', 'interactions', 'count', 'livestream', '', 'staff', null, false, 360),
('orders', 'Đơn hàng', 'Orders', 'đơn', 'orders', 'count', 'livestream', '', 'staff', null, true, 370),
('revenue', 'Doanh thu', 'Revenue', 'đồng', 'VND', 'money', 'livestream', '', 'staff', null, true, 380),
('quantity-sold', 'Sản lượng bán ra', 'Quantity sold', 'sản phẩm', 'items', 'count', 'livestream', '', 'staff', null, false, 390),
('producers-featured', 'Chủ thể giới thiệu sản phẩm', 'Producers featured', 'chủ thể', 'producers', 'count', 'livestream', '', 'system', 'producers', false, 400),
-- online fairs on an e-commerce platform
('shops', 'Gian hàng trực tuyến', 'Online shops', 'gian', 'shops', 'count', 'fair,exhibition', 'online', 'staff', null, true, 500),
('products-listed', 'Sản phẩm lên sàn', 'Products listed', 'sản phẩm', 'products', 'count', 'fair,exhibition', 'online', 'staff', null, false, 510),
('online-orders', 'Đơn hàng trực tuyến', 'Online orders', 'đơn', 'orders', 'count', 'fair,exhibition', 'online', 'staff', null, true, 520),
('gross-sales', 'Doanh số trên sàn', 'Gross sales on the platform', 'đồng', 'VND', 'money', 'fair,exhibition', 'online', 'staff', null, true, 530);
