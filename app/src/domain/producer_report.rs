//! What a producer reports after an event it took part in: sales at the booth, orders taken, the
//! contracts and MOUs it signed (which go into the register), the buyers it met, its satisfaction
//! and a comment. The form is read here, once, with every field's message in the reader's
//! language; the services store what it gives.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{
    account::FieldError,
    outcomes::{parse_figure, Measure},
    time, Lang,
};

/// A contract or a memorandum of understanding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DealKind {
    Contract,
    Mou,
}

impl DealKind {
    pub const ALL: [DealKind; 2] = [DealKind::Contract, DealKind::Mou];

    pub fn code(self) -> &'static str {
        match self {
            DealKind::Contract => "contract",
            DealKind::Mou => "mou",
        }
    }

    pub fn parse(code: &str) -> Option<DealKind> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            DealKind::Contract => lang.tr("Hợp đồng", "Contract"),
            DealKind::Mou => lang.tr("Biên bản ghi nhớ", "MOU"),
        }
    }
}

/// Who signed with the producer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BuyerType {
    Distributor,
    Supermarket,
    Exporter,
    /// Hotels, restaurants, cafés.
    Horeca,
    Other,
}

impl BuyerType {
    pub const ALL: [BuyerType; 5] = [
        BuyerType::Distributor,
        BuyerType::Supermarket,
        BuyerType::Exporter,
        BuyerType::Horeca,
        BuyerType::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            BuyerType::Distributor => "distributor",
            BuyerType::Supermarket => "supermarket",
            BuyerType::Exporter => "exporter",
            BuyerType::Horeca => "horeca",
            BuyerType::Other => "other",
        }
    }

    pub fn parse(code: &str) -> Option<BuyerType> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            BuyerType::Distributor => lang.tr("Nhà phân phối", "Distributor"),
            BuyerType::Supermarket => lang.tr("Chuỗi siêu thị", "Supermarket chain"),
            BuyerType::Exporter => lang.tr("Doanh nghiệp xuất khẩu", "Exporter"),
            BuyerType::Horeca => lang.tr("Khách sạn, nhà hàng", "Hotel or restaurant"),
            BuyerType::Other => lang.tr("Khác", "Other"),
        }
    }
}

/// One contract or MOU as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DealInput {
    pub kind: String,
    pub counterparty: String,
    pub counterparty_type: String,
    /// Province or country.
    pub place: String,
    pub product: String,
    /// The OCOP product group's code ("" when not said).
    pub product_group: String,
    /// In đồng.
    pub value: String,
    /// ISO 4217 code of an optional foreign currency ("USD").
    pub currency: String,
    pub foreign_amount: String,
    /// yyyy-mm-dd (a date input) or dd/mm/yyyy.
    pub signed_on: String,
}

impl DealInput {
    /// Nothing typed but the choices a blank row starts with: the row is left out.
    pub fn is_blank(&self) -> bool {
        [
            &self.counterparty,
            &self.place,
            &self.product,
            &self.value,
            &self.currency,
            &self.foreign_amount,
            &self.signed_on,
        ]
        .iter()
        .all(|s| s.trim().is_empty())
    }

    /// Checks one row, whose fields are named `<prefix>[<part>]` (`deals[n0]`): the deal, or its
    /// errors added to `errors`. Signed on the event's first day or later, and not after `today`.
    /// The product group, if given, is one of `groups` (codes).
    pub fn check(
        &self,
        prefix: &str,
        deal_id: Option<i64>,
        (first_day, today): (NaiveDate, NaiveDate),
        (groups, lang): (&[String], Lang),
        errors: &mut Vec<FieldError>,
    ) -> Option<Deal> {
        let f = |part: &str| format!("{prefix}[{part}]");
        let group = self.product_group.trim();
        let product_group = match group {
            "" => Some(None),
            g if groups.iter().any(|known| known == g) => Some(Some(g.to_string())),
            _ => {
                errors.push(FieldError::new(
                    &f("product_group"),
                    lang.tr(
                        "Chọn nhóm sản phẩm trong danh sách.",
                        "Choose a product group from the list.",
                    ),
                ));
                None
            }
        };
        let kind = DealKind::parse(self.kind.trim());
        if kind.is_none() {
            errors.push(FieldError::new(
                &f("kind"),
                lang.tr("Chọn hợp đồng hoặc biên bản ghi nhớ.", "Choose contract or MOU."),
            ));
        }
        let counterparty = text(&self.counterparty, SHORT);
        if counterparty.is_empty() {
            errors.push(FieldError::new(
                &f("counterparty"),
                lang.tr("Nhập tên bên ký kết.", "Name the other party."),
            ));
        }
        let counterparty_type = BuyerType::parse(self.counterparty_type.trim());
        if counterparty_type.is_none() {
            errors.push(FieldError::new(
                &f("counterparty_type"),
                lang.tr("Chọn loại đối tác.", "Choose the kind of partner."),
            ));
        }
        let value = match parse_figure(&self.value, Measure::Money.ceiling()) {
            Ok(Some(v)) => Some(v),
            Ok(None) => {
                errors.push(FieldError::new(
                    &f("value"),
                    lang.tr(
                        "Nhập giá trị bằng đồng (0 nếu biên bản không ghi giá trị).",
                        "Type the value in đồng (0 if the MOU states none).",
                    ),
                ));
                None
            }
            Err(e) => {
                errors.push(FieldError::new(&f("value"), e.message(lang)));
                None
            }
        };
        let currency = self.currency.trim().to_ascii_uppercase();
        let foreign = match (
            currency.is_empty(),
            parse_figure(&self.foreign_amount, Measure::Money.ceiling()),
        ) {
            (true, Ok(None)) => Some(None),
            (false, Ok(Some(amount))) if currency.len() == 3 && currency.bytes().all(|b| b.is_ascii_uppercase()) => {
                Some(Some((currency.clone(), amount)))
            }
            (false, Ok(_)) if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_uppercase()) => {
                errors.push(FieldError::new(
                    &f("currency"),
                    lang.tr(
                        "Mã tiền tệ gồm 3 chữ cái, ví dụ USD.",
                        "A currency code is 3 letters, for example USD.",
                    ),
                ));
                None
            }
            (_, Ok(_)) => {
                errors.push(FieldError::new(
                    &f("foreign_amount"),
                    lang.tr(
                        "Nhập cả mã tiền tệ và số tiền ngoại tệ, hoặc để trống cả hai.",
                        "Give both the currency and the amount, or neither.",
                    ),
                ));
                None
            }
            (_, Err(e)) => {
                errors.push(FieldError::new(&f("foreign_amount"), e.message(lang)));
                None
            }
        };
        let signed_on = match time::parse_date(&self.signed_on) {
            None => {
                errors.push(FieldError::new(
                    &f("signed_on"),
                    lang.tr("Nhập ngày ký (ngày/tháng/năm).", "Give the date signed (dd/mm/yyyy)."),
                ));
                None
            }
            Some(d) if d < first_day || d > today => {
                errors.push(FieldError::new(
                    &f("signed_on"),
                    lang.tr(
                        "Ngày ký phải từ ngày khai mạc sự kiện đến hôm nay.",
                        "The date signed must fall between the event's first day and today.",
                    ),
                ));
                None
            }
            d => d,
        };
        let (Some(kind), Some(counterparty_type), Some(value_vnd), Some(foreign), Some(signed_on), Some(product_group)) =
            (kind, counterparty_type, value, foreign, signed_on, product_group)
        else {
            return None;
        };
        (!counterparty.is_empty()).then(|| Deal {
            deal_id,
            kind,
            counterparty,
            counterparty_type,
            place: text(&self.place, SHORT),
            product: text(&self.product, SHORT),
            product_group,
            value_vnd,
            foreign,
            signed_on,
        })
    }
}

/// A buyer the producer met, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ContactInput {
    pub name: String,
    pub organisation: String,
    /// Phone or e-mail.
    pub contact: String,
    pub note: String,
}

impl ContactInput {
    pub fn is_blank(&self) -> bool {
        [&self.name, &self.organisation, &self.contact, &self.note]
            .iter()
            .all(|s| s.trim().is_empty())
    }
}

/// The report form as typed. Rows are keyed: `d<id>` for a stored deal, `n<k>` for a new row, and
/// any key for a contact (the contacts are written afresh each time).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReportForm {
    pub sales: String,
    pub orders: String,
    pub satisfaction: String,
    pub comment: String,
    pub deals: BTreeMap<String, DealInput>,
    pub contacts: BTreeMap<String, ContactInput>,
}

/// A deal as checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deal {
    /// The stored deal this row edits; none for a new one.
    pub deal_id: Option<i64>,
    pub kind: DealKind,
    pub counterparty: String,
    pub counterparty_type: BuyerType,
    pub place: String,
    pub product: String,
    /// The OCOP product group's code.
    pub product_group: Option<String>,
    pub value_vnd: i64,
    pub foreign: Option<(String, i64)>,
    pub signed_on: NaiveDate,
}

/// A contact as checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contact {
    pub name: String,
    pub organisation: String,
    pub contact: String,
    pub note: String,
}

/// The report as checked: what the services store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedReport {
    pub sales: Option<i64>,
    pub orders: Option<i64>,
    pub satisfaction: Option<i32>,
    pub comment: Option<String>,
    pub deals: Vec<Deal>,
    /// Stored deals whose rows were emptied: removed.
    pub removed: Vec<i64>,
    pub contacts: Vec<Contact>,
}

/// The longest text a field keeps.
const SHORT: usize = 200;
const LONG: usize = 2000;

fn text(value: &str, max: usize) -> String {
    value.trim().chars().take(max).collect()
}

impl ReportForm {
    /// Checks every field against the event (a deal is signed on its first day or later, and not
    /// after `today`). All errors at once, each named by its field (`sales`, `deals[n0][value]`).
    /// A deal's product group is one of `groups` (codes).
    pub fn check(
        &self,
        (groups, lang): (&[String], Lang),
        first_day: NaiveDate,
        today: NaiveDate,
    ) -> Result<CheckedReport, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut number = |name: &str, typed: &str, measure: Measure| match parse_figure(typed, measure.ceiling()) {
            Ok(v) => v,
            Err(e) => {
                errors.push(FieldError::new(name, e.message(lang)));
                None
            }
        };
        let sales = number("sales", &self.sales, Measure::Money);
        let orders = number("orders", &self.orders, Measure::Count);
        let mut deals = Vec::new();
        let mut removed = Vec::new();
        for (key, row) in &self.deals {
            let deal_id = key.strip_prefix('d').and_then(|id| id.parse::<i64>().ok());
            if row.is_blank() {
                removed.extend(deal_id);
                continue;
            }
            deals.extend(row.check(
                &format!("deals[{key}]"),
                deal_id,
                (first_day, today),
                (groups, lang),
                &mut errors,
            ));
        }
        let mut contacts = Vec::new();
        for (key, row) in &self.contacts {
            if row.is_blank() {
                continue;
            }
            let name = text(&row.name, SHORT);
            if name.is_empty() {
                errors.push(FieldError::new(
                    &format!("contacts[{key}][name]"),
                    lang.tr("Nhập tên người liên hệ.", "Give the contact's name."),
                ));
                continue;
            }
            contacts.push(Contact {
                name,
                organisation: text(&row.organisation, SHORT),
                contact: text(&row.contact, SHORT),
                note: text(&row.note, LONG),
            });
        }
        let satisfaction = match self.satisfaction.trim() {
            "" => None,
            s => match s.parse::<i32>() {
                Ok(v @ 1..=5) => Some(v),
                _ => {
                    errors.push(FieldError::new(
                        "satisfaction",
                        lang.tr("Chọn mức hài lòng từ 1 đến 5.", "Choose a satisfaction from 1 to 5."),
                    ));
                    None
                }
            },
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        let comment = Some(text(&self.comment, LONG)).filter(|c| !c.is_empty());
        Ok(CheckedReport {
            sales,
            orders,
            satisfaction,
            comment,
            deals,
            removed,
            contacts,
        })
    }
}

/// The producer's report page of one event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportPage {
    pub event_id: i64,
    pub event_title: String,
    pub event_dates: String,
    /// dd/mm/yyyy.
    pub due: String,
    /// The due date has passed.
    pub late: bool,
    /// "dd/mm/yyyy HH:MM" of the last submission.
    pub submitted: Option<String>,
    /// The event's outcomes are confirmed: the report can no longer change.
    pub closed: bool,
    /// What is stored, as the form shows it; deals keyed `d<id>`.
    pub form: ReportForm,
    /// The OCOP product groups a deal may name: (code, name).
    pub groups: Vec<(String, String)>,
}

/// One producer's line in the staff's list of reports.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportLine {
    pub producer: String,
    pub submitted: Option<String>,
    pub late: bool,
    pub sales: String,
    pub orders: String,
    pub deals: i64,
    pub contacts: i64,
    pub satisfaction: Option<i32>,
    pub comment: String,
}

/// The producers' reports of an event as staff see them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportsSummary {
    /// dd/mm/yyyy; none before the event has ended.
    pub due: Option<String>,
    pub reported: i64,
    pub expected: i64,
    pub lines: Vec<ReportLine>,
}

/// "từ 3/5 doanh nghiệp": whose reports a summed figure comes from.
pub fn from_reports(reported: i64, expected: i64, lang: Lang) -> String {
    format!(
        "{} {reported}/{expected} {}",
        lang.tr("Tổng hợp từ báo cáo của", "Summed from the reports of"),
        lang.tr("doanh nghiệp", "producers")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn deal(value: &str, signed: &str) -> DealInput {
        DealInput {
            kind: "contract".into(),
            counterparty: "Công ty Phân phối An Phát".into(),
            counterparty_type: "distributor".into(),
            place: "TP. Hồ Chí Minh".into(),
            product: "Cà phê rang xay".into(),
            value: value.into(),
            signed_on: signed.into(),
            ..Default::default()
        }
    }

    const FIRST: (i32, u32, u32) = (2026, 11, 20);
    const GROUPS: [&str; 2] = ["food", "beverage"];

    fn check(form: &ReportForm) -> Result<CheckedReport, Vec<FieldError>> {
        form.check(
            (&GROUPS.map(String::from), Lang::Vi),
            day(FIRST.0, FIRST.1, FIRST.2),
            day(2026, 12, 3),
        )
    }

    fn fields(form: &ReportForm) -> Vec<String> {
        check(form).unwrap_err().into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn a_full_report_is_read() {
        let mut form = ReportForm {
            sales: "12.500.000".into(),
            orders: "40".into(),
            satisfaction: "4".into(),
            comment: "  Gian hàng đông khách  ".into(),
            ..Default::default()
        };
        form.deals.insert(
            "d7".into(),
            DealInput {
                product_group: "beverage".into(),
                ..deal("350.000.000", "2026-11-21")
            },
        );
        form.deals.insert(
            "n0".into(),
            DealInput {
                kind: "mou".into(),
                currency: "usd".into(),
                foreign_amount: "20.000".into(),
                ..deal("500.000.000", "22/11/2026")
            },
        );
        // an emptied stored row is removed; a blank new row (its list boxes chosen) is left out
        form.deals.insert(
            "d9".into(),
            DealInput {
                kind: "contract".into(),
                counterparty_type: "other".into(),
                ..Default::default()
            },
        );
        form.deals.insert("n1".into(), DealInput::default());
        form.contacts.insert(
            "c0".into(),
            ContactInput {
                name: "Chị Lan".into(),
                organisation: "Siêu thị Co.op".into(),
                contact: "0905 123 456".into(),
                note: String::new(),
            },
        );
        form.contacts.insert("c1".into(), ContactInput::default());
        let r = check(&form).unwrap();
        assert_eq!(
            (r.sales, r.orders, r.satisfaction),
            (Some(12_500_000), Some(40), Some(4))
        );
        assert_eq!(r.comment.as_deref(), Some("Gian hàng đông khách"));
        assert_eq!(r.deals.len(), 2);
        assert_eq!(r.deals[0].deal_id, Some(7));
        assert_eq!(r.deals[0].value_vnd, 350_000_000);
        assert_eq!(r.deals[0].product_group.as_deref(), Some("beverage"));
        assert_eq!(r.deals[1].product_group, None);
        assert_eq!(r.deals[1].deal_id, None);
        assert_eq!(r.deals[1].kind, DealKind::Mou);
        assert_eq!(r.deals[1].foreign, Some(("USD".into(), 20_000)));
        assert_eq!(r.deals[1].signed_on, day(2026, 11, 22));
        assert_eq!(r.removed, vec![9]);
        assert_eq!(r.contacts.len(), 1);
        // an empty form is a valid (empty) report
        let empty = check(&ReportForm::default()).unwrap();
        assert_eq!((empty.sales, empty.deals.len(), empty.comment), (None, 0, None));
    }

    #[test]
    fn every_bad_field_is_named() {
        let mut form = ReportForm {
            sales: "-5".into(),
            orders: "3,5".into(),
            satisfaction: "6".into(),
            ..Default::default()
        };
        form.deals.insert("n0".into(), deal("", "2026-11-19"));
        form.deals.insert(
            "n1".into(),
            DealInput {
                kind: "gift".into(),
                product_group: "tea".into(),
                counterparty: " ".into(),
                counterparty_type: "friend".into(),
                currency: "US".into(),
                foreign_amount: "10".into(),
                ..deal("1.000", "2026-12-04")
            },
        );
        form.deals.insert(
            "n2".into(),
            DealInput {
                foreign_amount: "10".into(),
                ..deal("1.000", "2026-11-20")
            },
        );
        form.contacts.insert(
            "c0".into(),
            ContactInput {
                contact: "lan@example.vn".into(),
                ..Default::default()
            },
        );
        assert_eq!(
            fields(&form),
            [
                "sales",
                "orders",
                "deals[n0][value]",
                "deals[n0][signed_on]",
                "deals[n1][product_group]",
                "deals[n1][kind]",
                "deals[n1][counterparty]",
                "deals[n1][counterparty_type]",
                "deals[n1][currency]",
                "deals[n1][signed_on]",
                "deals[n2][foreign_amount]",
                "contacts[c0][name]",
                "satisfaction",
            ]
        );
    }

    #[test]
    fn codes_read_back() {
        for k in DealKind::ALL {
            assert_eq!(DealKind::parse(k.code()), Some(k));
        }
        for t in BuyerType::ALL {
            assert_eq!(BuyerType::parse(t.code()), Some(t));
        }
        assert_eq!(from_reports(3, 5, Lang::Vi), "Tổng hợp từ báo cáo của 3/5 doanh nghiệp");
    }
}
