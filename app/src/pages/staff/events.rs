//! The staff's planning pages: every event (drafts too), and one event in the editor with its
//! status moves and side programme. Lazy routes, for staff and admins.

use leptos::{form::ActionForm, prelude::*};
use leptos_meta::Title;

use crate::context::use_lang;
use crate::domain::paths;
use crate::pages::{
    page_data::page_data,
    public::not_found::ErrorNotice,
    support::{guarded, id_param, lazy_page, reload_at},
};
use crate::{
    api::planning::{
        get_event_editor, get_staff_events, AddEventSession, ChangeEventStatus, DuplicateEvent, RemoveEventSession,
        SaveEvent,
    },
    components::{
        event_list::StatusBadge,
        form::{field_error, Answer, Field, FormError, SelectField},
    },
    domain::{
        account::Role, planning::EventEditor, time, EventFormat, EventKind, EventLevel, EventStatus, LocationScope,
        SessionKind,
    },
};

lazy_page!(StaffEventsRoute, StaffEvents);
lazy_page!(EventEditorRoute, EventEditorPage);

fn options<T: Copy>(
    all: &[T],
    code: impl Fn(T) -> &'static str,
    label: impl Fn(T) -> &'static str,
) -> Vec<(String, String)> {
    all.iter()
        .map(|v| (code(*v).to_string(), label(*v).to_string()))
        .collect()
}

#[component]
fn StaffEvents() -> impl IntoView {
    guarded(Role::is_staff, || view! { <EventList /> }.into_any())
}

#[component]
fn EventList() -> impl IntoView {
    let lang = use_lang();
    let data = page_data(|| (), |_| get_staff_events());
    let title = lang.tr("Kế hoạch sự kiện", "Event planning");
    view! {
        <Title text=title />
        <h1>{title}</h1>
        <p><a class="button" href=paths::NEW_EVENT>{lang.tr("+ Tạo sự kiện", "+ New event")}</a></p>
        <Suspense fallback=move || view! { <p class="loading">{lang.t().loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    Ok(events) => view! {
                        <table class="table">
                            <thead><tr>
                                <th>{lang.tr("Sự kiện", "Event")}</th>
                                <th>{lang.tr("Loại", "Kind")}</th>
                                <th>{lang.tr("Thời gian", "Dates")}</th>
                                <th>{lang.tr("Trạng thái", "Status")}</th>
                                <th>{lang.tr("Phiên", "Sessions")}</th>
                            </tr></thead>
                            <tbody>
                                {events.into_iter().map(|e| view! {
                                    <tr>
                                        <td><a href=paths::staff_event(e.event_id)>{e.title}</a></td>
                                        <td>{e.kind.label(lang)}</td>
                                        <td>{e.dates}</td>
                                        <td>{e.status.label(lang)}</td>
                                        <td>{e.sessions}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn EventEditorPage() -> impl IntoView {
    guarded(Role::is_staff, || view! { <Editor /> }.into_any())
}

#[component]
fn Editor() -> impl IntoView {
    let lang = use_lang();
    // "moi" (new) is id 0
    let id = id_param();
    let save = ServerAction::<SaveEvent>::new();
    let status = ServerAction::<ChangeEventStatus>::new();
    let duplicate = ServerAction::<DuplicateEvent>::new();
    let add_session = ServerAction::<AddEventSession>::new();
    let remove_session = ServerAction::<RemoveEventSession>::new();
    let data = page_data(
        move || {
            (
                id.get(),
                save.version().get(),
                status.version().get(),
                add_session.version().get(),
                remove_session.version().get(),
            )
        },
        |(id, ..)| get_event_editor(id),
    );
    // a new event, once saved, and a copy open in the editor
    Effect::new(move |_| {
        if let Some(Ok(new_id)) = save.value().get() {
            if id.get_untracked() == 0 {
                reload_at(&paths::staff_event(new_id));
            }
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(new_id)) = duplicate.value().get() {
            reload_at(&paths::staff_event(new_id));
        }
    });
    // The booth set-up (call, types, zones, plan) has forms and actions of its own: it is rendered
    // once per event, apart from the editor above, which renders anew after each of its changes.
    // Inside it, a save made just after publishing was cut off when the editor re-rendered.
    let booths = page_data(move || id.get(), get_event_editor);
    view! {
        <p><a href=paths::STAFF_EVENTS>{lang.tr("← Kế hoạch sự kiện", "← Event planning")}</a></p>
        <Transition fallback=move || view! { <p class="loading">{lang.t().loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    Ok(ed) => view! { <EditorView ed save status duplicate add_session remove_session /> }.into_any(),
                }
            })}
        </Transition>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match booths.await {
                    Ok(ed) if ed.event_id != 0 => view! { <super::booths::BoothSection event_id=ed.event_id options=ed.options /> }.into_any(),
                    _ => ().into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn EditorView(
    ed: EventEditor,
    save: ServerAction<SaveEvent>,
    status: ServerAction<ChangeEventStatus>,
    duplicate: ServerAction<DuplicateEvent>,
    add_session: ServerAction<AddEventSession>,
    remove_session: ServerAction<RemoveEventSession>,
) -> impl IntoView {
    let lang = use_lang();
    let is_new = ed.event_id == 0;
    let title = if is_new {
        lang.tr("Sự kiện mới", "New event").to_string()
    } else {
        ed.input.title_vi.clone()
    };
    let saved: Answer<i64> = Signal::from(save.value());
    let public = ed.status.is_public();
    view! {
        <Title text=title.clone() />
        <h1>{title} " " {(!is_new).then(|| view! { <StatusBadge status=ed.status /> })}</h1>
        {(!is_new).then(|| view! {
            <p class="muted">
                {ed.status.label(lang)} " · " {lang.tr("đã cập nhật", "updated")} " " {ed.sequence} " " {lang.tr("lần", "times")} " · "
                {ed.status.is_public().then(|| view! { <a href=paths::event(ed.event_id)>{lang.tr("Xem trang công khai", "Public page")}</a> " · " })}
                <a class="review-link" href=paths::review(ed.event_id)>{lang.tr("Hồ sơ đăng ký", "Applications")}</a> " · "
                <a class="outcomes-link" href=paths::outcomes(ed.event_id)>{lang.tr("Chỉ tiêu và kết quả", "Targets and outcomes")}</a> " · "
                <a class="budget-link" href=paths::budget(ed.event_id)>{lang.tr("Kinh phí", "Budget")}</a>
            </p>
        })}
        {(!is_new).then(|| view! {
            // the editor is long: its sections, to jump between
            <nav class="jump" aria-label=lang.tr("Các phần của trang", "Sections of this page")>
                {[
                    ("#details-title", lang.tr("Thông tin", "Details")),
                    ("#status-title", lang.tr("Trạng thái", "Status")),
                    ("#cover-title", lang.tr("Ảnh bìa", "Cover")),
                    ("#programme-title", lang.tr("Chương trình", "Programme")),
                    ("#call-title", lang.tr("Đợt nhận hồ sơ", "Call")),
                    ("#types-title", lang.tr("Loại gian", "Booth types")),
                    ("#zones-title", lang.tr("Khu", "Zones")),
                    ("#plan-title", lang.tr("Sơ đồ", "Floor plan")),
                    ("#blocks-title", lang.tr("Giữ gian", "Held booths")),
                    ("#questions-title", lang.tr("Câu hỏi", "Questions")),
                ].into_iter().map(|(href, text)| view! { <a href=href>{text}</a> " " }).collect_view()}
            </nav>
        })}
        {ed.change_note.clone().map(|n| view! { <p class="notice">{n}</p> })}
        <section aria-labelledby="details-title">
            <h2 id="details-title">{lang.tr("Thông tin sự kiện", "Event details")}</h2>
            {move || matches!(saved.get(), Some(Ok(_))).then(|| view! { <p class="notice success" role="status">{lang.tr("Đã lưu.", "Saved.")}</p> })}
            <EventFormView ed=ed.clone() save saved public />
        </section>
        {(!is_new).then(|| {
            let upload = paths::cover_upload(ed.event_id);
            let picture = paths::event_cover(ed.event_id, ed.sequence);
            view! {
                <section aria-labelledby="cover-title">
                    <h2 id="cover-title">{lang.tr("Ảnh bìa", "Cover picture")}</h2>
                    {ed.has_cover.then(|| view! { <img class="cover" src=picture alt=lang.tr("Ảnh bìa hiện tại", "The current cover") /> })}
                    // a plain form: it works without JavaScript, and the server answers with this page
                    <form method="post" enctype="multipart/form-data" action=upload class="form narrow">
                        <div class="field">
                            <label for="f-cover">{lang.tr("Chọn ảnh (JPEG, PNG hoặc WebP, tối đa 10 MB)", "Choose a picture (JPEG, PNG or WebP, at most 10 MB)")}</label>
                            <input id="f-cover" type="file" name="cover" accept="image/jpeg,image/png,image/webp" />
                        </div>
                        <button type="submit" class="button">{lang.tr("Tải ảnh lên", "Upload")}</button>
                    </form>
                </section>
            }
        })}
        {(!is_new).then(|| view! {
            <StatusActions ed=ed.clone() status />
            <section aria-labelledby="programme-title">
                <h2 id="programme-title">{lang.tr("Chương trình bên lề", "Side programme")}</h2>
                <SessionList ed=ed.clone() remove_session />
                <SessionForm event_id=ed.event_id add_session />
            </section>
            <section>
                <ActionForm action=duplicate>
                    <input type="hidden" name="event_id" value=ed.event_id />
                    <button type="submit" class="button secondary">{lang.tr("Nhân bản cho năm sau", "Duplicate for next year")}</button>
                </ActionForm>
            </section>
        })}
    }
}

#[component]
fn TextArea(name: &'static str, label: &'static str, value: String, error: Signal<Option<String>>) -> impl IntoView {
    let id = format!("f-{name}");
    let described = format!("{id}-msg");
    view! {
        <div class="field" class:invalid=move || error.with(Option::is_some)>
            <label for=id.clone()>{label}</label>
            <textarea id=id name=name rows="6" aria-describedby=described.clone()>{value}</textarea>
            <p class="field-msg field-error" id=described>{move || error.get()}</p>
        </div>
    }
}

#[component]
fn EventFormView(ed: EventEditor, save: ServerAction<SaveEvent>, saved: Answer<i64>, public: bool) -> impl IntoView {
    let lang = use_lang();
    let i = ed.input;
    let err = move |f: &'static str| field_error(saved, f);
    let communes: Vec<(String, String)> = ed
        .options
        .communes
        .iter()
        .map(|c| (c.commune_id.to_string(), c.name.clone()))
        .collect();
    let commune = i.commune_id.map(|c| c.to_string()).unwrap_or_default();
    let chosen = i.product_groups.clone();
    view! {
        <ActionForm action=save attr:class="form" attr:novalidate="">
            <FormError answer=saved />
            {(ed.event_id != 0).then(|| view! { <input type="hidden" name="event_id" value=ed.event_id /> })}
            <Field name="form[title_vi]" label=lang.tr("Tên sự kiện (tiếng Việt)", "Title (Vietnamese)") value=i.title_vi required=true error=err("title_vi") />
            <Field name="form[title_en]" label=lang.tr("Tên sự kiện (tiếng Anh)", "Title (English)") value=i.title_en error=err("title_en") />
            <SelectField name="form[kind]" label=lang.tr("Loại sự kiện", "Kind") options=options(EventKind::ALL, EventKind::code, |k| k.label(lang)) selected=i.kind error=err("kind") />
            <SelectField name="form[format]" label=lang.tr("Hình thức", "Format") options=options(EventFormat::ALL, EventFormat::code, |k| k.label(lang)) selected=i.format error=err("format") />
            <SelectField name="form[level]" label=lang.tr("Cấp", "Level") options=options(EventLevel::ALL, EventLevel::code, |k| k.label(lang)) selected=i.level error=err("level") />
            <SelectField name="form[scope]" label=lang.tr("Địa bàn", "Where") options=options(LocationScope::ALL, LocationScope::code, |k| k.label(lang)) selected=i.scope error=err("scope") />
            <SelectField name="form[commune_id]" label=lang.tr("Xã, phường (trong tỉnh)", "Commune or ward (in the province)") options=communes placeholder=lang.tr("— Chọn —", "— Choose —") selected=commune error=err("commune") />
            <Field name="form[place]" label=lang.tr("Tỉnh, thành hoặc nước (ngoài tỉnh)", "Province or country (outside)") value=i.place error=err("place") />
            <Field name="form[venue_name]" label=lang.tr("Địa điểm", "Venue") value=i.venue_name error=err("venue_name") />
            <Field name="form[venue_address]" label=lang.tr("Địa chỉ", "Address") value=i.venue_address error=err("venue_address") />
            <Field name="form[online_platform]" label=lang.tr("Nền tảng trực tuyến", "Online platform") value=i.online_platform error=err("online_platform") />
            <Field name="form[online_url]" kind="url" label=lang.tr("Đường dẫn trực tuyến", "Online link") value=i.online_url error=err("online_url") />
            <Field name="form[starts_at]" kind="datetime-local" required=true label=lang.tr("Bắt đầu", "Starts") value=i.starts_at error=err("starts_at") />
            <Field name="form[ends_at]" kind="datetime-local" required=true label=lang.tr("Kết thúc", "Ends") value=i.ends_at error=err("ends_at") />
            <Field name="form[organiser]" required=true label=lang.tr("Đơn vị tổ chức", "Organiser") value=i.organiser error=err("organiser") />
            <Field name="form[co_organisers]" label=lang.tr("Đơn vị phối hợp", "Co-organisers") value=i.co_organisers error=err("co_organisers") />
            <TextArea name="form[description_vi]" label=lang.tr("Giới thiệu (tiếng Việt)", "Description (Vietnamese)") value=i.description_vi error=err("description_vi") />
            <TextArea name="form[description_en]" label=lang.tr("Giới thiệu (tiếng Anh)", "Description (English)") value=i.description_en error=err("description_en") />
            <fieldset>
                <legend>{lang.tr("Nhóm sản phẩm hướng đến", "Product groups it targets")}</legend>
                {ed.options.product_groups.into_iter().map(|g| {
                    let checked = chosen.contains(&g.code);
                    let name = format!("form[groups][{}]", g.code);
                    view! { <label class="check"><input type="checkbox" name=name value="on" checked=checked /> " " {g.name}</label> }
                }).collect_view()}
                <p class="field-msg field-error">{move || err("product_groups").get()}</p>
            </fieldset>
            {public.then(|| view! {
                <Field name="note" label=lang.tr("Nội dung thay đổi (hiện trên trang sự kiện)", "What changed (shown on the event page)") error=err("note") />
            })}
            <button type="submit" class="button">{lang.tr("Lưu", "Save")}</button>
        </ActionForm>
    }
}

#[component]
fn StatusActions(ed: EventEditor, status: ServerAction<ChangeEventStatus>) -> impl IntoView {
    let lang = use_lang();
    let answer: Answer<()> = Signal::from(status.value());
    let err = move |f: &'static str| field_error(answer, f);
    let actions = ed
        .next
        .into_iter()
        .map(|to| {
            let label = match to {
                EventStatus::Published if ed.status == EventStatus::Draft => lang.tr("Công bố", "Publish"),
                EventStatus::Published => lang.tr("Công bố lại (đã có lịch mới)", "Publish again"),
                EventStatus::Postponed => lang.tr("Tạm hoãn / dời lịch", "Postpone"),
                EventStatus::Cancelled => lang.tr("Hủy sự kiện", "Cancel the event"),
                EventStatus::Completed => lang.tr("Đánh dấu đã kết thúc", "Mark as completed"),
                EventStatus::Draft => lang.tr("Về bản nháp", "Back to draft"),
            };
            let extra = match to {
                EventStatus::Postponed => view! {
                    <Field name="starts_at" kind="datetime-local" label=lang.tr("Bắt đầu mới", "New start") error=err("starts_at") />
                    <Field name="ends_at" kind="datetime-local" label=lang.tr("Kết thúc mới", "New end") error=err("ends_at") />
                    <Field name="note" id="f-postpone-note" label=lang.tr("Thông báo (không bắt buộc)", "Notice (optional)") error=err("note") />
                }
                .into_any(),
                EventStatus::Cancelled => {
                    view! { <Field name="note" id="f-cancel-note" label=lang.tr("Lý do hủy", "Reason") error=err("note") /> }.into_any()
                }
                _ => ().into_any(),
            };
            view! {
                <ActionForm action=status attr:class=format!("form status-{}", to.code()) attr:novalidate="">
                    <input type="hidden" name="event_id" value=ed.event_id />
                    <input type="hidden" name="to" value=to.code() />
                    {extra}
                    <button type="submit" class="button">{label}</button>
                </ActionForm>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="status-title">
            <h2 id="status-title">{lang.tr("Trạng thái", "Status")}</h2>
            <FormError answer />
            <div class="status-actions">{actions}</div>
        </section>
    }
}

#[component]
fn SessionList(ed: EventEditor, remove_session: ServerAction<RemoveEventSession>) -> impl IntoView {
    let lang = use_lang();
    if ed.sessions.is_empty() {
        return view! { <p class="empty">{lang.tr("Chưa có phiên nào.", "No sessions yet.")}</p> }.into_any();
    }
    view! {
        <table class="table sessions">
            <thead><tr>
                <th>{lang.tr("Thời gian", "When")}</th>
                <th>{lang.tr("Phiên", "Session")}</th>
                <th>{lang.tr("Loại", "Kind")}</th>
                <th>{lang.tr("Phòng, khu vực", "Room")}</th>
                <th></th>
            </tr></thead>
            <tbody>
                {ed.sessions.into_iter().map(|s| view! {
                    <tr>
                        <td>{time::date_time_range(s.starts_at, s.ends_at)}</td>
                        <td>{s.title}</td>
                        <td>{s.kind.label(lang)}</td>
                        <td>{s.room.unwrap_or_default()}</td>
                        <td>
                            <ActionForm action=remove_session>
                                <input type="hidden" name="event_id" value=ed.event_id />
                                <input type="hidden" name="session_id" value=s.session_id />
                                <button type="submit" class="button-link">{lang.tr("Xóa", "Remove")}</button>
                            </ActionForm>
                        </td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

#[component]
fn SessionForm(event_id: i64, add_session: ServerAction<AddEventSession>) -> impl IntoView {
    let lang = use_lang();
    let answer: Answer<()> = Signal::from(add_session.value());
    let err = move |f: &'static str| field_error(answer, f);
    let kinds = options(SessionKind::ALL, SessionKind::code, |k| k.label(lang));
    view! {
        <ActionForm action=add_session attr:class="form narrow" attr:novalidate="">
            <h3>{lang.tr("Thêm phiên", "Add a session")}</h3>
            <FormError answer />
            <input type="hidden" name="event_id" value=event_id />
            <SelectField name="session[kind]" label=lang.tr("Loại phiên", "Kind of session") options=kinds error=err("kind") />
            <Field name="session[title_vi]" required=true label=lang.tr("Tên phiên (tiếng Việt)", "Title (Vietnamese)") error=err("title_vi") />
            <Field name="session[title_en]" label=lang.tr("Tên phiên (tiếng Anh)", "Title (English)") error=err("title_en") />
            <Field name="session[starts_at]" kind="datetime-local" required=true label=lang.tr("Bắt đầu phiên", "Session starts") error=err("starts_at") />
            <Field name="session[ends_at]" kind="datetime-local" required=true label=lang.tr("Kết thúc phiên", "Session ends") error=err("ends_at") />
            <Field name="session[room]" label=lang.tr("Phòng, khu vực", "Room or area") error=err("room") />
            <button type="submit" class="button">{lang.tr("Thêm phiên", "Add session")}</button>
        </ActionForm>
    }
}
