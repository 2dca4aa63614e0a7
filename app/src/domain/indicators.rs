//! The indicators staff add (`/can-bo/chi-tieu`): what an event of some kinds and formats is
//! measured by, besides the ones the system ships with. A new indicator is typed by staff (never
//! counted or summed by the system); its code is made from its Vietnamese name.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{account::FieldError, outcomes::Measure, text::fold, EventFormat, EventKind, Lang};

/// The indicator form as typed. `kinds` and `formats` are the checked boxes (code → "on"); none
/// checked means every kind (or format).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct IndicatorForm {
    pub name_vi: String,
    pub name_en: String,
    pub unit_vi: String,
    pub unit_en: String,
    pub measure: String,
    pub kinds: BTreeMap<String, String>,
    pub formats: BTreeMap<String, String>,
    pub headline: String,
}

/// An indicator as checked: what the services store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewIndicator {
    pub name_vi: String,
    pub name_en: String,
    pub unit_vi: String,
    pub unit_en: String,
    pub measure: Measure,
    /// Comma-separated codes; empty for all.
    pub kinds: String,
    pub formats: String,
    pub headline: bool,
}

impl NewIndicator {
    /// The code an indicator of this name takes: its folded name in kebab case ("luot-tuong-tac").
    pub fn code(&self) -> String {
        let folded = fold(&self.name_vi);
        let words: Vec<&str> = folded
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let mut code = words.join("-");
        code.truncate(60);
        code.trim_end_matches('-').to_string()
    }
}

fn short(s: &str) -> String {
    s.trim().chars().take(120).collect()
}

impl IndicatorForm {
    pub fn check(&self, lang: Lang) -> Result<NewIndicator, Vec<FieldError>> {
        let mut errors = Vec::new();
        let name_vi = short(&self.name_vi);
        if fold(&name_vi).chars().filter(char::is_ascii_alphanumeric).count() < 2 {
            errors.push(FieldError::new(
                "name_vi",
                lang.tr(
                    "Nhập tên chỉ tiêu bằng tiếng Việt.",
                    "Give the indicator's name in Vietnamese.",
                ),
            ));
        }
        let measure = Measure::parse(self.measure.trim());
        if measure.is_none() {
            errors.push(FieldError::new(
                "measure",
                lang.tr(
                    "Chọn cách đo: số lượng, số tiền, số phút hoặc chữ.",
                    "Choose how it is measured.",
                ),
            ));
        }
        let headline = !self.headline.trim().is_empty();
        if headline && measure == Some(Measure::Text) {
            errors.push(FieldError::new(
                "headline",
                lang.tr(
                    "Chỉ tiêu bằng chữ không thể là chỉ tiêu chính (chỉ tiêu chính được cộng dồn).",
                    "A text indicator cannot be a headline one (headline figures are added up).",
                ),
            ));
        }
        let checked = |boxes: &BTreeMap<String, String>, known: &dyn Fn(&str) -> bool| -> Option<String> {
            let codes: Vec<&str> = boxes
                .iter()
                .filter(|(_, v)| !v.trim().is_empty())
                .map(|(k, _)| k.as_str())
                .collect();
            codes.iter().all(|c| known(c)).then(|| codes.join(","))
        };
        let kinds = checked(&self.kinds, &|c| EventKind::parse(c).is_some());
        let formats = checked(&self.formats, &|c| EventFormat::parse(c).is_some());
        if kinds.is_none() {
            errors.push(FieldError::new(
                "kinds",
                lang.tr("Loại sự kiện không hợp lệ.", "Unknown event kind."),
            ));
        }
        if formats.is_none() {
            errors.push(FieldError::new(
                "formats",
                lang.tr("Hình thức không hợp lệ.", "Unknown event format."),
            ));
        }
        let (Some(measure), Some(kinds), Some(formats), true) = (measure, kinds, formats, errors.is_empty()) else {
            return Err(errors);
        };
        // money and minutes have their units already; a text has none
        let (unit_vi, unit_en) = match measure {
            Measure::Money => ("đồng".to_string(), "VND".to_string()),
            Measure::Minutes => ("phút".to_string(), "minutes".to_string()),
            Measure::Text => (String::new(), String::new()),
            Measure::Count => {
                let vi = short(&self.unit_vi);
                let en = Some(short(&self.unit_en))
                    .filter(|u| !u.is_empty())
                    .unwrap_or_else(|| vi.clone());
                (vi, en)
            }
        };
        let name_en = Some(short(&self.name_en))
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| name_vi.clone());
        Ok(NewIndicator {
            unit_vi,
            unit_en,
            name_vi,
            name_en,
            measure,
            kinds,
            formats,
            headline,
        })
    }
}

/// One indicator as the list shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorLine {
    pub code: String,
    pub name: String,
    pub unit: String,
    /// How it is measured, written out.
    pub measure: String,
    /// The kinds and formats it applies to, written out ("Mọi loại sự kiện").
    pub applies: String,
    /// "Cán bộ nhập", "Hệ thống đếm", "Tổng hợp từ báo cáo của doanh nghiệp".
    pub source: String,
    pub headline: bool,
}

/// The indicators page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorsPage {
    pub lines: Vec<IndicatorLine>,
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn form(name: &str, measure: &str) -> IndicatorForm {
        IndicatorForm {
            name_vi: name.into(),
            measure: measure.into(),
            ..IndicatorForm::default()
        }
    }

    #[test]
    fn a_new_indicator_takes_its_code_from_its_name() {
        let mut f = form("Lượt tương tác trên Fanpage", "count");
        f.unit_vi = "lượt".into();
        f.kinds.insert("livestream".into(), "on".into());
        f.headline = "on".into();
        let i = f.check(Lang::Vi).unwrap();
        assert_eq!(i.code(), "luot-tuong-tac-tren-fanpage");
        assert_eq!((i.unit_vi.as_str(), i.unit_en.as_str()), ("lượt", "lượt"));
        assert_eq!((i.kinds.as_str(), i.formats.as_str()), ("livestream", ""));
        assert_eq!(i.name_en, "Lượt tương tác trên Fanpage");
        assert!(i.headline);
        let money = form("Kinh phí tài trợ", "money").check(Lang::Vi).unwrap();
        assert_eq!((money.unit_vi.as_str(), money.unit_en.as_str()), ("đồng", "VND"));
    }

    #[test]
    fn bad_indicators_are_refused_beside_their_fields() {
        let fields =
            |f: IndicatorForm| -> Vec<String> { f.check(Lang::Vi).unwrap_err().into_iter().map(|e| e.field).collect() };
        assert_eq!(fields(form(" ", "count")), ["name_vi"]);
        assert_eq!(fields(form("Số gian", "weight")), ["measure"]);
        let mut text = form("Nền tảng phụ", "text");
        text.headline = "on".into();
        assert_eq!(fields(text), ["headline"]);
        let mut kinds = form("Số gian", "count");
        kinds.kinds.insert("party".into(), "on".into());
        assert_eq!(fields(kinds), ["kinds"]);
    }
}
