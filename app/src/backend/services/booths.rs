//! Before producers apply: the call for applications and its support rates, booth types, zones,
//! the floor plan and its booths, blocks held for communes or visiting provinces. Staff only;
//! every change is audited; bad input is refused by field and changes nothing.

use super::error::{field, Refusal, ServiceError};
use crate::domain::ids::{BoothId, EventId};
use crate::{
    backend::{
        auth::RequestInfo,
        db::{self, booths::BoothRow as Row, Db, Tx},
        now, AppState, ServerError,
    },
    domain::{
        account::{parse_phone, FieldError},
        booths::{
            BlockView, Booth, BoothChange, BoothSetup, BoothSize, BoothStatus, BoothTypeForm, BoothTypeView, Call,
            CallForm, PublicCall, QuestionForm, QuestionView, RowForm, ZoneView,
        },
        Lang,
    },
};

type Result<T, E = ServiceError> = std::result::Result<T, E>;

async fn audit(tx: &mut Tx, req: &RequestInfo, action: &'static str, event_id: i64, detail: String) -> Result<()> {
    Ok(super::record(tx, req, action, "event", event_id, Some(detail)).await?)
}

/// The event must exist; returns when it starts.
async fn event_start(db: &Db, event_id: i64) -> Result<chrono::DateTime<chrono::Utc>> {
    Ok(db::event::state(db, event_id)
        .await?
        .ok_or(ServiceError::NotFound)?
        .starts_at)
}

fn width_of(size: BoothSize) -> i32 {
    if size == BoothSize::Double {
        2
    } else {
        1
    }
}

fn booth_view(r: Row, lang: Lang, holders: &[(i64, String)]) -> Booth {
    Booth {
        booth_id: r.booth_id,
        code: r.code,
        x: r.x,
        y: r.y,
        width: r.width,
        status: r.status,
        zone: r.zone_vi.map(|vi| lang.pick(&vi, r.zone_en.as_deref()).to_string()),
        booth_type: lang.pick(&r.type_vi, r.type_en.as_deref()).to_string(),
        label: r.label,
        block_id: r.block_id,
        held_for: r
            .block_id
            .and_then(|b| holders.iter().find(|(id, _)| *id == b).map(|(_, h)| h.clone())),
    }
}

/// Everything about an event's booths, as staff see it.
pub async fn setup_of(db: &Db, event_id: i64, lang: Lang) -> Result<BoothSetup, ServerError> {
    let call = db::booths::call(db, event_id).await?.map(|c| Call {
        opens_at: c.opens_at,
        closes_at: c.closes_at,
        min_stars: c.stars(),
        max_booths: i64::from(c.max_booths),
        documents_vi: c.documents_vi,
        documents_en: c.documents_en,
        support: [c.support_5, c.support_4, c.support_3, c.support_none].map(|v| u8::try_from(v).unwrap_or(0)),
        product_groups: Vec::new(),
        report_days: i64::from(c.report_days),
    });
    let call = match call {
        Some(mut c) => {
            c.product_groups = db::booths::call_groups(db, event_id).await?;
            Some(c)
        }
        None => None,
    };
    let questions = db::booths::questions(db, event_id)
        .await?
        .into_iter()
        .map(|q| {
            let choices = match (lang, &q.choices_en) {
                (Lang::En, Some(en)) => en.clone(),
                _ => q.choices_vi.clone().unwrap_or_default(),
            };
            QuestionView {
                question_id: q.question_id,
                kind: q.kind,
                label: lang.pick(&q.label_vi, q.label_en.as_deref()).to_string(),
                choices: choices.lines().map(str::to_string).collect(),
                required: q.required,
            }
        })
        .collect();
    let booth_types = db::booths::booth_types(db, event_id)
        .await?
        .into_iter()
        .map(|t| BoothTypeView {
            booth_type_id: t.booth_type_id,
            name: lang.pick(&t.name_vi, t.name_en.as_deref()).to_string(),
            size: t.size,
            price_vnd: t.price_vnd,
            support_rate: u8::try_from(t.support_rate).unwrap_or(0),
            count: i64::from(t.count),
        })
        .collect();
    let zones = db::booths::zones(db, event_id)
        .await?
        .into_iter()
        .map(|z| ZoneView {
            zone_id: z.zone_id,
            name: lang.pick(&z.name_vi, z.name_en.as_deref()).to_string(),
        })
        .collect();
    let (cols, rows) = db::booths::floor_plan(db, event_id).await?.unwrap_or((0, 0));
    // (block, who it is for, how to reach them)
    let holders: Vec<(i64, String, String)> = db::booths::blocks(db, event_id)
        .await?
        .into_iter()
        .map(|b| {
            let holder = match (b.commune_kind, b.commune_name, b.province) {
                (Some(k), Some(n), _) => db::reference::commune_display(&k, &n, lang),
                (_, _, Some(p)) => p,
                _ => String::new(),
            };
            (b.block_id, holder, format!("{} · {}", b.contact_name, b.contact_phone))
        })
        .collect();
    let holder_names: Vec<(i64, String)> = holders.iter().map(|(id, h, _)| (*id, h.clone())).collect();
    let booths: Vec<Booth> = db::booths::booths(db, event_id)
        .await?
        .into_iter()
        .map(|r| booth_view(r, lang, &holder_names))
        .collect();
    let blocks = holders
        .into_iter()
        .map(|(block_id, holder, contact)| BlockView {
            block_id,
            booths: booths
                .iter()
                .filter(|b| b.block_id == Some(block_id))
                .map(|b| b.code.clone())
                .collect(),
            holder,
            contact,
        })
        .collect();
    Ok(BoothSetup {
        call,
        questions,
        booth_types,
        zones,
        cols,
        rows,
        booths,
        blocks,
    })
}

pub async fn setup(state: &AppState, req: &RequestInfo, event_id: i64) -> Result<BoothSetup> {
    req.staff()?;
    event_start(&state.db, event_id).await?;
    Ok(setup_of(&state.db, event_id, req.lang).await?)
}

/// The floor plan for the public page: booth codes and zones only (no prices, contacts or blocks).
pub async fn public_plan(db: &Db, event_id: i64, lang: Lang) -> Result<Option<BoothSetup>, ServerError> {
    let s = setup_of(db, event_id, lang).await?;
    if s.cols == 0 || s.booths.is_empty() {
        return Ok(None);
    }
    Ok(Some(BoothSetup {
        cols: s.cols,
        rows: s.rows,
        zones: s.zones,
        booths: s
            .booths
            .into_iter()
            .map(|b| Booth {
                status: BoothStatus::Available,
                block_id: None,
                held_for: None,
                label: None,
                ..b
            })
            .collect(),
        ..BoothSetup::default()
    }))
}

/// The call for the public event page, with its state at `at`; none when staff have set none.
pub async fn public_call(
    db: &Db,
    event_id: i64,
    published: bool,
    lang: Lang,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<Option<PublicCall>, ServerError> {
    let Some(call) = db::booths::call(db, event_id).await? else {
        return Ok(None);
    };
    let codes = db::booths::call_groups(db, event_id).await?;
    let groups = if codes.is_empty() {
        Vec::new()
    } else {
        db::reference::product_groups(db, lang)
            .await?
            .into_iter()
            .filter(|g| codes.contains(&g.code))
            .map(|g| g.name)
            .collect()
    };
    Ok(Some(PublicCall {
        opens_at: call.opens_at,
        closes_at: call.closes_at,
        min_stars: call.stars(),
        groups,
        state: call.state(published, at),
    }))
}

pub async fn save_call(state: &AppState, req: &RequestInfo, event_id: i64, form: &CallForm) -> Result<()> {
    req.staff()?;
    let lang = req.lang;
    let starts = event_start(&state.db, event_id).await?;
    let call = form.validate(starts, lang).map_err(ServiceError::Fields)?;
    let mut tx = state.db.begin_write().await?;
    let unknown = db::booths::save_call(&mut tx, event_id, &call, now()).await?;
    if !unknown.is_empty() {
        return Err(field(
            "groups",
            lang.tr_owned("Nhóm sản phẩm không hợp lệ.", "Unknown product group."),
        ));
    }
    audit(
        &mut tx,
        req,
        "call-save",
        event_id,
        format!("closes {}", call.closes_at),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn add_booth_type(state: &AppState, req: &RequestInfo, event_id: i64, form: &BoothTypeForm) -> Result<()> {
    req.staff()?;
    event_start(&state.db, event_id).await?;
    let t = form.validate(req.lang).map_err(ServiceError::Fields)?;
    let mut tx = state.db.begin_write().await?;
    let id = db::booths::insert_booth_type(&mut tx, event_id, &t, now()).await?;
    audit(&mut tx, req, "booth-type-add", event_id, format!("booth type {id}")).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn add_zone(state: &AppState, req: &RequestInfo, event_id: i64, name_vi: &str, name_en: &str) -> Result<()> {
    req.staff()?;
    let lang = req.lang;
    event_start(&state.db, event_id).await?;
    let name = name_vi.trim();
    if name.is_empty() || name.chars().count() > 80 {
        return Err(field(
            "name_vi",
            lang.tr_owned(
                "Vui lòng nhập tên khu (tối đa 80 ký tự).",
                "Please name the zone (at most 80 characters).",
            ),
        ));
    }
    let en = Some(name_en.trim()).filter(|s| !s.is_empty());
    let mut tx = state.db.begin_write().await?;
    if !db::booths::insert_zone(&mut tx, event_id, name, en, now()).await? {
        return Err(field(
            "name_vi",
            lang.tr_owned("Sự kiện đã có khu này.", "The event already has this zone."),
        ));
    }
    audit(&mut tx, req, "zone-add", event_id, name.to_string()).await?;
    tx.commit().await?;
    Ok(())
}

fn number(value: &str, min: i32, max: i32) -> Option<i32> {
    value.trim().parse::<i32>().ok().filter(|n| (min..=max).contains(n))
}

pub async fn set_floor_plan(state: &AppState, req: &RequestInfo, event_id: i64, cols: &str, rows: &str) -> Result<()> {
    req.staff()?;
    let lang = req.lang;
    event_start(&state.db, event_id).await?;
    let mut errors = Vec::new();
    let c = number(cols, 1, 60);
    let r = number(rows, 1, 40);
    if c.is_none() {
        errors.push(FieldError::new(
            "cols",
            lang.tr_owned("Số cột từ 1 đến 60.", "Columns: 1 to 60."),
        ));
    }
    if r.is_none() {
        errors.push(FieldError::new(
            "rows",
            lang.tr_owned("Số hàng từ 1 đến 40.", "Rows: 1 to 40."),
        ));
    }
    let (Some(c), Some(r)) = (c, r) else {
        return Err(ServiceError::Fields(errors));
    };
    let booths = db::booths::booths(&state.db, event_id).await?;
    if booths.iter().any(|b| b.x + b.width - 1 > c || b.y > r) {
        return Err(field(
            "cols",
            lang.tr_owned(
                "Một số gian sẽ nằm ngoài sơ đồ; hãy dời chúng trước.",
                "Some booths would fall outside; move them first.",
            ),
        ));
    }
    let mut tx = state.db.begin_write().await?;
    db::booths::set_floor_plan(&mut tx, event_id, c, r).await?;
    audit(&mut tx, req, "floor-plan", event_id, format!("{c} x {r}")).await?;
    tx.commit().await?;
    Ok(())
}

/// Do the cells from `x` (for `width` cells) on row `y` hold a booth other than `except`?
fn occupied(booths: &[Row], x: i32, y: i32, width: i32, except: Option<i64>) -> bool {
    booths
        .iter()
        .filter(|b| Some(b.booth_id) != except && b.y == y)
        .any(|b| x < b.x + b.width && b.x < x + width)
}

pub async fn add_row(state: &AppState, req: &RequestInfo, event_id: i64, form: &RowForm) -> Result<()> {
    req.staff()?;
    let lang = req.lang;
    event_start(&state.db, event_id).await?;
    let Some((cols, rows)) = db::booths::floor_plan(&state.db, event_id).await? else {
        return Err(field(
            "count",
            lang.tr_owned("Hãy đặt kích thước sơ đồ trước.", "Set the floor plan's size first."),
        ));
    };
    let types = db::booths::booth_types(&state.db, event_id).await?;
    let type_id = form.booth_type_id.trim().parse::<i64>().ok();
    let Some(t) = types.iter().find(|t| Some(t.booth_type_id) == type_id) else {
        return Err(field("booth_type_id", lang.a().choose_one.to_string()));
    };
    let zone_id = form.zone_id.trim().parse::<i64>().ok();
    if !db::booths::zones(&state.db, event_id)
        .await?
        .iter()
        .any(|z| Some(z.zone_id) == zone_id)
    {
        return Err(field("zone_id", lang.a().choose_one.to_string()));
    }
    let width = width_of(t.size);
    let row = form.validate(cols, rows, width, lang).map_err(ServiceError::Fields)?;
    let existing = db::booths::booths(&state.db, event_id).await?;
    if let Some((code, ..)) = row
        .booths
        .iter()
        .find(|(code, ..)| existing.iter().any(|b| &b.code == code))
    {
        return Err(field(
            "prefix",
            format!(
                "{} {code}",
                lang.tr("Đã có gian mang mã", "There is already a booth coded")
            ),
        ));
    }
    if row
        .booths
        .iter()
        .any(|(_, x, y)| occupied(&existing, *x, *y, width, None))
    {
        return Err(field(
            "x",
            lang.tr_owned("Dãy gian chồng lên gian đã có.", "The row overlaps existing booths."),
        ));
    }
    let mut tx = state.db.begin_write().await?;
    for (code, x, y) in &row.booths {
        db::booths::insert_booth(
            &mut tx,
            EventId(event_id),
            code,
            row.booth_type_id,
            Some(row.zone_id),
            *x,
            *y,
            width,
            now(),
        )
        .await?;
    }
    audit(
        &mut tx,
        req,
        "booths-add",
        event_id,
        format!("{} booths", row.booths.len()),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A click (or key) on the floor plan: block or free a booth, move it to a cell, or label it.
pub async fn booth_action(
    state: &AppState,
    req: &RequestInfo,
    event: EventId,
    booth_id: BoothId,
    change: &BoothChange,
) -> Result<()> {
    req.staff()?;
    let event_id = event.0;
    let lang = req.lang;
    event_start(&state.db, event_id).await?;
    let booths = db::booths::booths(&state.db, event_id).await?;
    let Some(booth) = booths.iter().find(|b| b.booth_id == booth_id.0) else {
        return Err(ServiceError::NotFound);
    };
    let mut tx = state.db.begin_write().await?;
    match change {
        BoothChange::Block | BoothChange::Unblock => {
            if !db::booths::set_blocked(&mut tx, event, booth_id, *change == BoothChange::Block).await? {
                return Err(Refusal::BoothHeld.into());
            }
        }
        BoothChange::Move(cell) => {
            let Some((x, y)) = *cell else {
                return Err(field("x", lang.a().required.to_string()));
            };
            let (cols, rows) = db::booths::floor_plan(&state.db, event_id).await?.unwrap_or((0, 0));
            if x < 1 || y < 1 || x + booth.width - 1 > cols || y > rows {
                return Err(field(
                    "x",
                    lang.tr_owned("Vị trí nằm ngoài sơ đồ.", "That place is outside the floor plan."),
                ));
            }
            if occupied(&booths, x, y, booth.width, Some(booth_id.0)) {
                return Err(field(
                    "x",
                    lang.tr_owned("Ô này đã có gian.", "That place holds a booth."),
                ));
            }
            db::booths::move_booth(&mut tx, event, booth_id, x, y).await?;
        }
        BoothChange::Label(label) => {
            let label = label.trim();
            if label.chars().count() > 60 {
                return Err(field("label", format!("{} 60", lang.a().too_long)));
            }
            db::booths::set_label(&mut tx, event, booth_id, Some(label).filter(|l| !l.is_empty())).await?;
        }
    }
    audit(
        &mut tx,
        req,
        "booth-change",
        event_id,
        format!("{} {}", booth.code, change.code()),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Reserves `count` available booths for a commune (or, with "other", a province by name).
#[allow(clippy::too_many_arguments)]
pub async fn add_block(
    state: &AppState,
    req: &RequestInfo,
    event_id: i64,
    commune: &str,
    province: &str,
    contact_name: &str,
    contact_phone: &str,
    count: &str,
) -> Result<()> {
    req.staff()?;
    let lang = req.lang;
    event_start(&state.db, event_id).await?;
    let mut errors = Vec::new();
    let commune_id = commune.trim().parse::<i64>().ok();
    let province = province.trim();
    if commune_id.is_none() && province.is_empty() {
        errors.push(FieldError::new(
            "commune",
            lang.tr_owned(
                "Chọn xã, phường hoặc nhập tên tỉnh bạn.",
                "Choose a commune or name the visiting province.",
            ),
        ));
    }
    if contact_name.trim().is_empty() {
        errors.push(FieldError::new("contact_name", lang.a().required));
    }
    let phone = parse_phone(contact_phone);
    if phone.is_none() {
        errors.push(FieldError::new("contact_phone", lang.a().phone_shape));
    }
    let n = number(count, 1, 500);
    if n.is_none() {
        errors.push(FieldError::new(
            "count",
            lang.tr_owned("Số gian giữ: 1 đến 500.", "Booths to hold: 1 to 500."),
        ));
    }
    if let Some(id) = commune_id {
        if !db::account::commune_exists(&state.db, id).await? {
            errors.push(FieldError::new("commune", lang.a().commune_unknown));
        }
    }
    let (Some(phone), Some(n), true) = (phone, n, errors.is_empty()) else {
        return Err(ServiceError::Fields(errors));
    };
    let free = db::booths::booths(&state.db, event_id)
        .await?
        .iter()
        .filter(|b| b.status == BoothStatus::Available)
        .count();
    if usize::try_from(n).unwrap_or(usize::MAX) > free {
        return Err(field(
            "count",
            format!(
                "{} {free}",
                lang.tr("Chỉ còn số gian trống:", "Booths still available:")
            ),
        ));
    }
    let mut tx = state.db.begin_write().await?;
    let province = commune_id.is_none().then_some(province);
    let block = db::booths::insert_block(
        &mut tx,
        event_id,
        commune_id,
        province,
        contact_name.trim(),
        &phone,
        now(),
    )
    .await?;
    let held = db::booths::hold_booths(&mut tx, EventId(event_id), block, i64::from(n)).await?;
    audit(
        &mut tx,
        req,
        "block-add",
        event_id,
        format!("block {block}: {}", held.join(", ")),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Adds a question to an event's call (the call must be saved first).
pub async fn add_question(state: &AppState, req: &RequestInfo, event_id: i64, form: &QuestionForm) -> Result<()> {
    req.staff()?;
    let lang = req.lang;
    event_start(&state.db, event_id).await?;
    if db::booths::call(&state.db, event_id).await?.is_none() {
        return Err(field(
            "label_vi",
            lang.tr_owned(
                "Hãy lưu đợt nhận hồ sơ trước khi thêm câu hỏi.",
                "Save the call before adding questions.",
            ),
        ));
    }
    let q = form.validate(lang).map_err(ServiceError::Fields)?;
    let mut tx = state.db.begin_write().await?;
    let id = db::booths::insert_question(&mut tx, event_id, &q, now()).await?;
    audit(&mut tx, req, "question-add", event_id, format!("question {id}")).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn remove_question(state: &AppState, req: &RequestInfo, event: EventId, question_id: i64) -> Result<()> {
    req.staff()?;
    let mut tx = state.db.begin_write().await?;
    if !db::booths::delete_question(&mut tx, event, question_id).await? {
        return Err(ServiceError::NotFound);
    }
    audit(
        &mut tx,
        req,
        "question-remove",
        event.0,
        format!("question {question_id}"),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
