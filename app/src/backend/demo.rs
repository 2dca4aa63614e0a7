//! Demo data: a year of the department's events and twenty producers, all invented
//! (`shared/domain/DOMAIN.md` §6) and all marked `is_demo`. Dates are placed relative to today
//! so the calendar is never empty: each event lands in the window from four months ago to eight
//! months ahead, on its usual day of the year.

use std::collections::HashMap;

use chrono::{Datelike, Days, NaiveDate};

use super::{
    db::{self, producer::NewProducerRow, producer::NewProductRow, Db},
    now, services, ServerError,
};
use crate::domain::ids::{EventId, ProducerId};
use crate::domain::{
    budget::{CostLine, Funding},
    producer::{check_digit, OcopStars, ProducerKind, TaxCode},
    producer_report::BuyerType,
    EventFormat, EventKind, NewEvent, NewEventInput,
};

/// One demo event: usual start (month, day, "HH:MM"), length in days, closing time, and the rest.
struct Demo {
    month: u32,
    day: u32,
    start: &'static str,
    days: u64,
    end: &'static str,
    kind: &'static str,
    format: &'static str,
    level: &'static str,
    scope: &'static str,
    commune: Option<&'static str>,
    place: &'static str,
    venue: &'static str,
    address: &'static str,
    platform: &'static str,
    url: &'static str,
    organiser: &'static str,
    title_vi: &'static str,
    title_en: &'static str,
    description_vi: &'static str,
    description_en: &'static str,
    groups: &'static [&'static str],
}

const SCT: &str = "Sở Công Thương tỉnh Đắk Lắk";
const TTXT: &str = "Trung tâm Xúc tiến Thương mại tỉnh Đắk Lắk";

const EVENTS: &[Demo] = &[
    Demo { month: 2, day: 5, start: "08:00", days: 6, end: "22:00", kind: "fair", format: "in-person", level: "provincial", scope: "province",
        commune: Some("Buôn Ma Thuột"), place: "", venue: "Quảng trường 10/3", address: "Đường Lê Duẩn, phường Buôn Ma Thuột", platform: "", url: "",
        organiser: SCT, title_vi: "Phiên chợ OCOP & đặc sản Đắk Lắk mừng Xuân", title_en: "Spring OCOP & Đắk Lắk specialties market",
        description_vi: "120 gian hàng sản phẩm OCOP, đặc sản và hàng Tết của các chủ thể trong tỉnh.\nMở cửa từ 8:00 đến 22:00 hằng ngày.",
        description_en: "120 booths of OCOP products, specialties and Tết goods from producers across the province.\nOpen 8:00–22:00 daily.",
        groups: &["food", "beverage", "handicraft"] },
    Demo { month: 3, day: 20, start: "08:00", days: 0, end: "17:00", kind: "supply-demand", format: "hybrid", level: "regional", scope: "other-province",
        commune: None, place: "TP. Hồ Chí Minh", venue: "Trung tâm Hội nghị tỉnh tại TP. Hồ Chí Minh", address: "Quận 1, TP. Hồ Chí Minh", platform: "Zoom", url: "https://zoom.us/j/0000000000",
        organiser: SCT, title_vi: "Hội nghị kết nối cung cầu Đắk Lắk – TP. Hồ Chí Minh", title_en: "Đắk Lắk – Hồ Chí Minh City supply–demand connection conference",
        description_vi: "40 gian hàng trưng bày và các buổi gặp gỡ B2B giữa chủ thể OCOP và nhà phân phối, siêu thị.",
        description_en: "40 display booths and B2B meetings between OCOP producers, distributors and supermarkets.",
        groups: &["food", "beverage"] },
    Demo { month: 4, day: 10, start: "08:00", days: 4, end: "21:00", kind: "delegation", format: "in-person", level: "international", scope: "abroad",
        commune: None, place: "Mondulkiri, Campuchia", venue: "Hội chợ Tết Chôl Chnăm Thmây", address: "Sen Monorom, Mondulkiri", platform: "", url: "",
        organiser: TTXT, title_vi: "Đoàn tham gia Hội chợ Tết Chôl Chnăm Thmây, Mondulkiri (Campuchia)", title_en: "Delegation to the Chol Chnam Thmey fair, Mondulkiri (Cambodia)",
        description_vi: "Gian hàng chung của tỉnh 27 m² giới thiệu cà phê, mắc ca, mật ong và thổ cẩm.",
        description_en: "A 27 m² provincial stand showing coffee, macadamia, honey and brocade.",
        groups: &["food", "beverage", "handicraft"] },
    Demo { month: 4, day: 25, start: "19:30", days: 0, end: "22:00", kind: "livestream", format: "online", level: "provincial", scope: "province",
        commune: Some("Buôn Ma Thuột"), place: "", venue: "", address: "", platform: "TikTok Shop, Shopee", url: "https://www.tiktok.com/@dacsandaklak",
        organiser: TTXT, title_vi: "Livestream \"Đặc sản Đắk Lắk\" — mùa cà phê & mắc ca", title_en: "Livestream \"Đắk Lắk specialties\" — coffee & macadamia season",
        description_vi: "10 chủ thể OCOP bán trực tiếp cà phê, mắc ca; ưu đãi riêng cho người xem.",
        description_en: "10 OCOP producers sell coffee and macadamia live, with offers for viewers.",
        groups: &["food", "beverage"] },
    Demo { month: 5, day: 21, start: "08:00", days: 0, end: "17:00", kind: "supply-demand", format: "in-person", level: "regional", scope: "province",
        commune: Some("Tân Lập"), place: "", venue: "Khách sạn Sài Gòn – Ban Mê", address: "Số 1 Nguyễn Tất Thành", platform: "", url: "",
        organiser: SCT, title_vi: "Hội nghị kết nối cung cầu Đắk Lắk – Ninh Bình", title_en: "Đắk Lắk – Ninh Bình supply–demand connection conference",
        description_vi: "Kết nối giao thương, ký kết biên bản ghi nhớ tiêu thụ nông sản giữa hai tỉnh.",
        description_en: "Business matching and MOU signing on farm-produce trade between the two provinces.",
        groups: &["food"] },
    Demo { month: 6, day: 26, start: "08:00", days: 0, end: "11:30", kind: "training", format: "online", level: "provincial", scope: "province",
        commune: Some("Buôn Ma Thuột"), place: "", venue: "", address: "", platform: "Zoom", url: "https://zoom.us/j/0000000001",
        organiser: TTXT, title_vi: "Tập huấn bán hàng thương mại điện tử cho chủ thể OCOP", title_en: "E-commerce sales training for OCOP producers",
        description_vi: "Dành cho 200 học viên: mở gian hàng trên sàn, chụp ảnh sản phẩm, livestream bán hàng.",
        description_en: "For 200 participants: opening a marketplace shop, product photos, selling by livestream.",
        groups: &[] },
    Demo { month: 7, day: 10, start: "08:00", days: 2, end: "22:00", kind: "fair", format: "in-person", level: "provincial", scope: "province",
        commune: Some("Tuy Hòa"), place: "", venue: "Quảng trường 1 Tháng 4", address: "Đường Độc Lập", platform: "", url: "",
        organiser: SCT, title_vi: "Ngày hội quảng bá du lịch – sản phẩm OCOP biển và đại ngàn", title_en: "Sea and highland tourism & OCOP promotion days",
        description_vi: "70 gian hàng: nước mắm, muối, bánh tráng, yến sào bên cạnh cà phê, ca cao, mật ong.",
        description_en: "70 booths: fish sauce, salt, rice paper and bird's nest beside coffee, cacao and honey.",
        groups: &["food", "tourism"] },
    Demo { month: 8, day: 22, start: "20:00", days: 0, end: "22:00", kind: "livestream", format: "online", level: "provincial", scope: "province",
        commune: Some("Krông Pắc"), place: "", venue: "", address: "", platform: "TikTok Shop", url: "https://www.tiktok.com/@saurienkrongpac",
        organiser: TTXT, title_vi: "Livestream sầu riêng Krông Pắc", title_en: "Krông Pắc durian livestream",
        description_vi: "Phát trực tiếp từ vườn sầu riêng tại xã Krông Pắc.",
        description_en: "Live from a durian orchard in Krông Pắc commune.",
        groups: &["food"] },
    Demo { month: 8, day: 29, start: "08:00", days: 2, end: "22:00", kind: "fair", format: "in-person", level: "regional", scope: "province",
        commune: Some("Krông Pắc"), place: "", venue: "Sân vận động xã Krông Pắc", address: "Thôn 1", platform: "", url: "",
        organiser: SCT, title_vi: "Lễ hội Sầu riêng Krông Pắc và Hội chợ OCOP", title_en: "Krông Pắc Durian Festival and OCOP fair",
        description_vi: "150 gian hàng sầu riêng, nông sản và sản phẩm OCOP; hội thi sầu riêng ngon.",
        description_en: "150 booths of durian, farm produce and OCOP products; a best-durian contest.",
        groups: &["food", "tourism"] },
    Demo { month: 10, day: 23, start: "08:00", days: 4, end: "21:00", kind: "delegation", format: "in-person", level: "national", scope: "other-province",
        commune: None, place: "Hà Nội", venue: "Trung tâm Triển lãm Giảng Võ", address: "148 Giảng Võ, Hà Nội", platform: "", url: "",
        organiser: TTXT, title_vi: "Đoàn tham gia Hội chợ OCOP khu vực Tây Nguyên tại Hà Nội", title_en: "Delegation to the Central Highlands OCOP fair in Hà Nội",
        description_vi: "12 gian hàng của các chủ thể OCOP 3 sao trở lên.",
        description_en: "12 booths for producers with 3-star OCOP products or better.",
        groups: &["food", "beverage", "herbal"] },
    Demo { month: 11, day: 13, start: "08:00", days: 6, end: "22:00", kind: "fair", format: "in-person", level: "provincial", scope: "province",
        commune: Some("Buôn Ma Thuột"), place: "", venue: "Quảng trường 10/3", address: "Đường Lê Duẩn, phường Buôn Ma Thuột", platform: "", url: "",
        organiser: SCT, title_vi: "Hội chợ Công thương – Sản phẩm OCOP Đắk Lắk", title_en: "Đắk Lắk Industry, Trade and OCOP Fair",
        description_vi: "300 gian hàng; lễ trao giấy chứng nhận OCOP; hội nghị kết nối cung cầu ngày 15/11.",
        description_en: "300 booths; OCOP certificate ceremony; supply–demand conference on 15/11.",
        groups: &["food", "beverage", "herbal", "handicraft", "ornamental"] },
    Demo { month: 3, day: 9, start: "19:00", days: 4, end: "22:00", kind: "fair", format: "in-person", level: "national", scope: "province",
        commune: Some("Buôn Ma Thuột"), place: "", venue: "Trung tâm Hội chợ triển lãm Buôn Ma Thuột", address: "Phường Buôn Ma Thuột", platform: "", url: "",
        organiser: "UBND tỉnh Đắk Lắk", title_vi: "Lễ hội Cà phê Buôn Ma Thuột — Hội chợ cà phê & OCOP", title_en: "Buôn Ma Thuột Coffee Festival — coffee & OCOP fair",
        description_vi: "Khoảng 400 gian hàng cà phê và OCOP; khai mạc 19:00; chương trình \"Đường phố cà phê\".",
        description_en: "About 400 coffee and OCOP booths; opening at 19:00; \"Coffee street\" programme.",
        groups: &["beverage", "food", "handicraft"] },
];

/// Places a month and day in the window [today − 4 months, today + 8 months).
fn place_date(today: NaiveDate, month: u32, day: u32) -> NaiveDate {
    let lower = today.checked_sub_days(Days::new(120)).unwrap_or(today);
    (today.year() - 1..=today.year() + 1)
        .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
        .find(|d| *d >= lower)
        .unwrap_or(today)
}

fn input(d: &Demo, commune_id: Option<i64>, today: NaiveDate) -> NewEventInput {
    let start = place_date(today, d.month, d.day);
    let end = start.checked_add_days(Days::new(d.days)).unwrap_or(start);
    NewEventInput {
        kind: d.kind.into(),
        format: d.format.into(),
        level: d.level.into(),
        scope: d.scope.into(),
        commune_id,
        place: d.place.into(),
        venue_name: d.venue.into(),
        venue_address: d.address.into(),
        online_platform: d.platform.into(),
        online_url: d.url.into(),
        starts_at: format!("{}T{}", start.format("%Y-%m-%d"), d.start),
        ends_at: format!("{}T{}", end.format("%Y-%m-%d"), d.end),
        organiser: d.organiser.into(),
        title_vi: d.title_vi.into(),
        title_en: d.title_en.into(),
        description_vi: d.description_vi.into(),
        description_en: d.description_en.into(),
        status: if end < today { "completed" } else { "published" }.into(),
        product_groups: d.groups.iter().map(|g| g.to_string()).collect(),
        co_organisers: String::new(),
    }
}

struct DemoProducer {
    kind: ProducerKind,
    name: &'static str,
    commune: &'static str,
    product_vi: &'static str,
    product_en: &'static str,
    group: &'static str,
    stars: u8,
}

use ProducerKind::{Cooperative as Htx, CooperativeGroup as Tht, Enterprise as Cty, Household as Hkd};

const PRODUCERS: &[DemoProducer] = &[
    DemoProducer {
        kind: Cty,
        name: "Công ty TNHH Cà phê Hương Ban Mê",
        commune: "Tân Lập",
        product_vi: "Cà phê robusta rang xay",
        product_en: "Roasted robusta coffee",
        group: "food",
        stars: 4,
    },
    DemoProducer {
        kind: Htx,
        name: "HTX Cà phê bền vững Ea Tul",
        commune: "Ea Tul",
        product_vi: "Cà phê nhân xanh",
        product_en: "Green coffee beans",
        group: "food",
        stars: 3,
    },
    DemoProducer {
        kind: Cty,
        name: "Công ty CP Mắc ca Krông Năng Xanh",
        commune: "Krông Năng",
        product_vi: "Mắc ca nứt vỏ",
        product_en: "Cracked macadamia",
        group: "food",
        stars: 5,
    },
    DemoProducer {
        kind: Cty,
        name: "Công ty TNHH Ca cao Dray Sáp",
        commune: "Dray Bhăng",
        product_vi: "Sô-cô-la đen 70 %",
        product_en: "70 % dark chocolate",
        group: "food",
        stars: 4,
    },
    DemoProducer {
        kind: Htx,
        name: "HTX Ca cao Ea Na",
        commune: "Ea Na",
        product_vi: "Bột ca cao",
        product_en: "Cocoa powder",
        group: "food",
        stars: 3,
    },
    DemoProducer {
        kind: Hkd,
        name: "HKD Mật ong Ea Kly",
        commune: "Ea Kly",
        product_vi: "Mật ong hoa cà phê",
        product_en: "Coffee-blossom honey",
        group: "food",
        stars: 4,
    },
    DemoProducer {
        kind: Htx,
        name: "HTX Sầu riêng Phước An",
        commune: "Krông Pắc",
        product_vi: "Sầu riêng cấp đông",
        product_en: "Frozen durian",
        group: "food",
        stars: 3,
    },
    DemoProducer {
        kind: Tht,
        name: "Tổ hợp tác Bơ Cư M'gar",
        commune: "Cư M'gar",
        product_vi: "Bơ tươi",
        product_en: "Fresh avocado",
        group: "food",
        stars: 3,
    },
    DemoProducer {
        kind: Htx,
        name: "HTX Hồ tiêu Cư Kuin",
        commune: "Dray Bhăng",
        product_vi: "Tiêu đen hữu cơ",
        product_en: "Organic black pepper",
        group: "food",
        stars: 4,
    },
    DemoProducer {
        kind: Hkd,
        name: "HKD Gạo Buôn Triết",
        commune: "Liên Sơn Lắk",
        product_vi: "Gạo nếp than",
        product_en: "Black sticky rice",
        group: "food",
        stars: 3,
    },
    DemoProducer {
        kind: Htx,
        name: "HTX Dệt thổ cẩm Buôn Ko Tam",
        commune: "Ea Kao",
        product_vi: "Thổ cẩm Êđê",
        product_en: "Êđê brocade",
        group: "handicraft",
        stars: 3,
    },
    DemoProducer {
        kind: Hkd,
        name: "HKD Rượu cần Buôn Đôn",
        commune: "Buôn Đôn",
        product_vi: "Rượu cần",
        product_en: "Jar rice wine",
        group: "beverage",
        stars: 3,
    },
    DemoProducer {
        kind: Cty,
        name: "Công ty TNHH Trà mãng cầu Ea Kar",
        commune: "Ea Kar",
        product_vi: "Trà mãng cầu xiêm",
        product_en: "Soursop tea",
        group: "beverage",
        stars: 4,
    },
    DemoProducer {
        kind: Htx,
        name: "HTX Dược liệu Krông Bông",
        commune: "Krông Bông",
        product_vi: "Tinh dầu sả",
        product_en: "Lemongrass oil",
        group: "herbal",
        stars: 3,
    },
    DemoProducer {
        kind: Cty,
        name: "Công ty TNHH Yến sào Đông Hòa",
        commune: "Hòa Hiệp",
        product_vi: "Yến sào",
        product_en: "Bird's nest",
        group: "food",
        stars: 4,
    },
    DemoProducer {
        kind: Hkd,
        name: "HKD Nước mắm Sông Cầu",
        commune: "Sông Cầu",
        product_vi: "Nước mắm cá cơm",
        product_en: "Anchovy fish sauce",
        group: "food",
        stars: 3,
    },
    DemoProducer {
        kind: Htx,
        name: "HTX Muối Xuân Lộc",
        commune: "Xuân Lộc",
        product_vi: "Muối phơi",
        product_en: "Sun-dried salt",
        group: "food",
        stars: 3,
    },
    DemoProducer {
        kind: Hkd,
        name: "HKD Bánh tráng Tuy An",
        commune: "Tuy An Nam",
        product_vi: "Bánh tráng dừa",
        product_en: "Coconut rice paper",
        group: "food",
        stars: 3,
    },
    DemoProducer {
        kind: Htx,
        name: "HTX Du lịch cộng đồng Buôn Đôn",
        commune: "Buôn Đôn",
        product_vi: "Tour làng buôn",
        product_en: "Village tour",
        group: "tourism",
        stars: 3,
    },
    DemoProducer {
        kind: Cty,
        name: "Công ty TNHH Lan rừng M'Drắk",
        commune: "M'Drắk",
        product_vi: "Lan rừng chậu",
        product_en: "Potted wild orchids",
        group: "ornamental",
        stars: 3,
    },
];

/// An invented tax code that passes the checksum: households get a 12-digit personal ID
/// beginning with Đắk Lắk's province code 066.
fn demo_tax_code(i: usize, kind: ProducerKind) -> Result<TaxCode, ServerError> {
    let bad = |_| ServerError::Config("demo tax code".into());
    if kind == ProducerKind::Household {
        return TaxCode::parse(&format!("0661{:08}", 90_000_000 + i * 7919)).map_err(bad);
    }
    let mut seed = 600_000_000 + (i as u64) * 104_729;
    loop {
        let s = format!("{seed:09}");
        let mut nine = [0u32; 9];
        for (d, b) in nine.iter_mut().zip(s.bytes()) {
            *d = u32::from(b - b'0');
        }
        if let Some(c) = check_digit(&nine) {
            return TaxCode::parse(&format!("{s}{c}")).map_err(bad);
        }
        seed += 1;
    }
}

/// What the demo year's events achieved, by kind: (indicator, outcome). Targets are nine tenths
/// of the outcome; everything is confirmed, as staff would have done after each event. Counted
/// indicators are recorded as figures too: these events took place before the system did.
fn demo_figures(kind: EventKind) -> &'static [(&'static str, i64)] {
    match kind {
        EventKind::Fair | EventKind::Exhibition => &[
            ("booths", 160),
            ("units-local", 118),
            ("units-other", 32),
            ("units-foreign", 4),
            ("ocop-products", 265),
            ("visitors", 48_500),
            ("retail-sales", 3_260_000_000),
            ("contracts", 14),
            ("contracts-value", 18_700_000_000),
        ],
        EventKind::SupplyDemand => &[
            ("units-local", 64),
            ("units-other", 27),
            ("ocop-products", 142),
            ("buyers-distributor", 18),
            ("buyers-supermarket", 6),
            ("buyers-exporter", 9),
            ("buyers-horeca", 11),
            ("buyers-other", 5),
            ("meetings", 186),
            ("contracts", 31),
            ("contracts-value", 52_400_000_000),
        ],
        EventKind::Delegation => &[
            ("booths", 8),
            ("units-local", 8),
            ("ocop-products", 46),
            ("visitors", 31_000),
            ("retail-sales", 462_000_000),
            ("contracts", 4),
            ("contracts-value", 6_850_000_000),
        ],
        EventKind::Livestream => &[
            ("duration", 150),
            ("viewers", 186_400),
            ("peak-viewers", 4_230),
            ("interactions", 36_150),
            ("orders", 2_356),
            ("revenue", 612_500_000),
            ("quantity-sold", 3_912),
            ("producers-featured", 12),
        ],
        _ => &[],
    }
}

/// A demo rating decision between 2 and 31 months ago (by `n`): every certificate still valid.
fn rated_months_ago(n: usize) -> Result<NaiveDate, ServerError> {
    let months = u32::try_from(2 + n % 30).unwrap_or(2);
    crate::domain::time::local_date(now())
        .checked_sub_months(chrono::Months::new(months))
        .ok_or_else(|| ServerError::Config("demo rating date".into()))
}

/// Adds a demo producer named `name` and its product, whose rating staff have checked against
/// its certificate; answers (producer id, product id).
async fn add_producer(
    tx: &mut db::Tx,
    p: &DemoProducer,
    name: &str,
    tax_code: &TaxCode,
    commune_id: i64,
    i: usize,
) -> Result<(i64, i64), ServerError> {
    let at = now();
    let certificate = (format!("{}/QĐ-UBND", 1200 + i), rated_months_ago(i * 7)?);
    let producer_id = db::producer::insert(
        tx,
        NewProducerRow {
            kind: p.kind,
            name,
            tax_code,
            commune_id,
            is_demo: true,
            now: at,
        },
    )
    .await?;
    let stars = OcopStars::new(p.stars).ok_or_else(|| ServerError::Config("demo stars".into()))?;
    let product_id = db::producer::insert_product(
        tx,
        NewProductRow {
            producer_id,
            name_vi: p.product_vi,
            name_en: p.product_en,
            group_code: p.group,
            stars,
            certificate: Some(certificate),
            is_demo: true,
            now: at,
        },
    )
    .await?;
    db::catalogue::set_verified(tx, product_id, None, Some(at)).await?;
    Ok((producer_id, product_id))
}

/// Who took part in a completed demo event: its approved applications, and what their
/// results reports add up to in sales (none when nobody reported).
#[derive(Default)]
struct TakingPart {
    applications: Vec<i64>,
    reports: usize,
    sales: Option<i64>,
}

/// How many producers took part in the `n`th completed event, and how many deals its figure
/// of contracts becomes in the register.
struct Scale {
    producers: fn(usize) -> usize,
    deals: fn(i64) -> i64,
}

/// The demo year: five to eight producers an event, a deal for each contract counted.
const DEMO_SCALE: Scale = Scale {
    producers: |n| 5 + n % 4,
    deals: |contracts| contracts,
};

/// The producers of `catalogue` who took part in the completed fairs, exhibitions, delegations
/// and supply–demand conferences: each such event had a call (closed a week before it), and its
/// producers were approved and paid their share; after the event three in four reported their
/// sales and orders on time, the rest not at all.
async fn demo_participation(
    db: &Db,
    completed: &[(i64, EventKind, EventFormat)],
    catalogue: &[(i64, i64)],
    scale: &Scale,
) -> Result<HashMap<i64, TakingPart>, ServerError> {
    use crate::domain::{
        application::{ApplicationInput, Status},
        booths::{BoothSize, Call, NewBoothType, DEFAULT_REPORT_DAYS},
        producer_report::CheckedReport,
        time::local_date,
    };
    let mut out = HashMap::new();
    let at = now();
    let mut tx = db.begin_write().await?;
    for (n, &(event_id, kind, _)) in completed.iter().enumerate() {
        let booths = matches!(
            kind,
            EventKind::Fair | EventKind::Exhibition | EventKind::Delegation | EventKind::SupplyDemand
        );
        if !booths || catalogue.is_empty() {
            continue;
        }
        let Some(ev) = db::event::any_detail(db, event_id, crate::domain::Lang::Vi).await? else {
            continue;
        };
        let call = Call {
            opens_at: ev.starts_at - chrono::Duration::days(45),
            closes_at: ev.starts_at - chrono::Duration::days(7),
            min_stars: Some(3),
            max_booths: 2,
            documents_vi: "Bản sao giấy chứng nhận OCOP còn hiệu lực.".into(),
            documents_en: "A copy of a valid OCOP certificate.".into(),
            support: [100, 100, 50, 0],
            product_groups: Vec::new(),
            report_days: DEFAULT_REPORT_DAYS,
        };
        db::booths::save_call(&mut tx, event_id, &call, call.opens_at).await?;
        let booth_type = NewBoothType {
            name_vi: "Gian tiêu chuẩn".into(),
            name_en: Some("Standard booth".into()),
            size: BoothSize::Standard,
            price_vnd: 12_000_000,
            support_rate: 100,
            count: 12,
        };
        let booth_type_id = db::booths::insert_booth_type(&mut tx, event_id, &booth_type, call.opens_at).await?;
        let due_on = local_date(ev.ends_at) + chrono::Duration::days(DEFAULT_REPORT_DAYS);
        // reported five days after the event, or by now when it ended less than five days ago
        let reported_at = (ev.ends_at + chrono::Duration::days(5)).min(at);
        let mut part = TakingPart::default();
        for k in 0..(scale.producers)(n) {
            let (producer_id, product_id) = catalogue[(n * 3 + k) % catalogue.len()];
            let input = ApplicationInput {
                booth_type_id: Some(booth_type_id),
                booth_count: 1,
                zone_id: None,
                products: vec![product_id],
                answers: Vec::new(),
                note: None,
                submit: true,
            };
            let applied = call.opens_at + chrono::Duration::days(i64::try_from(k).unwrap_or(0) + 1);
            let Some(id) = db::application::insert(
                &mut tx,
                EventId(event_id),
                ProducerId(producer_id),
                &input,
                Status::Submitted,
                None,
                applied,
            )
            .await?
            else {
                continue;
            };
            let decided = call.closes_at + chrono::Duration::days(1);
            db::application::set_status(
                &mut tx,
                id,
                Status::Submitted,
                Status::Approved,
                None,
                None,
                None,
                decided,
            )
            .await?;
            db::application::set_paid(&mut tx, id, None, Some(decided)).await?;
            part.applications.push(id);
            // one in four did not report
            if k % 4 == 3 {
                continue;
            }
            let sales = (25 + i64::try_from((n * 7 + k * 13) % 50).unwrap_or(0)) * 1_000_000;
            let report = CheckedReport {
                sales: Some(sales),
                orders: Some(10 + i64::try_from((n + k * 7) % 40).unwrap_or(0)),
                satisfaction: Some(if k % 3 == 0 { 4 } else { 5 }),
                comment: Some("Khách tham quan đông, nhiều nhà phân phối hỏi mua sản phẩm.".into()),
                deals: Vec::new(),
                removed: Vec::new(),
                contacts: Vec::new(),
            };
            db::producer_report::save(&mut tx, (id, event_id), due_on, &report, None, reported_at).await?;
            part.reports += 1;
            part.sales = Some(part.sales.unwrap_or(0) + sales);
        }
        out.insert(event_id, part);
    }
    tx.commit().await?;
    Ok(out)
}

async fn demo_outcomes(
    db: &Db,
    completed: &[(i64, EventKind, EventFormat)],
    taking_part: &HashMap<i64, TakingPart>,
    scale: &Scale,
) -> Result<usize, ServerError> {
    use crate::domain::outcomes::Origin;
    use db::outcomes::FigureWrite;
    let indicators = db::outcomes::indicators(db).await?;
    let at = now();
    let mut tx = db.begin_write().await?;
    for (n, &(event_id, kind, format)) in completed.iter().enumerate() {
        // each event a little different from the last
        let scale = |v: i64| v + v * i64::try_from(n % 4).unwrap_or(0) / 10;
        for &(code, value) in demo_figures(kind) {
            if !indicators.iter().any(|i| i.code == code && i.applies(kind, format)) {
                continue;
            }
            let planned = scale(value);
            // the sales at the fair are what its producers reported, where they did
            let reported = taking_part
                .get(&event_id)
                .and_then(|p| p.sales)
                .filter(|_| code == "retail-sales");
            let write = FigureWrite {
                code,
                target: Some(planned * 9 / 10 / 100 * 100),
                actual: Some(reported.unwrap_or(planned)),
                actual_text: None,
                from: if reported.is_some() {
                    Origin::Reports
                } else {
                    Origin::Staff
                },
            };
            db::outcomes::write(&mut tx, event_id, &write, None, at).await?;
        }
        if kind == EventKind::Livestream {
            for (code, text) in [
                ("platform", "TikTok Shop"),
                ("channel", "https://www.tiktok.com/@dacsandaklak"),
                ("host", "KOL Hà Linh"),
            ] {
                let write = FigureWrite {
                    code,
                    target: None,
                    actual: None,
                    actual_text: Some(text),
                    from: Origin::Staff,
                };
                db::outcomes::write(&mut tx, event_id, &write, None, at).await?;
            }
        }
        db::outcomes::confirm(&mut tx, event_id, None, at).await?;
    }
    tx.commit().await?;
    demo_deals(db, completed, taking_part, scale).await
}

/// Who the demo deals were signed with: (party, kind of partner, province or country, product).
const DEMO_PARTIES: &[(&str, BuyerType, &str, &str)] = &[
    (
        "Công ty CP Phân phối Nông sản An Phát",
        BuyerType::Distributor,
        "TP. Hồ Chí Minh",
        "Cà phê rang xay",
    ),
    (
        "Hệ thống siêu thị Co.opmart",
        BuyerType::Supermarket,
        "TP. Hồ Chí Minh",
        "Mắc ca sấy",
    ),
    (
        "Công ty TNHH Xuất khẩu Tây Nguyên Xanh",
        BuyerType::Exporter,
        "Hàn Quốc",
        "Cà phê nhân xanh",
    ),
    (
        "Chuỗi nhà hàng Ban Mê Quán",
        BuyerType::Horeca,
        "Hà Nội",
        "Mật ong hoa cà phê",
    ),
    (
        "Công ty TNHH Thương mại Đại Việt",
        BuyerType::Distributor,
        "Đà Nẵng",
        "Ca cao lên men",
    ),
    ("Siêu thị WinMart", BuyerType::Supermarket, "Hà Nội", "Sầu riêng sấy"),
];

/// The register behind the demo events' confirmed contracts: as many deals as the figure says
/// (at the scale's rate), their values adding up to its value, signed during the event by the
/// producers who took part; the older ones followed up. Answers how many.
async fn demo_deals(
    db: &Db,
    completed: &[(i64, EventKind, EventFormat)],
    taking_part: &HashMap<i64, TakingPart>,
    scale: &Scale,
) -> Result<usize, ServerError> {
    use crate::domain::producer_report::{Deal, DealKind};
    let at = now();
    let today = crate::domain::time::local_date(at);
    let mut tx = db.begin_write().await?;
    let mut added = 0;
    for &(event_id, _, _) in completed {
        let figures = db::outcomes::figures(db, event_id).await?;
        let figure = |code: &str| figures.iter().find(|f| f.indicator_code == code).and_then(|f| f.actual);
        let (Some(count), Some(value)) = (figure("contracts").map(scale.deals), figure("contracts-value")) else {
            continue;
        };
        let Some(ev) = db::event::any_detail(db, event_id, crate::domain::Lang::Vi).await? else {
            continue;
        };
        let first = crate::domain::time::local_date(ev.starts_at);
        let last = crate::domain::time::local_date(ev.ends_at).min(today);
        let each = value / count.max(1);
        for i in 0..count {
            let (party, kind_of, place, product) = DEMO_PARTIES[usize::try_from(i).unwrap_or(0) % DEMO_PARTIES.len()];
            let signed_on = (first + chrono::Duration::days(i % 3)).min(last);
            let deal = Deal {
                deal_id: None,
                kind: if i % 3 == 2 { DealKind::Mou } else { DealKind::Contract },
                counterparty: party.to_string(),
                counterparty_type: kind_of,
                place: place.to_string(),
                product: product.to_string(),
                // coffee and cacao are drinks; honey, nuts and dried fruit foods
                product_group: Some(if product.starts_with("Cà phê") || product.starts_with("Ca cao") {
                    "beverage".to_string()
                } else {
                    "food".to_string()
                }),
                // the last takes what the division leaves, so that the values add up exactly
                value_vnd: if i == count - 1 {
                    value - each * (count - 1)
                } else {
                    each
                },
                foreign: (kind_of == BuyerType::Exporter).then(|| ("USD".to_string(), each / 25_000)),
                signed_on,
            };
            // signed by the producers who took part, in turn; by the Department's guests otherwise
            let by = taking_part
                .get(&event_id)
                .filter(|p| !p.applications.is_empty())
                .map(|p| p.applications[usize::try_from(i).unwrap_or(0) % p.applications.len()]);
            let id = db::producer_report::insert_deal(&mut tx, event_id, by, &deal, None, at).await?;
            added += 1;
            // three months on, most have turned into orders
            if signed_on + chrono::Duration::days(92) <= today {
                let (status, share) = match i % 4 {
                    3 => (crate::domain::deals::FollowUpStatus::Pending, 0),
                    _ => (crate::domain::deals::FollowUpStatus::Ordering, 40),
                };
                db::producer_report::put_follow_up(
                    &mut tx,
                    (id, 3),
                    status,
                    deal.value_vnd * share / 100,
                    "",
                    None,
                    at,
                )
                .await?;
            }
        }
    }
    tx.commit().await?;
    Ok(added)
}

/// What an event of each kind plans to spend, by cost line and source (đồng).
fn demo_budget_lines(kind: EventKind) -> &'static [(CostLine, Funding, i64)] {
    match kind {
        EventKind::Fair | EventKind::Exhibition => &[
            (CostLine::Venue, Funding::Provincial, 180_000_000),
            (CostLine::Construction, Funding::Provincial, 120_000_000),
            (CostLine::Media, Funding::Provincial, 45_000_000),
            (CostLine::Media, Funding::Sponsors, 20_000_000),
            (CostLine::Organisation, Funding::Provincial, 60_000_000),
            (CostLine::Support, Funding::Provincial, 150_000_000),
        ],
        EventKind::Delegation => &[
            (CostLine::Venue, Funding::National, 96_000_000),
            (CostLine::Construction, Funding::National, 40_000_000),
            (CostLine::Travel, Funding::Provincial, 85_000_000),
            (CostLine::Travel, Funding::Producers, 40_000_000),
            (CostLine::Support, Funding::Provincial, 60_000_000),
        ],
        EventKind::SupplyDemand | EventKind::Conference => &[
            (CostLine::Venue, Funding::Provincial, 35_000_000),
            (CostLine::Organisation, Funding::Provincial, 50_000_000),
            (CostLine::Media, Funding::Provincial, 15_000_000),
        ],
        EventKind::Livestream => &[
            (CostLine::Media, Funding::Provincial, 40_000_000),
            (CostLine::Organisation, Funding::Sponsors, 15_000_000),
        ],
        _ => &[],
    }
}

/// Every demo event's budget (what completed events spent, what upcoming ones have committed),
/// and each year's plan approved by a decision in January for a little more than its events'
/// budgets.
async fn demo_budgets(
    db: &Db,
    events: &[(
        i64,
        EventKind,
        crate::domain::EventStatus,
        chrono::DateTime<chrono::Utc>,
    )],
) -> Result<(), ServerError> {
    use crate::domain::budget::{CheckedBudget, CheckedPlan, Line};
    use chrono::Datelike;
    let at = now();
    let mut planned_by_year: std::collections::BTreeMap<i32, i64> = std::collections::BTreeMap::new();
    let mut tx = db.begin_write().await?;
    for &(event_id, kind, status, starts_at) in events {
        let done = status == crate::domain::EventStatus::Completed;
        let mut budget = CheckedBudget {
            lines: Vec::new(),
            removed: Vec::new(),
            support: None,
        };
        for &(cost_line, funding, planned) in demo_budget_lines(kind) {
            *planned_by_year
                .entry(crate::domain::time::local_date(starts_at).year())
                .or_default() += planned;
            if cost_line == CostLine::Support {
                budget.support = Some((funding, planned));
                continue;
            }
            // a completed event spent a little less than planned; an upcoming one has booked its venue
            let committed = match (done, cost_line) {
                (true, _) => Some(planned / 100 * 96),
                (false, CostLine::Venue) => Some(planned),
                (false, _) => None,
            };
            budget.lines.push(Line {
                line_id: None,
                cost_line,
                funding,
                planned,
                committed,
                paid: if done { committed } else { None },
                note: String::new(),
            });
        }
        db::budget::save(&mut tx, event_id, &budget, None, at).await?;
    }
    for (year, planned) in planned_by_year {
        let plan = CheckedPlan {
            title: crate::domain::budget::default_plan_title(year, crate::domain::Lang::Vi),
            decision: NaiveDate::from_ymd_opt(year, 1, 15).map(|d| (format!("{}/QĐ-UBND", 100 + year % 100), d)),
            issued_by: Some("UBND tỉnh Đắk Lắk".into()),
            budget_vnd: Some(planned / 10_000_000 * 11_000_000),
            note: None,
        };
        db::budget::save_plan(&mut tx, year, &plan, None, at).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// A service refusing the demo data is a defect in the demo data.
fn demo_refused(e: services::ServiceError) -> ServerError {
    match e {
        services::ServiceError::Server(e) => e,
        other => ServerError::Data(format!("{other:?}")),
    }
}

/// A demo point of sale: name, operator, kind, address, commune, (latitude, longitude), hours,
/// phone, status, and which of the demo products (by their place in `PRODUCERS`) are on sale.
type DemoPoint = (
    &'static str,
    &'static str,
    crate::domain::sale_points::PlaceKind,
    &'static str,
    &'static str,
    (f64, f64),
    &'static str,
    &'static str,
    crate::domain::sale_points::PointStatus,
    &'static [usize],
);

const SALE_POINTS: &[DemoPoint] = {
    use crate::domain::sale_points::{PlaceKind as K, PointStatus as S};
    &[
        (
            "Điểm giới thiệu và bán sản phẩm OCOP tỉnh Đắk Lắk",
            "HTX Nông nghiệp Dịch vụ Công Bằng",
            K::Retail,
            "10 Lê Duẩn",
            "Buôn Ma Thuột",
            (12.6797, 108.0377),
            "7:30–21:30 hằng ngày",
            "0262 3852 100",
            S::Open,
            &[0, 1, 2, 3, 4, 5, 8, 10],
        ),
        (
            "Quầy OCOP Cảng hàng không Buôn Ma Thuột",
            "Công ty TNHH Cà phê Hương Ban Mê",
            K::Transport,
            "Nhà ga hành khách, Cảng hàng không Buôn Ma Thuột",
            "Ea Kao",
            (12.6683, 108.1203),
            "5:30–22:00 hằng ngày",
            "0905 123 456",
            S::Open,
            &[0, 2, 5],
        ),
        (
            "Điểm OCOP Trạm dừng nghỉ Quốc lộ 26",
            "HTX Sầu riêng Krông Pắc",
            K::RestStop,
            "Km 28, Quốc lộ 26",
            "Krông Pắc",
            (12.7082, 108.2998),
            "6:00–20:00",
            "0914 222 333",
            S::Open,
            &[6, 7, 8],
        ),
        (
            "Gian hàng OCOP Khu du lịch Hồ Lắk",
            "Tổ hợp tác Thổ cẩm Buôn Jun",
            K::Tourism,
            "Buôn Jun, ven Hồ Lắk",
            "Liên Sơn Lắk",
            (12.4167, 108.1833),
            "8:00–18:00",
            "",
            S::Open,
            &[9, 10, 11],
        ),
        (
            "Điểm OCOP Bưu điện Tuy Hòa",
            "Bưu điện tỉnh",
            K::PostOffice,
            "01 Trần Hưng Đạo",
            "Tuy Hòa",
            (13.0955, 109.3209),
            "7:00–19:00, thứ Hai đến thứ Bảy",
            "0257 3823 456",
            S::Suspended,
            &[13, 14],
        ),
        (
            "Quầy OCOP chợ Ea Kly",
            "Ban quản lý chợ Ea Kly",
            K::Retail,
            "Chợ Ea Kly",
            "Ea Kly",
            (12.8167, 108.2167),
            "",
            "",
            S::Closed,
            &[5],
        ),
    ]
};

/// The demo points of sale, with the demo products on sale at each (one of them closed, one
/// suspended).
async fn demo_sale_points(db: &Db, catalogue: &[(i64, i64)]) -> Result<(), ServerError> {
    use crate::domain::sale_points::CheckedPoint;
    let mut communes = Vec::with_capacity(SALE_POINTS.len());
    for p in SALE_POINTS {
        communes.push(commune_id(db, p.4).await?);
    }
    let mut tx = db.begin_write().await?;
    for (i, (p, commune)) in SALE_POINTS.iter().zip(communes).enumerate() {
        let point = CheckedPoint {
            name: p.0.into(),
            operator: p.1.into(),
            place_kind: p.2,
            address: p.3.into(),
            commune_id: Some(commune),
            position: Some(p.5),
            opening_hours: Some(p.6.to_string()).filter(|h| !h.is_empty()),
            phone: Some(p.7.to_string()).filter(|h| !h.is_empty()),
            area_m2: Some(40 + 20 * i64::try_from(i).unwrap_or(0)),
            decision: NaiveDate::from_ymd_opt(2021 + i32::try_from(i % 4).unwrap_or(0), 12, 5)
                .map(|d| (format!("{}/QĐ-UBND", 2345 + i), d)),
            status: p.8,
            products: p.9.iter().filter_map(|&k| catalogue.get(k).map(|c| c.1)).collect(),
        };
        db::sale_points::save(&mut tx, None, &point, None, now()).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// A few confirmed buyers' inquiries about demo products (the staff's counts show them); one
/// marked a deal.
async fn demo_inquiries(db: &Db, catalogue: &[(i64, i64)]) -> Result<(), ServerError> {
    use crate::domain::{inquiries::CheckedInquiry, producer_report::BuyerType as B};
    let asks: [(usize, &str, &str, B, &str, &str); 4] = [
        (
            0,
            "Lê Minh Châu",
            "Chuỗi cà phê Phố Núi",
            B::Horeca,
            "Hà Nội",
            "300 kg mỗi tháng",
        ),
        (
            2,
            "Phạm Quốc Huy",
            "Siêu thị Co.op Tây Nguyên",
            B::Supermarket,
            "Đắk Lắk",
            "1 tấn mỗi quý",
        ),
        (
            5,
            "Kim Soo-jin",
            "Seoul Natural Foods",
            B::Exporter,
            "Hàn Quốc",
            "2 container 20 feet",
        ),
        (
            6,
            "Đỗ Thanh Tâm",
            "Nhà phân phối Miền Đông",
            B::Distributor,
            "Đồng Nai",
            "5 tấn mỗi mùa",
        ),
    ];
    let at = now();
    let mut tx = db.begin_write().await?;
    for (i, (k, name, org, kind, place, quantity)) in asks.into_iter().enumerate() {
        let Some(&(producer_id, product_id)) = catalogue.get(k) else {
            continue;
        };
        let ask = CheckedInquiry {
            buyer_name: name.into(),
            organisation: org.into(),
            buyer_type: kind,
            place: place.into(),
            email: format!("nguoimua{i}@example.com"),
            phone: None,
            quantity: quantity.into(),
            message: "Xin gửi báo giá và điều kiện giao hàng.".into(),
            event_id: None,
        };
        let hash = format!("demo-inquiry-{i}");
        db::inquiries::insert(
            &mut tx,
            producer_id,
            Some(product_id),
            &ask,
            crate::domain::Lang::Vi,
            &hash,
            at,
        )
        .await?;
        if let Some(row) = db::inquiries::confirm(&mut tx, &hash, at, at).await? {
            if i == 0 {
                db::inquiries::mark(
                    &mut tx,
                    producer_id,
                    row.inquiry_id,
                    crate::domain::inquiries::InquiryStatus::Deal,
                    at,
                )
                .await?;
            }
        }
    }
    tx.commit().await?;
    Ok(())
}

async fn commune_id(db: &Db, name: &str) -> Result<i64, ServerError> {
    db::reference::commune_id_by_name(db, name)
        .await?
        .ok_or_else(|| ServerError::Config(format!("demo commune {name} is missing")))
}

pub struct Loaded {
    pub events: usize,
    pub producers: usize,
}

/// Loads the demo year and producers. With `only_if_empty`, does nothing when any event exists.
pub async fn load(
    db: &Db,
    uid_host: &str,
    today: NaiveDate,
    only_if_empty: bool,
) -> Result<Option<Loaded>, ServerError> {
    if only_if_empty && db::event::count(db).await? > 0 {
        return Ok(None);
    }
    // the first fair in the province at least three weeks ahead takes applications
    let mut fair: Option<(i64, chrono::DateTime<chrono::Utc>)> = None;
    let mut completed = Vec::new();
    let mut budgeted = Vec::new();
    for d in EVENTS {
        let commune_id = match d.commune {
            Some(name) => Some(commune_id(db, name).await?),
            None => None,
        };
        let event = NewEvent::try_from(input(d, commune_id, today)).map_err(|e| ServerError::Data(e.to_string()))?;
        let id = services::events::create_event(db, &event, uid_host, true)
            .await
            .map_err(demo_refused)?;
        if event.status == crate::domain::EventStatus::Completed {
            completed.push((id, event.kind, event.format));
        }
        if event.status != crate::domain::EventStatus::Cancelled {
            budgeted.push((id, event.kind, event.status, event.starts_at));
        }
        let soon_enough = event.starts_at > now() + chrono::Duration::days(21);
        if d.kind == "fair" && d.scope == "province" && soon_enough && fair.is_none_or(|f| event.starts_at < f.1) {
            fair = Some((id, event.starts_at));
        }
    }
    if let Some((event_id, starts_at)) = fair {
        open_demo_call(db, event_id, starts_at).await?;
    }
    // look the communes up before taking the write lock
    let mut communes = Vec::with_capacity(PRODUCERS.len());
    for p in PRODUCERS {
        communes.push(commune_id(db, p.commune).await?);
    }
    let mut tx = db.begin_write().await?;
    let mut catalogue = Vec::with_capacity(PRODUCERS.len());
    for (i, (p, commune_id)) in PRODUCERS.iter().zip(communes).enumerate() {
        catalogue.push(add_producer(&mut tx, p, p.name, &demo_tax_code(i, p.kind)?, commune_id, i).await?);
    }
    tx.commit().await?;
    let taking_part = demo_participation(db, &completed, &catalogue, &DEMO_SCALE).await?;
    demo_outcomes(db, &completed, &taking_part, &DEMO_SCALE).await?;
    demo_budgets(db, &budgeted).await?;
    demo_sale_points(db, &catalogue).await?;
    demo_inquiries(db, &catalogue).await?;
    Ok(Some(Loaded {
        events: EVENTS.len(),
        producers: PRODUCERS.len(),
    }))
}

/// The demo fair's call for applications (open since a week, closing a week before the fair), its
/// support rates, two booth types, three zones and a 10 × 5 floor plan of 30 booths.
async fn open_demo_call(db: &Db, event_id: i64, starts_at: chrono::DateTime<chrono::Utc>) -> Result<(), ServerError> {
    use crate::domain::booths::{BoothSize, Call, NewBoothType, NewQuestion, QuestionKind};
    let at = now();
    let mut tx = db.begin_write().await?;
    let call = Call {
        opens_at: at - chrono::Duration::days(7),
        closes_at: starts_at - chrono::Duration::days(7),
        min_stars: Some(3),
        max_booths: 2,
        documents_vi: "Bản sao giấy chứng nhận OCOP còn hiệu lực; ảnh sản phẩm trưng bày.".into(),
        documents_en: "A copy of a valid OCOP certificate; photos of the products to show.".into(),
        support: [100, 100, 50, 0],
        product_groups: Vec::new(),
        report_days: crate::domain::booths::DEFAULT_REPORT_DAYS,
    };
    db::booths::save_call(&mut tx, event_id, &call, at).await?;
    let booth_type = |name_vi: &str, name_en: &str, size, price_vnd, support_rate, count| NewBoothType {
        name_vi: name_vi.into(),
        name_en: Some(name_en.into()),
        size,
        price_vnd,
        support_rate,
        count,
    };
    let standard = db::booths::insert_booth_type(
        &mut tx,
        event_id,
        &booth_type(
            "Gian tiêu chuẩn",
            "Standard booth",
            BoothSize::Standard,
            12_000_000,
            100,
            24,
        ),
        at,
    )
    .await?;
    let corner = db::booths::insert_booth_type(
        &mut tx,
        event_id,
        &booth_type("Gian góc", "Corner booth", BoothSize::Corner, 15_000_000, 50, 6),
        at,
    )
    .await?;
    let zones = [
        ("A", "Khu gian hàng OCOP", "OCOP pavilion"),
        ("B", "Cà phê – ca cao", "Coffee and cacao"),
        ("C", "Thủ công mỹ nghệ", "Handicrafts"),
    ];
    db::booths::set_floor_plan(&mut tx, event_id, 10, 5).await?;
    for (i, (letter, vi, en)) in zones.iter().enumerate() {
        db::booths::insert_zone(&mut tx, event_id, vi, Some(en), at).await?;
        let zone_id: (i64,) = crate::tx_run!(&mut tx, conn => sqlx::query_as("select zone_id from zone where event_id = $1 and name_vi = $2")
            .bind(event_id).bind((*vi).to_string()).fetch_one(conn).await)?;
        let y = i32::try_from(i * 2 + 1).unwrap_or(1);
        for x in 1..=10 {
            let kind = if x == 1 || x == 10 { corner } else { standard };
            let code = format!("{letter}{x:02}");
            db::booths::insert_booth(&mut tx, EventId(event_id), &code, kind, Some(zone_id.0), x, y, 1, at).await?;
        }
    }
    let question = NewQuestion {
        kind: QuestionKind::YesNo,
        label_vi: "Đơn vị đã từng tham gia hội chợ do Sở Công Thương tổ chức chưa?".into(),
        label_en: Some("Have you taken part in a fair of the Department before?".into()),
        choices_vi: Vec::new(),
        choices_en: Vec::new(),
        required: true,
    };
    db::booths::insert_question(&mut tx, event_id, &question, at).await?;
    let document = NewQuestion {
        kind: QuestionKind::File,
        label_vi: "Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm (bản scan, nếu có)".into(),
        label_en: Some("Food safety certificate of the premises (a scan, if you have one)".into()),
        choices_vi: Vec::new(),
        choices_en: Vec::new(),
        required: false,
    };
    db::booths::insert_question(&mut tx, event_id, &document, at).await?;
    tx.commit().await
}

/// The `i`th of `count` invented events of a benchmark, spread over the 365 days from `first`
/// (lasting `days` days), in a commune of `communes` and of a kind of `kinds`, in turn.
fn bench_event(
    (i, count): (usize, usize),
    first: NaiveDate,
    days: u64,
    communes: &[crate::domain::reference::Commune],
    kinds: &[&str],
) -> NewEventInput {
    let d = &EVENTS[i % EVENTS.len()];
    let start = first
        .checked_add_days(Days::new((i * 365 / count.max(1)) as u64))
        .unwrap_or(first);
    let end = start.checked_add_days(Days::new(days)).unwrap_or(start);
    let commune = communes.get(i % communes.len().max(1)).map(|c| c.commune_id);
    let mut inp = input(d, commune, first);
    inp.kind = kinds[i % kinds.len()].into();
    inp.format = "in-person".into();
    inp.scope = "province".into();
    inp.venue_name = "Trung tâm Hội nghị tỉnh".into();
    inp.online_url = String::new();
    inp.starts_at = format!("{}T08:00", start.format("%Y-%m-%d"));
    inp.ends_at = format!("{}T17:00", end.format("%Y-%m-%d"));
    inp.title_vi = format!("{} (lần {})", d.title_vi, i + 1);
    inp
}

/// `count` invented published events spread over the year from `today`, for the benchmark.
pub async fn load_bench_events(db: &Db, uid_host: &str, today: NaiveDate, count: usize) -> Result<(), ServerError> {
    let kinds = [
        "fair",
        "exhibition",
        "conference",
        "supply-demand",
        "livestream",
        "training",
    ];
    let communes = db::reference::communes(db, crate::domain::Lang::Vi).await?;
    for i in 0..count {
        let mut inp = bench_event((i, count), today, i as u64 % 4, &communes, &kinds);
        inp.status = "published".into();
        let event = NewEvent::try_from(inp).map_err(|e| ServerError::Data(e.to_string()))?;
        services::events::create_event(db, &event, uid_host, true)
            .await
            .map_err(demo_refused)?;
    }
    Ok(())
}

/// A signed-in session for a benchmark account; returns its secret (the cookie's value).
async fn bench_session(
    tx: &mut db::Tx,
    user_id: i64,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<String, ServerError> {
    use super::auth::token;
    let secret = token::new_token().map_err(|e| ServerError::Config(format!("no randomness: {e}")))?;
    let hash = token::hash_token(&secret);
    db::account::insert_session(
        tx,
        db::account::NewSession {
            session_hash: &hash,
            user_id,
            now: at,
            expires_at: at + chrono::Duration::hours(12),
            user_agent: None,
            client_ip: "127.0.0.1",
        },
    )
    .await?;
    Ok(secret)
}

/// A staff member for a benchmark, signed in; returns the session's secret.
async fn bench_staff(tx: &mut db::Tx, email: &str) -> Result<String, ServerError> {
    let at = now();
    let staff = db::account::insert_user(
        tx,
        db::account::NewUser {
            email,
            password_hash: None,
            full_name: "Cán bộ đo tải",
            phone: None,
            role: crate::domain::account::Role::Staff,
            producer_id: None,
            is_owner: false,
            lang: crate::domain::Lang::Vi,
            verified: true,
            now: at,
        },
    )
    .await?;
    bench_session(tx, staff, at).await
}

/// What [`load_bench_year`] loaded.
pub struct BenchYear {
    pub events: usize,
    pub approved: usize,
    pub reports: usize,
    pub deals: usize,
    /// A staff member's session secret.
    pub staff: String,
}

/// For `make bench`: `year` (a past one) with `count` completed events of every kind, their
/// targets, confirmed outcomes and budgets, and the year's plan; `producers` producers with
/// verified products, six taking part in each fair, exhibition, delegation and supply–demand
/// conference (five of them reporting their results) and signing up to three deals there.
pub async fn load_bench_year(
    db: &Db,
    uid_host: &str,
    year: i32,
    count: usize,
    producers: usize,
) -> Result<BenchYear, ServerError> {
    const BENCH_SCALE: Scale = Scale {
        producers: |_| 6,
        deals: |contracts| contracts.min(3),
    };
    let kinds = [
        "fair",
        "exhibition",
        "supply-demand",
        "delegation",
        "fair",
        "livestream",
    ];
    let communes = db::reference::communes(db, crate::domain::Lang::Vi).await?;
    let first = NaiveDate::from_ymd_opt(year, 1, 1).ok_or_else(|| ServerError::Config("bench year".into()))?;
    let mut completed = Vec::with_capacity(count);
    let mut budgeted = Vec::with_capacity(count);
    for i in 0..count {
        // within the year: the last of 365 days from 1 January is 31 December
        let mut inp = bench_event((i, count), first, 0, &communes, &kinds);
        inp.status = "completed".into();
        let event = NewEvent::try_from(inp).map_err(|e| ServerError::Data(e.to_string()))?;
        let id = services::events::create_event(db, &event, uid_host, true)
            .await
            .map_err(demo_refused)?;
        completed.push((id, event.kind, event.format));
        budgeted.push((id, event.kind, event.status, event.starts_at));
    }
    let mut tx = db.begin_write().await?;
    let mut catalogue = Vec::with_capacity(producers);
    for i in 0..producers {
        let p = &PRODUCERS[i % PRODUCERS.len()];
        let name = format!("{} (đo tải {i})", p.name);
        let commune = communes[(i * 7) % communes.len().max(1)].commune_id;
        // tax codes of their own, past the demo producers' (a household's stays 12 digits up to 1,100)
        catalogue.push(add_producer(&mut tx, p, &name, &demo_tax_code(100 + i, p.kind)?, commune, i).await?);
    }
    let staff = bench_staff(&mut tx, &format!("bench-year-{year}@sct.vn")).await?;
    tx.commit().await?;
    let taking_part = demo_participation(db, &completed, &catalogue, &BENCH_SCALE).await?;
    let deals = demo_outcomes(db, &completed, &taking_part, &BENCH_SCALE).await?;
    demo_budgets(db, &budgeted).await?;
    Ok(BenchYear {
        events: count,
        approved: taking_part.values().map(|p| p.applications.len()).sum(),
        reports: taking_part.values().map(|p| p.reports).sum(),
        deals,
        staff,
    })
}

/// For `make bench`: the public directory's `count` products, five a producer, every rating
/// verified and its certificate valid (the demo producers' products, numbered).
pub async fn load_bench_directory(db: &Db, count: usize) -> Result<usize, ServerError> {
    if count > 2500 {
        return Err(ServerError::Config("at most 2,500 benchmark products".into()));
    }
    let communes = db::reference::communes(db, crate::domain::Lang::Vi).await?;
    let mut tx = db.begin_write().await?;
    let mut added = 0;
    for i in 0..count.div_ceil(5) {
        let p = &PRODUCERS[i % PRODUCERS.len()];
        let name = format!("{} (danh bạ {i})", p.name);
        let commune = communes[(i * 7) % communes.len().max(1)].commune_id;
        // tax codes past the demo producers' and those of `bench-year` (a household's stays 12
        // digits up to 1,100: hence at most 2,500 products)
        let (producer_id, _) = add_producer(&mut tx, p, &name, &demo_tax_code(600 + i, p.kind)?, commune, i).await?;
        added += 1;
        for k in 1..5 {
            if added == count {
                break;
            }
            let other = &PRODUCERS[(i + k) % PRODUCERS.len()];
            let rated_on = rated_months_ago(i + k)?;
            let product_id = db::producer::insert_product(
                &mut tx,
                NewProductRow {
                    producer_id,
                    name_vi: &format!("{} {k}", other.product_vi),
                    name_en: &format!("{} {k}", other.product_en),
                    group_code: other.group,
                    stars: OcopStars::new(other.stars).ok_or_else(|| ServerError::Config("bench stars".into()))?,
                    certificate: Some((format!("{}/QĐ-UBND", 5000 + added), rated_on)),
                    is_demo: true,
                    now: now(),
                },
            )
            .await?;
            db::catalogue::set_verified(&mut tx, product_id, None, Some(now())).await?;
            added += 1;
        }
    }
    tx.commit().await?;
    Ok(added)
}

/// For `make bench`: `count` points of sale across the province's communes, each at its own
/// place (within the province's extent) selling twenty of the listed products.
pub async fn load_bench_points(db: &Db, count: usize) -> Result<usize, ServerError> {
    use crate::domain::sale_points::{CheckedPoint, PlaceKind, PointStatus};
    if count > 5000 {
        return Err(ServerError::Config("at most 5,000 benchmark points".into()));
    }
    let communes = db::reference::communes(db, crate::domain::Lang::Vi).await?;
    let products = db::sale_points::choices(db).await?;
    let mut tx = db.begin_write().await?;
    for i in 0..count {
        let step = |n: usize, m: usize| f64::from(u32::try_from(n % m).unwrap_or(0));
        let point = CheckedPoint {
            name: format!("Điểm bán OCOP số {}", i + 1),
            operator: format!("Đơn vị vận hành {}", i % 40 + 1),
            place_kind: PlaceKind::ALL[i % PlaceKind::ALL.len()],
            address: format!("{} đường số {}", i % 200 + 1, i % 37 + 1),
            commune_id: communes.get((i * 11) % communes.len().max(1)).map(|c| c.commune_id),
            position: Some((12.2 + step(i * 13, 100) * 0.012, 107.8 + step(i * 29, 100) * 0.015)),
            opening_hours: Some("7:00–21:00".into()),
            phone: Some(format!("0262 38{:05}", i)),
            area_m2: Some(30 + i64::try_from(i % 90).unwrap_or(0)),
            decision: None,
            status: PointStatus::Open,
            products: (0..20)
                .filter_map(|k| {
                    products
                        .get((i * 7 + k * 13) % products.len().max(1))
                        .map(|p| p.product_id)
                })
                .collect(),
        };
        db::sale_points::save(&mut tx, None, &point, None, now()).await?;
    }
    tx.commit().await?;
    Ok(count)
}

/// For the deadline-rush benchmark (`make bench`): `n` household producers, each with a verified
/// 4★ product and a signed-in session, ready to submit to the demo fair; and a signed-in staff
/// member. Returns the staff session token and, per producer, its session token and the form body
/// of its submission.
pub async fn load_rush(
    db: &Db,
    uid_host: &str,
    today: NaiveDate,
    n: usize,
) -> Result<(String, Vec<(String, String)>), ServerError> {
    use crate::domain::{account::Role, Lang};
    load(db, uid_host, today, false).await?;
    let at = now();
    let fair = db::application::open_calls(db, at)
        .await?
        .first()
        .map(|c| c.0)
        .ok_or_else(|| ServerError::Config("the demo fair has no open call".into()))?;
    let booth_type = db::booths::booth_types(db, fair)
        .await?
        .first()
        .map(|t| t.booth_type_id)
        .ok_or_else(|| ServerError::Config("no booth type".into()))?;
    let question = db::booths::questions(db, fair).await?.first().map(|q| q.question_id);
    let mut tx = db.begin_write().await?;
    let staff_token = bench_staff(&mut tx, "bench-staff@sct.vn").await?;
    let mut people = Vec::with_capacity(n);
    for i in 0..n {
        let name = format!("Hộ kinh doanh đo tải {i}");
        // 12-digit personal IDs of their own (066 Đắk Lắk, 2 = a woman born in the 1900s)
        let tax_code =
            TaxCode::parse(&format!("0662{i:08}")).map_err(|_| ServerError::Config("bench tax code".into()))?;
        let producer_id = db::producer::insert(
            &mut tx,
            NewProducerRow {
                kind: ProducerKind::Household,
                name: &name,
                tax_code: &tax_code,
                commune_id: 1,
                is_demo: true,
                now: at,
            },
        )
        .await?;
        db::producer::insert_product(
            &mut tx,
            NewProductRow {
                producer_id,
                name_vi: "Cà phê rang xay",
                name_en: "Roasted coffee",
                group_code: "beverage",
                stars: OcopStars::new(4).ok_or_else(|| ServerError::Config("stars".into()))?,
                certificate: None,
                is_demo: true,
                now: at,
            },
        )
        .await?;
        let email = format!("bench{i}@htx.vn");
        let user_id = db::account::insert_user(
            &mut tx,
            db::account::NewUser {
                email: &email,
                password_hash: None,
                full_name: &name,
                phone: None,
                role: Role::Producer,
                producer_id: Some(producer_id),
                is_owner: true,
                lang: Lang::Vi,
                verified: true,
                now: at,
            },
        )
        .await?;
        people.push((producer_id, bench_session(&mut tx, user_id, at).await?));
    }
    tx.commit().await?;
    let mut out = Vec::with_capacity(n);
    for (producer_id, secret) in people {
        let product = db::catalogue::of_producer(db, producer_id)
            .await?
            .first()
            .map(|p| p.product_id)
            .ok_or_else(|| ServerError::Config("no product".into()))?;
        let mut body = format!(
            "event_id={fair}&form%5Bbooth_type%5D={booth_type}&form%5Bbooth_count%5D=1&form%5Bproducts%5D%5B{product}%5D=on&form%5Bintent%5D=submit"
        );
        if let Some(q) = question {
            body.push_str(&format!("&form%5Banswers%5D%5Bq{q}%5D=yes"));
        }
        out.push((secret, body));
    }
    Ok((staff_token, out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_demo_event_is_valid_and_lands_within_the_rolling_year() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        for d in EVENTS {
            let start = place_date(today, d.month, d.day);
            assert!(
                start >= today - Days::new(120) && start < today + Days::new(250),
                "{}",
                d.title_vi
            );
            let e = NewEvent::try_from(input(d, d.commune.map(|_| 1), today));
            assert!(e.is_ok(), "{}: {e:?}", d.title_vi);
        }
    }

    #[test]
    fn demo_tax_codes_pass_the_checksum_and_are_distinct() {
        let codes: Vec<String> = PRODUCERS
            .iter()
            .enumerate()
            .map(|(i, p)| demo_tax_code(i, p.kind).unwrap().as_str().to_string())
            .collect();
        let mut unique = codes.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), PRODUCERS.len());
    }
}
