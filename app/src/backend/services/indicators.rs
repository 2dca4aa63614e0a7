//! The indicators staff measure events by: the list, and a new one added (staff and admins).

use super::error::ServiceError;
use crate::{
    backend::{auth::RequestInfo, db, AppState},
    domain::{
        account::FieldError,
        indicators::{IndicatorForm, IndicatorLine, IndicatorsPage},
        outcomes::{Measure, Source},
        text::fold,
        EventFormat, EventKind, Lang,
    },
};

type Result<T, E = ServiceError> = std::result::Result<T, E>;

fn measure_label(m: Measure, lang: Lang) -> &'static str {
    match m {
        Measure::Count => lang.tr("Số lượng", "Count"),
        Measure::Money => lang.tr("Số tiền (đồng)", "Amount (VND)"),
        Measure::Minutes => lang.tr("Số phút", "Minutes"),
        Measure::Text => lang.tr("Chữ (nền tảng, đường dẫn, tên)", "Text (platform, link, name)"),
    }
}

/// "Hội chợ, Triển lãm · Trực tiếp": the kinds and formats a list of codes names.
fn applies(kinds: &str, formats: &str, lang: Lang) -> String {
    let names = |codes: &str, label: &dyn Fn(&str) -> Option<&'static str>| -> Vec<&'static str> {
        codes.split(',').filter_map(|c| label(c.trim())).collect()
    };
    let k = names(kinds, &|c| EventKind::parse(c).map(|k| k.label(lang)));
    let f = names(formats, &|c| EventFormat::parse(c).map(|f| f.label(lang)));
    let k = if k.is_empty() {
        lang.tr("Mọi loại sự kiện", "Every kind of event").to_string()
    } else {
        k.join(", ")
    };
    if f.is_empty() {
        k
    } else {
        format!("{k} · {}", f.join(", "))
    }
}

pub async fn page(state: &AppState, req: &RequestInfo) -> Result<IndicatorsPage> {
    req.staff()?;
    let lang = req.lang;
    let lines = db::outcomes::indicators(&state.db)
        .await?
        .into_iter()
        .map(|i| IndicatorLine {
            code: i.code.clone(),
            name: i.name(lang).to_string(),
            unit: i.unit(lang).to_string(),
            measure: measure_label(i.measure, lang).to_string(),
            applies: applies(&i.kinds, &i.formats, lang),
            source: match (i.source, &i.summed) {
                (Source::System, _) => lang.tr("Hệ thống đếm", "Counted by the system"),
                (_, Some(_)) => lang.tr("Tổng hợp từ báo cáo của doanh nghiệp", "Summed from producers' reports"),
                _ => lang.tr("Cán bộ nhập", "Entered by staff"),
            }
            .to_string(),
            headline: i.headline,
        })
        .collect();
    Ok(IndicatorsPage { lines })
}

/// Adds an indicator; a name already in use (ignoring case and diacritics) is refused.
pub async fn add(state: &AppState, req: &RequestInfo, form: &IndicatorForm) -> Result<String> {
    req.staff()?;
    let lang = req.lang;
    let new = form.check(lang).map_err(ServiceError::Fields)?;
    let taken = db::outcomes::indicators(&state.db)
        .await?
        .iter()
        .any(|i| fold(&i.name_vi) == fold(&new.name_vi));
    let refuse = || {
        ServiceError::Fields(vec![FieldError::new(
            "name_vi",
            lang.tr("Đã có chỉ tiêu cùng tên.", "An indicator has this name already."),
        )])
    };
    if taken {
        return Err(refuse());
    }
    let code = new.code();
    let mut tx = state.db.begin_write().await?;
    if !db::outcomes::add_indicator(&mut tx, &code, &new).await? {
        return Err(refuse());
    }
    super::record(&mut tx, req, "indicator-add", "indicator", 0, Some(code.clone())).await?;
    tx.commit().await?;
    Ok(code)
}
