//! The booth section of the event editor: the call for applications with its support rates,
//! booth types, zones, the floor plan (drawn and edited here) and blocks.

use leptos::{form::ActionForm, prelude::*};

use crate::context::use_lang;
use crate::pages::{page_data::page_data, public::not_found::ErrorNotice};
use crate::{
    api::booths::{
        get_booth_setup, AddBlock, AddBoothRow, AddBoothType, AddCallQuestion, AddZone, BoothAction,
        RemoveCallQuestion, SaveCall, SetFloorPlan,
    },
    components::{
        floor_plan::FloorPlan,
        form::{clear_after_success, field_error, succeeded, Answer, Field, FormError, SelectField},
    },
    domain::{
        booths::{money, BoothSetup, BoothSize, BoothStatus, QuestionKind},
        reference::FilterOptions,
        time,
    },
};

fn local(at: chrono::DateTime<chrono::Utc>) -> String {
    time::to_local(at).format("%Y-%m-%dT%H:%M").to_string()
}

#[component]
pub fn BoothSection(event_id: i64, options: FilterOptions) -> impl IntoView {
    let lang = use_lang();
    let call = ServerAction::<SaveCall>::new();
    let booth_type = ServerAction::<AddBoothType>::new();
    let zone = ServerAction::<AddZone>::new();
    let plan = ServerAction::<SetFloorPlan>::new();
    let row = ServerAction::<AddBoothRow>::new();
    let act = ServerAction::<BoothAction>::new();
    let block = ServerAction::<AddBlock>::new();
    let question = ServerAction::<AddCallQuestion>::new();
    let unquestion = ServerAction::<RemoveCallQuestion>::new();
    let data = page_data(
        move || {
            (
                question.version().get() + unquestion.version().get(),
                call.version().get(),
                booth_type.version().get(),
                zone.version().get(),
                plan.version().get(),
                row.version().get(),
                act.version().get(),
                block.version().get(),
            )
        },
        move |_| get_booth_setup(event_id),
    );
    let options = StoredValue::new(options);
    view! {
        <Suspense fallback=move || view! { <p class="loading">{lang.t().loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    Ok(setup) => view! {
                        <CallSection event_id setup=setup.clone() call options=options.get_value() />
                        <Questions event_id setup=setup.clone() question unquestion />
                        <TypesAndZones event_id setup=setup.clone() booth_type zone />
                        <PlanSection event_id setup=setup.clone() plan row act />
                        <BlockSection event_id setup block options=options.get_value() />
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CallSection(
    event_id: i64,
    setup: BoothSetup,
    call: ServerAction<SaveCall>,
    options: FilterOptions,
) -> impl IntoView {
    let lang = use_lang();
    let answer: Answer<()> = Signal::from(call.value());
    let saved = succeeded(answer);
    let err = move |f: &'static str| field_error(answer, f);
    let c = setup.call;
    let v = |f: fn(&crate::domain::booths::Call) -> String| -> String { c.as_ref().map(f).unwrap_or_default() };
    let opens = v(|c| local(c.opens_at));
    let closes = v(|c| local(c.closes_at));
    let min_stars = v(|c| c.min_stars.map(|s| s.to_string()).unwrap_or_default());
    let max_booths = v(|c| c.max_booths.to_string());
    let report_days = v(|c| c.report_days.to_string());
    let documents = v(|c| c.documents_vi.clone());
    let documents_en = v(|c| c.documents_en.clone());
    let support = [
        v(|c| c.support[0].to_string()),
        v(|c| c.support[1].to_string()),
        v(|c| c.support[2].to_string()),
        v(|c| c.support[3].to_string()),
    ];
    let [s5, s4, s3, s0] = support;
    let stars = vec![
        ("3".to_string(), lang.tr("Từ 3 sao OCOP", "OCOP 3★ and up").to_string()),
        ("4".to_string(), lang.tr("Từ 4 sao OCOP", "OCOP 4★ and up").to_string()),
        ("5".to_string(), lang.tr("Chỉ 5 sao OCOP", "OCOP 5★ only").to_string()),
    ];
    let chosen = c.as_ref().map(|c| c.product_groups.clone()).unwrap_or_default();
    view! {
        <section aria-labelledby="call-title">
            <h2 id="call-title">{lang.tr("Đợt nhận hồ sơ đăng ký", "Call for applications")}</h2>
            {move || saved.get().then(|| view! { <p class="notice success" role="status">{lang.tr("Đã lưu đợt nhận hồ sơ.", "Call saved.")}</p> })}
            <ActionForm action=call attr:class="form narrow" attr:novalidate="">
                <FormError answer />
                <input type="hidden" name="event_id" value=event_id />
                <Field name="call[opens_at]" kind="datetime-local" label=lang.tr("Mở nhận hồ sơ", "Opens") value=opens error=err("opens_at") />
                <Field name="call[closes_at]" kind="datetime-local" label=lang.tr("Hạn chót nhận hồ sơ", "Closes") value=closes error=err("closes_at") />
                <SelectField name="call[min_stars]" label=lang.tr("Ai được đăng ký", "Who may apply") options=stars placeholder=lang.tr("Mọi chủ thể", "All producers") selected=min_stars error=err("min_stars") />
                <Field name="call[max_booths]" kind="number" label=lang.tr("Số gian tối đa mỗi đơn vị", "Booths per producer, at most") value=max_booths error=err("max_booths") />
                <Field name="call[report_days]" kind="number" label=lang.tr("Hạn báo cáo kết quả (số ngày sau sự kiện)", "Results report due (days after the event)") hint=lang.tr("Để trống: 15 ngày.", "Empty: 15 days.") value=report_days error=err("report_days") />
                <Field name="call[documents_vi]" label=lang.tr("Hồ sơ cần nộp", "Documents required") value=documents error=err("documents_vi") />
                <Field name="call[documents_en]" label=lang.tr("Hồ sơ cần nộp (tiếng Anh)", "Documents required (English)") value=documents_en error=err("documents_en") />
                <fieldset>
                    <legend>{lang.tr("Mức hỗ trợ chi phí gian hàng (%)", "Booth support (%)")}</legend>
                    <Field name="call[support_5]" kind="number" label=lang.tr("Sản phẩm 5 sao", "5★ products") value=s5 error=err("support_5") />
                    <Field name="call[support_4]" kind="number" label=lang.tr("Sản phẩm 4 sao", "4★ products") value=s4 error=err("support_4") />
                    <Field name="call[support_3]" kind="number" label=lang.tr("Sản phẩm 3 sao", "3★ products") value=s3 error=err("support_3") />
                    <Field name="call[support_none]" kind="number" label=lang.tr("Chưa xếp hạng", "Not rated") value=s0 error=err("support_none") />
                </fieldset>
                <fieldset>
                    <legend>{lang.tr("Chỉ nhận các nhóm sản phẩm (không chọn: tất cả)", "Only these product groups (none: all)")}</legend>
                    {options.product_groups.into_iter().map(|g| {
                        let checked = chosen.contains(&g.code);
                        let name = format!("call[groups][{}]", g.code);
                        view! { <label class="check"><input type="checkbox" name=name value="on" checked=checked /> " " {g.name}</label> }
                    }).collect_view()}
                </fieldset>
                <button type="submit" class="button">{lang.tr("Lưu đợt nhận hồ sơ", "Save the call")}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn TypesAndZones(
    event_id: i64,
    setup: BoothSetup,
    booth_type: ServerAction<AddBoothType>,
    zone: ServerAction<AddZone>,
) -> impl IntoView {
    let lang = use_lang();
    let type_answer: Answer<()> = Signal::from(booth_type.value());
    let zone_answer: Answer<()> = Signal::from(zone.value());
    let terr = move |f: &'static str| field_error(type_answer, f);
    let zerr = move |f: &'static str| field_error(zone_answer, f);
    let (type_form, zone_form) = (NodeRef::new(), NodeRef::new());
    clear_after_success(type_form, type_answer);
    clear_after_success(zone_form, zone_answer);
    let (type_added, zone_added) = (succeeded(type_answer), succeeded(zone_answer));
    let sizes = BoothSize::ALL
        .into_iter()
        .map(|s| (s.code().to_string(), s.label(lang).to_string()))
        .collect::<Vec<_>>();
    view! {
        <section aria-labelledby="types-title">
            <h2 id="types-title">{lang.tr("Loại gian hàng", "Booth types")}</h2>
            <table class="table booth-types">
                <thead><tr>
                    <th>{lang.tr("Tên", "Name")}</th><th>{lang.tr("Kích thước", "Size")}</th>
                    <th>{lang.tr("Giá", "Price")}</th><th>{lang.tr("Hỗ trợ tối đa", "Support up to")}</th>
                    <th>{lang.tr("Số lượng", "Count")}</th>
                </tr></thead>
                <tbody>
                    {setup.booth_types.into_iter().map(|t| view! {
                        <tr>
                            <td>{t.name}</td><td>{t.size.label(lang)}</td><td>{money(t.price_vnd, lang)}</td>
                            <td>{t.support_rate} "%"</td><td>{t.count}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <ActionForm action=booth_type node_ref=type_form attr:class="form narrow" attr:novalidate="">
                <FormError answer=type_answer />
                <p class="notice success" role="status" hidden=move || !type_added.get()>{lang.tr("Đã thêm loại gian.", "Booth type added.")}</p>
                <input type="hidden" name="event_id" value=event_id />
                <Field name="booth_type[name_vi]" label=lang.tr("Tên loại gian", "Booth type name") error=terr("name_vi") />
                <SelectField name="booth_type[size]" label=lang.tr("Kích thước", "Size") options=sizes selected="standard" error=terr("size") />
                <Field name="booth_type[price_vnd]" label=lang.tr("Giá (đồng)", "Price (đồng)") error=terr("price_vnd") />
                <Field name="booth_type[support_rate]" kind="number" label=lang.tr("Hỗ trợ tối đa (%)", "Support up to (%)") error=terr("support_rate") />
                <Field name="booth_type[count]" kind="number" label=lang.tr("Số lượng gian", "Number of booths") error=terr("count") />
                <button type="submit" class="button">{lang.tr("Thêm loại gian", "Add booth type")}</button>
            </ActionForm>
        </section>
        <section aria-labelledby="zones-title">
            <h2 id="zones-title">{lang.tr("Khu vực", "Zones")}</h2>
            <ul class="zones">
                {setup.zones.into_iter().map(|z| view! { <li>{z.name}</li> }).collect_view()}
            </ul>
            <ActionForm action=zone node_ref=zone_form attr:class="form narrow" attr:novalidate="">
                <FormError answer=zone_answer />
                <p class="notice success" role="status" hidden=move || !zone_added.get()>{lang.tr("Đã thêm khu.", "Zone added.")}</p>
                <input type="hidden" name="event_id" value=event_id />
                <Field name="name_vi" label=lang.tr("Tên khu (tiếng Việt)", "Zone name (Vietnamese)") error=zerr("name_vi") />
                <Field name="name_en" label=lang.tr("Tên khu (tiếng Anh)", "Zone name (English)") error=zerr("name_en") />
                <button type="submit" class="button">{lang.tr("Thêm khu", "Add zone")}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn PlanSection(
    event_id: i64,
    setup: BoothSetup,
    plan: ServerAction<SetFloorPlan>,
    row: ServerAction<AddBoothRow>,
    act: ServerAction<BoothAction>,
) -> impl IntoView {
    let lang = use_lang();
    let plan_answer: Answer<()> = Signal::from(plan.value());
    let row_answer: Answer<()> = Signal::from(row.value());
    let act_answer: Answer<()> = Signal::from(act.value());
    let perr = move |f: &'static str| field_error(plan_answer, f);
    let rerr = move |f: &'static str| field_error(row_answer, f);
    // the tool: "select" (the default: a curious click changes nothing) shows a booth and what
    // can be done to it; "block" toggles; "move" picks a booth then a cell (or arrow keys); "label"
    // names
    let tool = RwSignal::new("select".to_string());
    let picked = RwSignal::new(None::<i64>);
    let label = RwSignal::new(String::new());
    let booths = StoredValue::new(setup.booths.clone());
    let dispatch = move |booth_id: i64, action: &str, x: Option<i32>, y: Option<i32>| {
        act.dispatch(BoothAction {
            event_id,
            booth_id,
            action: action.to_string(),
            x,
            y,
            label: Some(label.get_untracked()),
        });
    };
    let on_booth = Callback::new(move |(id, key): (i64, String)| {
        let Some(b) = booths.with_value(|bs| bs.iter().find(|b| b.booth_id == id).cloned()) else {
            return;
        };
        let arrow = match key.as_str() {
            "ArrowLeft" => Some((-1, 0)),
            "ArrowRight" => Some((1, 0)),
            "ArrowUp" => Some((0, -1)),
            "ArrowDown" => Some((0, 1)),
            _ => None,
        };
        if let Some((dx, dy)) = arrow {
            dispatch(id, "move", Some(b.x + dx), Some(b.y + dy));
            return;
        }
        match tool.get_untracked().as_str() {
            "move" | "select" => picked.set(if picked.get_untracked() == Some(id) {
                None
            } else {
                Some(id)
            }),
            "label" => dispatch(id, "label", None, None),
            _ => {
                let next = if b.status == BoothStatus::Blocked {
                    "unblock"
                } else {
                    "block"
                };
                dispatch(id, next, None, None);
            }
        }
    });
    let on_cell = Callback::new(move |(x, y): (i32, i32)| {
        if tool.get_untracked() != "move" {
            return;
        }
        if let Some(id) = picked.get_untracked() {
            dispatch(id, "move", Some(x), Some(y));
            picked.set(None);
        }
    });
    let zones = setup
        .zones
        .iter()
        .map(|z| (z.zone_id.to_string(), z.name.clone()))
        .collect::<Vec<_>>();
    let types = setup
        .booth_types
        .iter()
        .map(|t| (t.booth_type_id.to_string(), t.name.clone()))
        .collect::<Vec<_>>();
    let counts = [BoothStatus::Available, BoothStatus::Blocked, BoothStatus::Held]
        .map(|s| (s, setup.booths.iter().filter(|b| b.status == s).count()));
    let has_plan = setup.cols > 0;
    let picked_signal: Signal<Option<i64>> = picked.into();
    view! {
        <section aria-labelledby="plan-title">
            <h2 id="plan-title">{lang.tr("Sơ đồ gian hàng", "Floor plan")}</h2>
            <ActionForm action=plan attr:class="form inline-fields" attr:novalidate="">
                <FormError answer=plan_answer />
                <input type="hidden" name="event_id" value=event_id />
                <Field name="cols" kind="number" label=lang.tr("Số cột", "Columns") value=setup.cols.to_string() error=perr("cols") />
                <Field name="rows" kind="number" label=lang.tr("Số hàng", "Rows") value=setup.rows.to_string() error=perr("rows") />
                <button type="submit" class="button">{lang.tr("Đặt kích thước sơ đồ", "Set the plan's size")}</button>
            </ActionForm>
            {has_plan.then(|| view! {
                <ActionForm action=row attr:class="form inline-fields" attr:novalidate="">
                    <h3>{lang.tr("Tạo dãy gian", "Add a row of booths")}</h3>
                    <FormError answer=row_answer />
                    <input type="hidden" name="event_id" value=event_id />
                    <SelectField name="row[zone_id]" label=lang.tr("Khu", "Zone") options=zones placeholder=lang.tr("— Chọn —", "— Choose —") error=rerr("zone_id") />
                    <SelectField name="row[booth_type_id]" label=lang.tr("Loại gian", "Booth type") options=types placeholder=lang.tr("— Chọn —", "— Choose —") error=rerr("booth_type_id") />
                    <Field name="row[prefix]" label=lang.tr("Ký hiệu dãy", "Row letter") error=rerr("prefix") />
                    <Field name="row[count]" kind="number" label=lang.tr("Số gian", "Booths") error=rerr("count") />
                    <Field name="row[x]" kind="number" label=lang.tr("Từ cột", "From column") value="1" error=rerr("x") />
                    <Field name="row[y]" kind="number" label=lang.tr("Hàng", "Row") error=rerr("y") />
                    <button type="submit" class="button">{lang.tr("Tạo dãy", "Add row")}</button>
                </ActionForm>
                <fieldset class="tools">
                    <legend>{lang.tr("Khi bấm vào một gian", "Clicking a booth")}</legend>
                    <label class="check"><input type="radio" name="tool" value="select" checked=true on:change=move |_| tool.set("select".into()) /> {lang.tr("Xem gian", "Show the booth")}</label>
                    <label class="check"><input type="radio" name="tool" value="block" on:change=move |_| tool.set("block".into()) /> {lang.tr("Khóa / mở khóa", "Block / unblock")}</label>
                    <label class="check"><input type="radio" name="tool" value="move" on:change=move |_| tool.set("move".into()) /> {lang.tr("Dời (bấm gian rồi bấm ô trống; hoặc phím mũi tên)", "Move (click a booth, then a free cell; or arrow keys)")}</label>
                    <label class="check"><input type="radio" name="tool" value="label" on:change=move |_| tool.set("label".into()) /> {lang.tr("Đặt nhãn", "Label")}</label>
                    <input type="text" aria-label=lang.tr("Nhãn gian", "Booth label") placeholder=lang.tr("Nhãn, ví dụ Cà phê", "Label, e.g. Coffee") bind:value=label />
                </fieldset>
                <FormError answer=act_answer />
                {move || {
                    let shown = (tool.get() == "select").then(|| picked.get()).flatten();
                    shown.and_then(|id| booths.with_value(|bs| bs.iter().find(|b| b.booth_id == id).cloned())).map(|b| {
                        let blocked = b.status == BoothStatus::Blocked;
                        let id = b.booth_id;
                        view! {
                            <p class="booth-info" role="status">
                                <strong>{b.code}</strong> " · " {b.booth_type} " · " {b.zone.unwrap_or_default()} " · " {b.status.label(lang)}
                                {b.label.map(|l| view! { " · " {l} })}
                                {b.held_for.map(|h| view! { " · " {h} })}
                                " "
                                <button type="button" class="button-link" on:click=move |_| dispatch(id, if blocked { "unblock" } else { "block" }, None, None)>
                                    {if blocked { lang.tr("Mở khóa", "Unblock") } else { lang.tr("Khóa", "Block") }}
                                </button>
                            </p>
                        }
                    })
                }}
                <p class="plan-legend">
                    {counts.into_iter().map(|(s, n)| view! { <span class=format!("legend status-{}", s.code())>{s.label(lang)} ": " {n}</span> " " }).collect_view()}
                </p>
                <div class="plan-scroll">
                    <FloorPlan cols=setup.cols rows=setup.rows booths=setup.booths on_booth on_cell selected=picked_signal />
                </div>
            })}
        </section>
    }
}

#[component]
fn BlockSection(
    event_id: i64,
    setup: BoothSetup,
    block: ServerAction<AddBlock>,
    options: FilterOptions,
) -> impl IntoView {
    let lang = use_lang();
    let answer: Answer<()> = Signal::from(block.value());
    let err = move |f: &'static str| field_error(answer, f);
    let communes = options
        .communes
        .into_iter()
        .map(|c| (c.commune_id.to_string(), c.name))
        .collect::<Vec<_>>();
    view! {
        <section aria-labelledby="blocks-title">
            <h2 id="blocks-title">{lang.tr("Giữ gian cho xã, phường hoặc tỉnh bạn", "Booths held for a commune or a visiting province")}</h2>
            <ul class="blocks">
                {setup.blocks.into_iter().map(|b| view! {
                    <li><strong>{b.holder}</strong> " (" {b.contact} "): " {b.booths.join(", ")}</li>
                }).collect_view()}
            </ul>
            <ActionForm action=block attr:class="form narrow" attr:novalidate="">
                <FormError answer />
                <input type="hidden" name="event_id" value=event_id />
                <SelectField name="commune" label=lang.tr("Xã, phường", "Commune or ward") options=communes placeholder=lang.tr("— Tỉnh bạn (nhập bên dưới) —", "— A visiting province (below) —") error=err("commune") />
                <Field name="province" label=lang.tr("Tỉnh bạn", "Visiting province") error=err("province") />
                <Field name="contact_name" label=lang.tr("Người liên hệ", "Contact person") error=err("contact_name") />
                <Field name="contact_phone" kind="tel" label=lang.tr("Điện thoại liên hệ", "Contact phone") error=err("contact_phone") />
                <Field name="count" kind="number" label=lang.tr("Số gian giữ", "Booths to hold") error=err("count") />
                <button type="submit" class="button">{lang.tr("Giữ gian", "Hold booths")}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn Questions(
    event_id: i64,
    setup: BoothSetup,
    question: ServerAction<AddCallQuestion>,
    unquestion: ServerAction<RemoveCallQuestion>,
) -> impl IntoView {
    let lang = use_lang();
    let answer: Answer<()> = Signal::from(question.value());
    let err = move |f: &'static str| field_error(answer, f);
    let kinds = QuestionKind::ALL
        .into_iter()
        .map(|k| (k.code().to_string(), k.label(lang).to_string()))
        .collect::<Vec<_>>();
    view! {
        <section aria-labelledby="questions-title">
            <h2 id="questions-title">{lang.tr("Câu hỏi trong hồ sơ đăng ký", "Questions of the application")}</h2>
            <ol class="questions">
                {setup.questions.into_iter().map(|q| view! {
                    <li>
                        <strong>{q.label}</strong> " (" {q.kind.label(lang)}
                        {q.required.then(|| lang.tr(", bắt buộc", ", required"))} ")"
                        {(!q.choices.is_empty()).then(|| view! { <br /> <span class="muted">{q.choices.join(" · ")}</span> })}
                        <ActionForm action=unquestion>
                            <input type="hidden" name="event_id" value=event_id />
                            <input type="hidden" name="question_id" value=q.question_id />
                            <button type="submit" class="button-link">{lang.tr("Xóa", "Remove")}</button>
                        </ActionForm>
                    </li>
                }).collect_view()}
            </ol>
            <ActionForm action=question attr:class="form narrow" attr:novalidate="">
                <FormError answer />
                <input type="hidden" name="event_id" value=event_id />
                <SelectField name="question[kind]" label=lang.tr("Loại câu hỏi", "Kind of question") options=kinds selected="short" error=err("kind") />
                <Field name="question[label_vi]" label=lang.tr("Câu hỏi (tiếng Việt)", "Question (Vietnamese)") error=err("label_vi") />
                <Field name="question[label_en]" label=lang.tr("Câu hỏi (tiếng Anh)", "Question (English)") error=err("label_en") />
                <div class="field">
                    <label for="f-question-choices-vi">{lang.tr("Các lựa chọn (tiếng Việt), mỗi dòng một", "Choices (Vietnamese), one per line")}</label>
                    <textarea id="f-question-choices-vi" name="question[choices_vi]" rows="3"></textarea>
                    <p class="field-msg field-error">{move || err("choices_vi").get()}</p>
                </div>
                <div class="field">
                    <label for="f-question-choices-en">{lang.tr("Các lựa chọn (tiếng Anh), mỗi dòng một", "Choices (English), one per line")}</label>
                    <textarea id="f-question-choices-en" name="question[choices_en]" rows="3"></textarea>
                    <p class="field-msg field-error">{move || err("choices_en").get()}</p>
                </div>
                <label class="check"><input type="checkbox" name="question[required]" value="on" /> {lang.tr("Bắt buộc trả lời", "Answer required")}</label>
                <button type="submit" class="button">{lang.tr("Thêm câu hỏi", "Add question")}</button>
            </ActionForm>
        </section>
    }
}
