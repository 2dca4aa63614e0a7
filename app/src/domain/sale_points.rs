//! OCOP points of sale (điểm giới thiệu và bán sản phẩm OCOP) that the province recognises:
//! the staff's register and what the public directory shows of it (`/diem-ban`). The kinds of
//! place are those of Decision 950/QĐ-BCT (2023).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{account::FieldError, directory::ProductCard, event::coded_enum, reference::ProductGroup, time, Lang};

coded_enum! {
    /// Where a point stands, in the terms of Decision 950/QĐ-BCT.
    PlaceKind {
        Transport = "transport", "Nhà ga, sân bay, bến xe, bến cảng", "Station, airport, bus station or port";
        RestStop = "rest-stop", "Trạm dừng nghỉ trên cao tốc, quốc lộ", "Rest stop on a highway or national road";
        Retail = "retail", "Trung tâm thương mại, siêu thị, chợ", "Shopping centre, supermarket or market";
        Tourism = "tourism", "Điểm du lịch, khách sạn, nhà hàng", "Tourist site, hotel or restaurant";
        CraftVillage = "craft-village", "Làng nghề", "Craft village";
        TradeCentre = "trade-centre", "Trung tâm thương mại xã, cụm công nghiệp", "Commune trade centre or industrial cluster";
        FairCentre = "fair-centre", "Trung tâm hội chợ, triển lãm", "Fair and exhibition centre";
        PostOffice = "post-office", "Bưu điện", "Post office";
    }
}

coded_enum! {
    /// Whether a point is selling.
    PointStatus {
        Open = "open", "Đang hoạt động", "Open";
        Suspended = "suspended", "Tạm ngừng hoạt động", "Suspended";
        Closed = "closed", "Đã đóng cửa", "Closed";
    }
}

/// The longest name, operator, address or opening hours kept.
const MAX_TEXT: usize = 200;

/// A point of sale as typed in the staff's form (`form[...]`); the products as checkboxes
/// `form[products][ID]=on`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SalePointForm {
    pub name: String,
    pub operator: String,
    pub place_kind: String,
    pub address: String,
    /// A commune's id ("" when outside the province's list).
    pub commune: String,
    /// Decimal degrees, with a point or a comma ("12,6797").
    pub latitude: String,
    pub longitude: String,
    /// As people write them ("7:00–21:00 hằng ngày").
    pub opening_hours: String,
    pub phone: String,
    /// Square metres.
    pub area: String,
    pub decision_number: String,
    /// yyyy-mm-dd (a date input) or dd/mm/yyyy.
    pub decision_date: String,
    pub status: String,
    pub products: BTreeMap<String, String>,
}

/// A point of sale as checked: what the services store.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckedPoint {
    pub name: String,
    pub operator: String,
    pub place_kind: PlaceKind,
    pub address: String,
    pub commune_id: Option<i64>,
    /// (latitude, longitude)
    pub position: Option<(f64, f64)>,
    pub opening_hours: Option<String>,
    pub phone: Option<String>,
    pub area_m2: Option<i64>,
    pub decision: Option<(String, NaiveDate)>,
    pub status: PointStatus,
    pub products: Vec<i64>,
}

/// Vietnam's extent, with a margin: a point's coordinates must fall inside it (a swapped pair of
/// latitude and longitude does not).
const LATITUDES: std::ops::RangeInclusive<f64> = 8.0..=23.5;
const LONGITUDES: std::ops::RangeInclusive<f64> = 102.0..=110.0;

fn degrees(typed: &str) -> Option<f64> {
    let v: f64 = typed.trim().replace(',', ".").parse().ok()?;
    v.is_finite().then_some(v)
}

impl SalePointForm {
    /// Checks the form; every problem is named beside its field.
    pub fn check(&self, lang: Lang) -> Result<CheckedPoint, Vec<FieldError>> {
        let mut errors = Vec::new();
        let short = |s: &str| -> String { s.trim().chars().take(MAX_TEXT).collect() };
        let optional = |s: &str| Some(short(s)).filter(|s| !s.is_empty());
        let mut required = |field: &str, value: &str, vi: &'static str, en: &'static str| {
            let v = short(value);
            if v.is_empty() {
                errors.push(FieldError::new(field, lang.tr(vi, en)));
            }
            v
        };
        let name = required("name", &self.name, "Nhập tên điểm bán.", "Give the point's name.");
        let operator = required(
            "operator",
            &self.operator,
            "Nhập đơn vị quản lý, vận hành điểm bán.",
            "Give who runs the point.",
        );
        let address = required("address", &self.address, "Nhập địa chỉ.", "Give the address.");
        let place_kind = PlaceKind::parse(&self.place_kind);
        if place_kind.is_none() {
            errors.push(FieldError::new(
                "place_kind",
                lang.tr("Chọn loại địa điểm.", "Choose the kind of place."),
            ));
        }
        let status = match self.status.trim() {
            "" => Some(PointStatus::Open),
            s => PointStatus::parse(s),
        };
        if status.is_none() {
            errors.push(FieldError::new(
                "status",
                lang.tr("Chọn tình trạng.", "Choose a status."),
            ));
        }
        let commune_id = match self.commune.trim() {
            "" => None,
            c => match c.parse::<i64>() {
                Ok(id) if id > 0 => Some(id),
                _ => {
                    errors.push(FieldError::new(
                        "commune",
                        lang.tr("Chọn xã, phường.", "Choose a commune."),
                    ));
                    None
                }
            },
        };
        let position = match (self.latitude.trim(), self.longitude.trim()) {
            ("", "") => None,
            (lat, lon) => match (degrees(lat), degrees(lon)) {
                (Some(lat), Some(lon)) if LATITUDES.contains(&lat) && LONGITUDES.contains(&lon) => Some((lat, lon)),
                (Some(lat), Some(lon)) if LATITUDES.contains(&lon) && LONGITUDES.contains(&lat) => {
                    errors.push(FieldError::new(
                        "latitude",
                        lang.tr(
                            "Vĩ độ và kinh độ bị đảo: vĩ độ khoảng 8–23, kinh độ khoảng 102–110.",
                            "Latitude and longitude are swapped: latitude is about 8–23, longitude 102–110.",
                        ),
                    ));
                    None
                }
                (Some(_), Some(_)) => {
                    errors.push(FieldError::new(
                        "latitude",
                        lang.tr(
                            "Tọa độ phải nằm trong lãnh thổ Việt Nam (vĩ độ 8–23,5; kinh độ 102–110).",
                            "The coordinates must be in Vietnam (latitude 8–23.5, longitude 102–110).",
                        ),
                    ));
                    None
                }
                (lat, lon) => {
                    let message = lang.tr(
                        "Nhập cả vĩ độ và kinh độ dạng số thập phân, ví dụ 12,6797 và 108,0377.",
                        "Give both latitude and longitude as decimal degrees, e.g. 12.6797 and 108.0377.",
                    );
                    if lat.is_none() {
                        errors.push(FieldError::new("latitude", message));
                    }
                    if lon.is_none() {
                        errors.push(FieldError::new("longitude", message));
                    }
                    None
                }
            },
        };
        let phone = optional(&self.phone);
        if let Some(p) = &phone {
            let digits = p.chars().filter(char::is_ascii_digit).count();
            let allowed = p
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '.' | '-' | '+' | '(' | ')'));
            if !allowed || !(9..=15).contains(&digits) {
                errors.push(FieldError::new(
                    "phone",
                    lang.tr(
                        "Số điện thoại gồm 9 đến 15 chữ số, ví dụ 0262 3852 123.",
                        "A phone number has 9 to 15 digits, e.g. 0262 3852 123.",
                    ),
                ));
            }
        }
        let area_m2 = match self.area.trim().replace(['.', ' '], "").as_str() {
            "" => None,
            a => match a.parse::<i64>() {
                Ok(v) if (1..=1_000_000).contains(&v) => Some(v),
                _ => {
                    errors.push(FieldError::new(
                        "area",
                        lang.tr(
                            "Diện tích là số mét vuông nguyên, từ 1 đến 1.000.000.",
                            "The area is whole square metres, from 1 to 1,000,000.",
                        ),
                    ));
                    None
                }
            },
        };
        let number = short(&self.decision_number);
        let date = match self.decision_date.trim() {
            "" => None,
            typed => {
                let d = time::parse_date(typed);
                if d.is_none() {
                    errors.push(FieldError::new(
                        "decision_date",
                        lang.tr("Nhập ngày theo dạng ngày/tháng/năm.", "Give the date as dd/mm/yyyy."),
                    ));
                }
                d
            }
        };
        let decision = match (number.is_empty(), date) {
            (true, None) => None,
            (false, Some(d)) => Some((number, d)),
            (true, Some(_)) => {
                errors.push(FieldError::new(
                    "decision_number",
                    lang.tr(
                        "Nhập số quyết định công nhận.",
                        "Give the recognition decision's number.",
                    ),
                ));
                None
            }
            (false, None) => {
                if self.decision_date.trim().is_empty() {
                    errors.push(FieldError::new(
                        "decision_date",
                        lang.tr("Nhập ngày của quyết định.", "Give the decision's date."),
                    ));
                }
                None
            }
        };
        let mut products = Vec::new();
        for (id, on) in &self.products {
            if on.is_empty() {
                continue;
            }
            match id.parse::<i64>() {
                Ok(id) if id > 0 => products.push(id),
                _ => errors.push(FieldError::new(
                    "products",
                    lang.tr("Sản phẩm không hợp lệ.", "An unknown product."),
                )),
            }
        }
        match (place_kind, status) {
            (Some(place_kind), Some(status)) if errors.is_empty() => Ok(CheckedPoint {
                name,
                operator,
                place_kind,
                address,
                commune_id,
                position,
                opening_hours: optional(&self.opening_hours),
                phone,
                area_m2,
                decision,
                status,
                products,
            }),
            _ => Err(errors),
        }
    }
}

/// What narrows the public list (`/diem-ban?xa=&nhom=`). A value that does not parse loses that
/// one filter, never the page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PointFilter {
    pub commune: Option<i64>,
    /// A product group's code: points selling a product of it.
    pub group: Option<String>,
}

impl PointFilter {
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> PointFilter {
        let mut f = PointFilter::default();
        for (k, v) in pairs {
            let v = v.trim();
            match k {
                "xa" => f.commune = v.parse().ok().filter(|c| *c > 0),
                "nhom" => {
                    f.group = Some(v)
                        .filter(|g| {
                            !g.is_empty() && g.len() <= 40 && g.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
                        })
                        .map(str::to_string)
                }
                _ => {}
            }
        }
        f
    }

    /// The query that gives this filter back ("" for none).
    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        if let Some(c) = self.commune {
            parts.push(format!("xa={c}"));
        }
        if let Some(g) = &self.group {
            parts.push(format!("nhom={g}"));
        }
        parts.join("&")
    }

    pub fn is_narrowed(&self) -> bool {
        self.commune.is_some() || self.group.is_some()
    }
}

/// A point as the public list and the staff's register show it. Every text arrives in the
/// reader's language.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PointCard {
    pub sale_point_id: i64,
    pub name: String,
    pub operator: String,
    pub place_kind: String,
    pub address: String,
    pub commune: Option<String>,
    /// (latitude, longitude)
    pub position: Option<(f64, f64)>,
    pub opening_hours: Option<String>,
    pub phone: Option<String>,
    pub status: PointStatus,
    pub status_label: String,
    /// Products on sale there (listed in the directory, for the public; all, for staff).
    pub products: u32,
    /// The address of its first photo.
    pub photo: Option<String>,
}

impl PointCard {
    /// The address with its commune: "12 Lê Duẩn, Phường Buôn Ma Thuột".
    pub fn full_address(&self) -> String {
        match &self.commune {
            Some(commune) => format!("{}, {commune}", self.address),
            None => self.address.clone(),
        }
    }
}

/// The public list of points.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PointsPage {
    pub filter: PointFilter,
    pub points: Vec<PointCard>,
    pub groups: Vec<ProductGroup>,
    /// The communes that have a point: (id, name).
    pub communes: Vec<(i64, String)>,
}

/// A point's public page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PointPage {
    pub card: PointCard,
    pub area_m2: Option<i64>,
    /// "Quyết định số 12/QĐ-UBND ngày 05/12/2021", in the reader's language.
    pub decision: Option<String>,
    pub products: Vec<ProductCard>,
    /// The photos' addresses, the first added first.
    pub photos: Vec<String>,
    pub base_url: String,
    /// schema.org `Store` as JSON-LD, safe inside a `<script>`.
    pub json_ld: String,
}

/// A product the staff's form offers, with why it should not be on sale, if it should not.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductChoice {
    pub product_id: i64,
    /// "Cà phê bột Ea Tam — HTX Công Bằng"
    pub label: String,
    pub chosen: bool,
    /// Below 3★, unverified or its certificate expired: said to staff.
    pub flag: Option<String>,
}

/// The staff's register: every point, and the form for one (new or being edited).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RegisterPage {
    pub points: Vec<PointCard>,
    /// Flagged products on sale, per point: (point id, how many).
    pub flagged: Vec<(i64, u32)>,
    /// The point being edited, if any, and its form as stored.
    pub editing: Option<i64>,
    /// The photos of the point being edited: their ids.
    pub photos: Vec<i64>,
    pub form: SalePointForm,
    pub communes: Vec<(i64, String)>,
    pub products: Vec<ProductChoice>,
}

/// Photos a point may have.
pub const MAX_PHOTOS: usize = 6;

/// "Quyết định số … ngày …" in either language.
pub fn decision_text(number: &str, date: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Quyết định số {number} ngày {}", time::day(date)),
        Lang::En => format!("Decision No. {number} of {}", time::day(date)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> SalePointForm {
        SalePointForm {
            name: "Điểm OCOP Buôn Ma Thuột".into(),
            operator: "HTX Công Bằng".into(),
            place_kind: "retail".into(),
            address: "12 Lê Duẩn".into(),
            latitude: "12,6797".into(),
            longitude: "108.0377".into(),
            ..SalePointForm::default()
        }
    }

    fn fields(f: &SalePointForm) -> Vec<String> {
        f.check(Lang::Vi)
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.field)
            .collect()
    }

    #[test]
    fn a_good_form_is_kept_as_typed() {
        let mut f = form();
        f.products.insert("7".into(), "on".into());
        f.decision_number = "12/QĐ-UBND".into();
        f.decision_date = "05/12/2021".into();
        f.area = "1.200".into();
        let p = f.check(Lang::Vi).unwrap();
        assert_eq!(p.position, Some((12.6797, 108.0377)));
        assert_eq!(p.status, PointStatus::Open);
        assert_eq!(p.products, vec![7]);
        assert_eq!(p.area_m2, Some(1200));
        assert_eq!(
            p.decision,
            NaiveDate::from_ymd_opt(2021, 12, 5).map(|d| ("12/QĐ-UBND".to_string(), d))
        );
    }

    #[test]
    fn bad_fields_are_named() {
        let mut f = form();
        f.latitude = "108.0377".into();
        f.longitude = "12.6797".into();
        assert_eq!(fields(&f), ["latitude"]);
        f.latitude = "48.85".into();
        f.longitude = "2.35".into();
        assert_eq!(fields(&f), ["latitude"]);
        f.latitude = "12.6".into();
        f.longitude = String::new();
        assert_eq!(fields(&f), ["longitude"]);
        let mut f = form();
        f.name = "  ".into();
        f.place_kind = "castle".into();
        f.phone = "12ab".into();
        f.area = "-5".into();
        f.decision_date = "2021-12-05".into();
        assert_eq!(fields(&f), ["name", "place_kind", "phone", "area", "decision_number"]);
    }

    #[test]
    fn the_filter_reads_back_from_its_query() {
        let f = PointFilter::from_pairs([("xa", "12"), ("nhom", "drink"), ("x", "y")]);
        assert_eq!(f, PointFilter::from_pairs([("xa", "12"), ("nhom", "drink")]));
        assert_eq!(f.to_query(), "xa=12&nhom=drink");
        assert!(!PointFilter::from_pairs([("xa", "-3"), ("nhom", "DROP")]).is_narrowed());
    }
}
