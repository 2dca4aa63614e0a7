//! An event's application call, support rules, booth types, zones, floor plan and blocks: what
//! staff set up before producers apply, with the checks a form needs.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{account::FieldError, event::local_time, Lang};

fn err(field: &str, lang: Lang, vi: &str, en: &str) -> FieldError {
    FieldError::new(field, lang.tr_owned(vi, en))
}

fn whole(value: &str) -> Option<i64> {
    let v: String = value.chars().filter(|c| !matches!(c, ' ' | '.' | ',' | '_')).collect();
    v.parse().ok()
}

/// How many days after an event its producers have to report their results, unless the call says.
pub const DEFAULT_REPORT_DAYS: i64 = 15;

/// The call for applications as typed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CallForm {
    pub opens_at: String,
    pub closes_at: String,
    /// "" (all producers) or 3, 4, 5.
    pub min_stars: String,
    pub max_booths: String,
    pub documents_vi: String,
    pub documents_en: String,
    /// Support for eligible producers, in percent of the booth price: 5★, 4★, 3★ and unrated.
    pub support_5: String,
    pub support_4: String,
    pub support_3: String,
    pub support_none: String,
    /// Days after the event's last day by which producers report their results ("": 15).
    pub report_days: String,
    /// Only these product groups may apply (none checked: all).
    pub groups: std::collections::BTreeMap<String, String>,
}

/// A valid call.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Call {
    #[serde(with = "super::time::ts")]
    pub opens_at: DateTime<Utc>,
    #[serde(with = "super::time::ts")]
    pub closes_at: DateTime<Utc>,
    pub min_stars: Option<u8>,
    pub max_booths: i64,
    pub documents_vi: String,
    pub documents_en: String,
    /// Support rates in percent for 5★, 4★, 3★ and unrated products.
    pub support: [u8; 4],
    pub product_groups: Vec<String>,
    /// Days after the event's last day by which producers report their results.
    pub report_days: i64,
}

/// Where a call for applications stands, as a visitor is told.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CallState {
    /// It opens later.
    Upcoming,
    Open,
    /// Its deadline has passed (or the event is no longer published).
    Closed,
}

/// What the public event page says about the call: when, for whom, and whether it is open now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicCall {
    #[serde(with = "super::time::ts")]
    pub opens_at: DateTime<Utc>,
    #[serde(with = "super::time::ts")]
    pub closes_at: DateTime<Utc>,
    /// Only products rated at least this many stars.
    pub min_stars: Option<u8>,
    /// The product groups it is limited to, by name in the reader's language (empty: any group).
    pub groups: Vec<String>,
    pub state: CallState,
}

fn percent(field: &str, value: &str, lang: Lang, errors: &mut Vec<FieldError>) -> u8 {
    if value.trim().is_empty() {
        return 0;
    }
    match whole(value) {
        Some(n) if (0..=100).contains(&n) => u8::try_from(n).unwrap_or(0),
        _ => {
            errors.push(err(
                field,
                lang,
                "Tỷ lệ hỗ trợ phải từ 0 đến 100 (%).",
                "A support rate is between 0 and 100 (%).",
            ));
            0
        }
    }
}

impl CallForm {
    /// Checks the call against its event's start: a call must close before the event begins.
    pub fn validate(&self, event_starts: DateTime<Utc>, lang: Lang) -> Result<Call, Vec<FieldError>> {
        let mut errors = Vec::new();
        let opens = local_time(&self.opens_at, "opens_at").ok();
        let closes = local_time(&self.closes_at, "closes_at").ok();
        if opens.is_none() {
            errors.push(err(
                "opens_at",
                lang,
                "Vui lòng nhập ngày giờ mở nhận hồ sơ.",
                "Please give when the call opens.",
            ));
        }
        if closes.is_none() {
            errors.push(err(
                "closes_at",
                lang,
                "Vui lòng nhập hạn chót nhận hồ sơ.",
                "Please give the deadline.",
            ));
        }
        if let (Some(o), Some(c)) = (opens, closes) {
            if c <= o {
                errors.push(err(
                    "closes_at",
                    lang,
                    "Hạn chót phải sau thời điểm mở nhận hồ sơ.",
                    "The deadline must come after the opening.",
                ));
            } else if c > event_starts {
                errors.push(err(
                    "closes_at",
                    lang,
                    "Hạn chót nhận hồ sơ phải trước khi sự kiện bắt đầu.",
                    "The call must close before the event starts.",
                ));
            }
        }
        let min_stars = match self.min_stars.trim() {
            "" => None,
            s => match s.parse::<u8>() {
                Ok(n) if (3..=5).contains(&n) => Some(n),
                _ => {
                    errors.push(err(
                        "min_stars",
                        lang,
                        "Chọn 3, 4 hoặc 5 sao.",
                        "Choose 3, 4 or 5 stars.",
                    ));
                    None
                }
            },
        };
        let max_booths = match whole(&self.max_booths) {
            Some(n) if (1..=20).contains(&n) => n,
            _ => {
                errors.push(err(
                    "max_booths",
                    lang,
                    "Số gian tối đa mỗi đơn vị: từ 1 đến 20.",
                    "Booths per producer: 1 to 20.",
                ));
                1
            }
        };
        let support = [
            percent("support_5", &self.support_5, lang, &mut errors),
            percent("support_4", &self.support_4, lang, &mut errors),
            percent("support_3", &self.support_3, lang, &mut errors),
            percent("support_none", &self.support_none, lang, &mut errors),
        ];
        let report_days = match self.report_days.trim() {
            "" => DEFAULT_REPORT_DAYS,
            s => match whole(s) {
                Some(n) if (1..=90).contains(&n) => n,
                _ => {
                    errors.push(err(
                        "report_days",
                        lang,
                        "Hạn báo cáo kết quả: từ 1 đến 90 ngày sau sự kiện.",
                        "Results are due 1 to 90 days after the event.",
                    ));
                    DEFAULT_REPORT_DAYS
                }
            },
        };
        match (opens, closes) {
            (Some(opens_at), Some(closes_at)) if errors.is_empty() => Ok(Call {
                opens_at,
                closes_at,
                min_stars,
                max_booths,
                documents_vi: self.documents_vi.trim().to_string(),
                documents_en: self.documents_en.trim().to_string(),
                support,
                product_groups: self.groups.keys().cloned().collect(),
                report_days,
            }),
            _ => Err(errors),
        }
    }
}

/// How big a booth is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BoothSize {
    /// 3 m × 3 m = 9 m²
    Standard,
    Corner,
    Double,
    Pavilion,
    Outdoor,
    /// A slot in a livestream session.
    Online,
}

impl BoothSize {
    pub const ALL: [BoothSize; 6] = [
        BoothSize::Standard,
        BoothSize::Corner,
        BoothSize::Double,
        BoothSize::Pavilion,
        BoothSize::Outdoor,
        BoothSize::Online,
    ];

    pub fn code(self) -> &'static str {
        match self {
            BoothSize::Standard => "standard",
            BoothSize::Corner => "corner",
            BoothSize::Double => "double",
            BoothSize::Pavilion => "pavilion",
            BoothSize::Outdoor => "outdoor",
            BoothSize::Online => "online",
        }
    }

    pub fn parse(code: &str) -> Option<BoothSize> {
        BoothSize::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (BoothSize::Standard, Lang::Vi) => "Tiêu chuẩn 3 m × 3 m (9 m²)",
            (BoothSize::Corner, Lang::Vi) => "Gian góc",
            (BoothSize::Double, Lang::Vi) => "Gian đôi (18 m²)",
            (BoothSize::Pavilion, Lang::Vi) => "Khu gian hàng của tỉnh",
            (BoothSize::Outdoor, Lang::Vi) => "Ngoài trời",
            (BoothSize::Online, Lang::Vi) => "Khung giờ livestream",
            (BoothSize::Standard, Lang::En) => "Standard 3 m × 3 m (9 m²)",
            (BoothSize::Corner, Lang::En) => "Corner",
            (BoothSize::Double, Lang::En) => "Double (18 m²)",
            (BoothSize::Pavilion, Lang::En) => "Provincial pavilion",
            (BoothSize::Outdoor, Lang::En) => "Outdoor",
            (BoothSize::Online, Lang::En) => "Livestream slot",
        }
    }
}

/// A booth type as typed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct BoothTypeForm {
    pub name_vi: String,
    pub name_en: String,
    pub size: String,
    pub price_vnd: String,
    pub support_rate: String,
    pub count: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewBoothType {
    pub name_vi: String,
    pub name_en: Option<String>,
    pub size: BoothSize,
    pub price_vnd: i64,
    /// The most support (percent) a booth of this type can get.
    pub support_rate: u8,
    pub count: i64,
}

impl BoothTypeForm {
    pub fn validate(&self, lang: Lang) -> Result<NewBoothType, Vec<FieldError>> {
        let mut errors = Vec::new();
        let name_vi = self.name_vi.trim().to_string();
        if name_vi.is_empty() || name_vi.chars().count() > 120 {
            errors.push(err(
                "name_vi",
                lang,
                "Vui lòng nhập tên loại gian (tối đa 120 ký tự).",
                "Please name the booth type (at most 120 characters).",
            ));
        }
        let size = BoothSize::parse(self.size.trim());
        if size.is_none() {
            errors.push(FieldError::new("size", lang.a().choose_one));
        }
        let price = whole(&self.price_vnd);
        if !matches!(price, Some(p) if (0..=10_000_000_000).contains(&p)) {
            errors.push(err(
                "price_vnd",
                lang,
                "Giá gian hàng là số tiền (đồng) không âm.",
                "The price is a non-negative amount in đồng.",
            ));
        }
        let support_rate = percent("support_rate", &self.support_rate, lang, &mut errors);
        let count = whole(&self.count);
        if !matches!(count, Some(c) if (0..=2000).contains(&c)) {
            errors.push(err(
                "count",
                lang,
                "Số lượng gian từ 0 đến 2000.",
                "The count is 0 to 2,000.",
            ));
        }
        match (size, price, count) {
            (Some(size), Some(price_vnd), Some(count)) if errors.is_empty() => Ok(NewBoothType {
                name_vi,
                name_en: Some(self.name_en.trim().to_string()).filter(|s| !s.is_empty()),
                size,
                price_vnd,
                support_rate,
                count,
            }),
            _ => Err(errors),
        }
    }
}

/// "1.234.567 đ" / "1,234,567 VND"
pub fn money(vnd: i64, lang: Lang) -> String {
    let digits = vnd.unsigned_abs().to_string();
    let sep = match lang {
        Lang::Vi => '.',
        Lang::En => ',',
    };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    let sign = if vnd < 0 { "-" } else { "" };
    match lang {
        Lang::Vi => format!("{sign}{out} đ"),
        Lang::En => format!("{sign}{out} VND"),
    }
}

/// What a producer pays for a booth: the price minus the support their best rating earns, never
/// more support than the booth type allows. Integer đồng, rounded in the producer's favour.
pub fn amount_due(price_vnd: i64, type_cap: u8, rule_rate: u8) -> i64 {
    let rate = i64::from(type_cap.min(rule_rate).min(100));
    price_vnd - (price_vnd * rate + 99) / 100
}

/// One booth on the floor plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Booth {
    pub booth_id: i64,
    pub code: String,
    pub x: i32,
    pub y: i32,
    /// 2 for a double booth (it spans two cells).
    pub width: i32,
    pub status: BoothStatus,
    pub zone: Option<String>,
    pub booth_type: String,
    pub label: Option<String>,
    /// The block holding it, and who for ("Xã Ea Tu").
    pub block_id: Option<i64>,
    pub held_for: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BoothStatus {
    Available,
    Blocked,
    /// Reserved for a commune or a visiting province.
    Held,
    /// Given to an application.
    Allocated,
}

impl BoothStatus {
    pub fn code(self) -> &'static str {
        match self {
            BoothStatus::Available => "available",
            BoothStatus::Blocked => "blocked",
            BoothStatus::Held => "held",
            BoothStatus::Allocated => "allocated",
        }
    }

    pub fn parse(code: &str) -> Option<BoothStatus> {
        [
            BoothStatus::Available,
            BoothStatus::Blocked,
            BoothStatus::Held,
            BoothStatus::Allocated,
        ]
        .into_iter()
        .find(|s| s.code() == code)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (BoothStatus::Available, Lang::Vi) => "Còn trống",
            (BoothStatus::Blocked, Lang::Vi) => "Khóa",
            (BoothStatus::Held, Lang::Vi) => "Giữ cho đơn vị",
            (BoothStatus::Allocated, Lang::Vi) => "Đã phân bổ",
            (BoothStatus::Available, Lang::En) => "Available",
            (BoothStatus::Blocked, Lang::En) => "Blocked",
            (BoothStatus::Held, Lang::En) => "Held for a block",
            (BoothStatus::Allocated, Lang::En) => "Allocated",
        }
    }
}

/// What a click or key on the floor plan asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BoothChange {
    Block,
    Unblock,
    /// To this cell (1-based), or `None` when the form left it out.
    Move(Option<(i32, i32)>),
    Label(String),
}

impl BoothChange {
    /// From the floor plan's form: `action` with its `x`, `y` or `label`.
    pub fn parse(action: &str, x: Option<i32>, y: Option<i32>, label: Option<String>) -> Option<BoothChange> {
        match action {
            "block" => Some(BoothChange::Block),
            "unblock" => Some(BoothChange::Unblock),
            "move" => Some(BoothChange::Move(x.zip(y))),
            "label" => Some(BoothChange::Label(label.unwrap_or_default())),
            _ => None,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            BoothChange::Block => "block",
            BoothChange::Unblock => "unblock",
            BoothChange::Move(_) => "move",
            BoothChange::Label(_) => "label",
        }
    }
}

/// A row of booths to generate: `prefix` + 01, 02… from (x, y) to the right.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RowForm {
    pub zone_id: String,
    pub booth_type_id: String,
    pub prefix: String,
    pub count: String,
    pub x: String,
    pub y: String,
}

/// A row that passed its checks against the grid (existing booths are the database's to check).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BoothRow {
    pub zone_id: i64,
    pub booth_type_id: i64,
    /// (code, x, y) for each booth.
    pub booths: Vec<(String, i32, i32)>,
}

impl RowForm {
    /// `width` is the booth type's width in cells (2 for a double booth).
    pub fn validate(&self, cols: i32, rows: i32, width: i32, lang: Lang) -> Result<BoothRow, Vec<FieldError>> {
        let mut errors = Vec::new();
        let zone_id = self.zone_id.trim().parse::<i64>().ok();
        if zone_id.is_none() {
            errors.push(FieldError::new("zone_id", lang.a().choose_one));
        }
        let booth_type_id = self.booth_type_id.trim().parse::<i64>().ok();
        if booth_type_id.is_none() {
            errors.push(FieldError::new("booth_type_id", lang.a().choose_one));
        }
        let prefix = self.prefix.trim().to_uppercase();
        if prefix.is_empty() || prefix.len() > 3 || !prefix.chars().all(|c| c.is_ascii_alphanumeric()) {
            errors.push(err(
                "prefix",
                lang,
                "Ký hiệu dãy: 1–3 chữ cái hoặc số, ví dụ A.",
                "Row letter: 1–3 letters or digits, e.g. A.",
            ));
        }
        let count = whole(&self.count)
            .and_then(|c| i32::try_from(c).ok())
            .filter(|c| (1..=60).contains(c));
        if count.is_none() {
            errors.push(err(
                "count",
                lang,
                "Số gian trong dãy: 1 đến 60.",
                "Booths in the row: 1 to 60.",
            ));
        }
        let x = self.x.trim().parse::<i32>().ok().filter(|x| *x >= 1);
        let y = self.y.trim().parse::<i32>().ok().filter(|y| *y >= 1);
        if x.is_none() {
            errors.push(err(
                "x",
                lang,
                "Cột bắt đầu là số từ 1.",
                "The first column is a number from 1.",
            ));
        }
        if y.is_none() {
            errors.push(err("y", lang, "Hàng là số từ 1.", "The row is a number from 1."));
        }
        if let (Some(count), Some(x), Some(y)) = (count, x, y) {
            if x + count * width - 1 > cols || y > rows {
                errors.push(err(
                    "count",
                    lang,
                    "Dãy gian vượt ra ngoài sơ đồ. Hãy bớt số gian hoặc mở rộng sơ đồ.",
                    "The row runs off the floor plan. Use fewer booths or a larger plan.",
                ));
            }
        }
        match (zone_id, booth_type_id, count, x, y) {
            (Some(zone_id), Some(booth_type_id), Some(count), Some(x), Some(y)) if errors.is_empty() => Ok(BoothRow {
                zone_id,
                booth_type_id,
                booths: (0..count)
                    .map(|i| (format!("{prefix}{:02}", i + 1), x + i * width, y))
                    .collect(),
            }),
            _ => Err(errors),
        }
    }
}

/// Everything the booth section of the editor shows.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct BoothSetup {
    pub call: Option<Call>,
    /// The call's questions, in order.
    pub questions: Vec<QuestionView>,
    pub booth_types: Vec<BoothTypeView>,
    pub zones: Vec<ZoneView>,
    pub cols: i32,
    pub rows: i32,
    pub booths: Vec<Booth>,
    pub blocks: Vec<BlockView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoothTypeView {
    pub booth_type_id: i64,
    pub name: String,
    pub size: BoothSize,
    pub price_vnd: i64,
    pub support_rate: u8,
    pub count: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ZoneView {
    pub zone_id: i64,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlockView {
    pub block_id: i64,
    pub holder: String,
    pub contact: String,
    pub booths: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        local_time(s, "t").unwrap()
    }

    fn call() -> CallForm {
        CallForm {
            opens_at: "2027-01-05T08:00".into(),
            closes_at: "2027-02-20T17:00".into(),
            min_stars: "3".into(),
            max_booths: "2".into(),
            support_5: "100".into(),
            support_4: "100".into(),
            support_3: "50".into(),
            ..CallForm::default()
        }
    }

    #[test]
    fn a_call_closes_before_its_event_starts() {
        let starts = at("2027-03-08T08:00");
        let c = call().validate(starts, Lang::Vi).unwrap();
        assert_eq!(c.min_stars, Some(3));
        assert_eq!(c.support, [100, 100, 50, 0]);
        let late = CallForm {
            closes_at: "2027-03-09T17:00".into(),
            ..call()
        };
        let e = late.validate(starts, Lang::Vi).unwrap_err();
        assert_eq!(e[0].field, "closes_at");
        assert!(e[0].message.contains("trước khi sự kiện bắt đầu"));
        let bad_rate = CallForm {
            support_3: "150".into(),
            ..call()
        };
        assert_eq!(bad_rate.validate(starts, Lang::En).unwrap_err()[0].field, "support_3");
    }

    #[test]
    fn booth_types_refuse_negative_prices_and_rates_out_of_range() {
        let ok = BoothTypeForm {
            name_vi: "Gian tiêu chuẩn".into(),
            size: "standard".into(),
            price_vnd: "12.000.000".into(),
            support_rate: "100".into(),
            count: "40".into(),
            ..BoothTypeForm::default()
        };
        assert_eq!(ok.validate(Lang::Vi).unwrap().price_vnd, 12_000_000);
        let negative = BoothTypeForm {
            price_vnd: "-5".into(),
            ..ok.clone()
        };
        assert_eq!(negative.validate(Lang::Vi).unwrap_err()[0].field, "price_vnd");
        let rate = BoothTypeForm {
            support_rate: "101".into(),
            ..ok
        };
        assert_eq!(rate.validate(Lang::Vi).unwrap_err()[0].field, "support_rate");
    }

    #[test]
    fn the_amount_due_takes_the_smaller_support_and_never_overcharges() {
        assert_eq!(amount_due(12_000_000, 100, 100), 0);
        assert_eq!(amount_due(12_000_000, 100, 50), 6_000_000);
        assert_eq!(amount_due(12_000_000, 30, 50), 8_400_000);
        assert_eq!(amount_due(1_001, 100, 50), 500);
        assert_eq!(money(12_000_000, Lang::Vi), "12.000.000 đ");
        assert_eq!(money(6_500, Lang::En), "6,500 VND");
    }

    #[test]
    fn a_row_of_booths_gets_codes_and_stays_on_the_grid() {
        let row = RowForm {
            zone_id: "1".into(),
            booth_type_id: "2".into(),
            prefix: "a".into(),
            count: "10".into(),
            x: "1".into(),
            y: "1".into(),
        };
        let r = row.validate(10, 4, 1, Lang::Vi).unwrap();
        assert_eq!(r.booths.first(), Some(&("A01".to_string(), 1, 1)));
        assert_eq!(r.booths.last(), Some(&("A10".to_string(), 10, 1)));
        let off = RowForm {
            x: "2".into(),
            ..row.clone()
        };
        assert_eq!(off.validate(10, 4, 1, Lang::Vi).unwrap_err()[0].field, "count");
        let below = RowForm {
            y: "5".into(),
            ..row.clone()
        };
        assert!(below.validate(10, 4, 1, Lang::Vi).is_err());
        let doubles = RowForm {
            count: "5".into(),
            ..row
        };
        let d = doubles.validate(10, 4, 2, Lang::Vi).unwrap();
        assert_eq!(d.booths[1], ("A02".to_string(), 3, 1));
    }
}

/// What kind of answer a call's question takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum QuestionKind {
    Short,
    Long,
    YesNo,
    /// One of the choices.
    One,
    /// Any of the choices.
    Many,
    File,
}

impl QuestionKind {
    pub const ALL: [QuestionKind; 6] = [
        QuestionKind::Short,
        QuestionKind::Long,
        QuestionKind::YesNo,
        QuestionKind::One,
        QuestionKind::Many,
        QuestionKind::File,
    ];

    pub fn code(self) -> &'static str {
        match self {
            QuestionKind::Short => "short",
            QuestionKind::Long => "long",
            QuestionKind::YesNo => "yes-no",
            QuestionKind::One => "one",
            QuestionKind::Many => "many",
            QuestionKind::File => "file",
        }
    }

    pub fn parse(code: &str) -> Option<QuestionKind> {
        QuestionKind::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (QuestionKind::Short, Lang::Vi) => "Trả lời ngắn",
            (QuestionKind::Long, Lang::Vi) => "Trả lời dài",
            (QuestionKind::YesNo, Lang::Vi) => "Có / Không",
            (QuestionKind::One, Lang::Vi) => "Chọn một",
            (QuestionKind::Many, Lang::Vi) => "Chọn nhiều",
            (QuestionKind::File, Lang::Vi) => "Tệp đính kèm",
            (QuestionKind::Short, Lang::En) => "Short text",
            (QuestionKind::Long, Lang::En) => "Long text",
            (QuestionKind::YesNo, Lang::En) => "Yes / no",
            (QuestionKind::One, Lang::En) => "One choice",
            (QuestionKind::Many, Lang::En) => "Several choices",
            (QuestionKind::File, Lang::En) => "File",
        }
    }

    pub fn has_choices(self) -> bool {
        matches!(self, QuestionKind::One | QuestionKind::Many)
    }
}

/// A question as typed; choices one per line.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct QuestionForm {
    pub kind: String,
    pub label_vi: String,
    pub label_en: String,
    pub choices_vi: String,
    pub choices_en: String,
    /// "on" when an answer is required (a checkbox).
    pub required: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewQuestion {
    pub kind: QuestionKind,
    pub label_vi: String,
    pub label_en: Option<String>,
    pub choices_vi: Vec<String>,
    pub choices_en: Vec<String>,
    pub required: bool,
}

fn lines(s: &str) -> Vec<String> {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

impl QuestionForm {
    pub fn validate(&self, lang: Lang) -> Result<NewQuestion, Vec<FieldError>> {
        let mut errors = Vec::new();
        let kind = QuestionKind::parse(self.kind.trim());
        if kind.is_none() {
            errors.push(FieldError::new("kind", lang.a().choose_one));
        }
        let label_vi = self.label_vi.trim().to_string();
        if label_vi.is_empty() || label_vi.chars().count() > 300 {
            errors.push(err(
                "label_vi",
                lang,
                "Vui lòng nhập câu hỏi (tối đa 300 ký tự).",
                "Please write the question (at most 300 characters).",
            ));
        }
        let choices_vi = lines(&self.choices_vi);
        let choices_en = lines(&self.choices_en);
        if kind.is_some_and(QuestionKind::has_choices) && choices_vi.len() < 2 {
            errors.push(err(
                "choices_vi",
                lang,
                "Cần ít nhất hai lựa chọn, mỗi dòng một lựa chọn.",
                "At least two choices, one per line.",
            ));
        }
        if !choices_en.is_empty() && choices_en.len() != choices_vi.len() {
            errors.push(err(
                "choices_en",
                lang,
                "Số lựa chọn tiếng Anh phải bằng số lựa chọn tiếng Việt.",
                "Give as many English choices as Vietnamese ones.",
            ));
        }
        match kind {
            Some(kind) if errors.is_empty() => Ok(NewQuestion {
                kind,
                label_vi,
                label_en: Some(self.label_en.trim().to_string()).filter(|s| !s.is_empty()),
                choices_vi: if kind.has_choices() { choices_vi } else { Vec::new() },
                choices_en: if kind.has_choices() { choices_en } else { Vec::new() },
                required: self.required == "on",
            }),
            _ => Err(errors),
        }
    }
}

/// A question as the editor (and later the application form) shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionView {
    pub question_id: i64,
    pub kind: QuestionKind,
    pub label: String,
    pub choices: Vec<String>,
    pub required: bool,
}

#[cfg(test)]
mod question_tests {
    use super::*;

    #[test]
    fn choice_questions_need_choices_and_translations_must_match() {
        let q = QuestionForm {
            kind: "one".into(),
            label_vi: "Đơn vị đã tham gia hội chợ của Sở chưa?".into(),
            choices_vi: "Chưa\nMột lần\nNhiều lần\n".into(),
            choices_en: "Never\nOnce\nSeveral times".into(),
            required: "on".into(),
            ..QuestionForm::default()
        };
        let ok = q.validate(Lang::Vi).unwrap();
        assert_eq!(ok.choices_vi.len(), 3);
        assert!(ok.required);
        let one_choice = QuestionForm {
            choices_vi: "Có".into(),
            choices_en: String::new(),
            ..q.clone()
        };
        assert_eq!(one_choice.validate(Lang::Vi).unwrap_err()[0].field, "choices_vi");
        let mismatched = QuestionForm {
            choices_en: "Never".into(),
            ..q
        };
        assert_eq!(mismatched.validate(Lang::En).unwrap_err()[0].field, "choices_en");
        let short = QuestionForm {
            kind: "short".into(),
            label_vi: "Tên sản phẩm chủ lực".into(),
            choices_vi: "bị bỏ qua".into(),
            ..QuestionForm::default()
        };
        assert!(short.validate(Lang::Vi).unwrap().choices_vi.is_empty());
    }
}
