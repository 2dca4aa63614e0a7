//! One event: everything about it, and the ways to put it in a calendar.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

use super::not_found::{ErrorNotice, NotFound};
use crate::domain::paths;
use crate::pages::{page_data::page_data, support::lazy_page};
use crate::{
    api::public::get_event,
    components::event_list::StatusBadge,
    context::{use_lang, use_viewer},
    domain::{
        account::Role,
        booths::{CallState, PublicCall},
        filter::encode,
        public::EventPageData,
        time, EventDetail, EventFormat, Lang,
    },
};

fn google_calendar_url(e: &EventDetail, place: &str, page_url: &str, lang: Lang) -> String {
    let stamp = time::compact_utc;
    format!(
        "https://calendar.google.com/calendar/render?action=TEMPLATE&text={}&dates={}%2F{}&details={}&location={}&ctz=Asia%2FHo_Chi_Minh",
        encode(e.title(lang)),
        stamp(e.starts_at),
        stamp(e.ends_at),
        encode(&format!("{}\n\n{page_url}", e.description(lang))),
        encode(place),
    )
}

fn map_url(place: &str) -> String {
    format!("https://www.google.com/maps/search/?api=1&query={}", encode(place))
}

/// The call for applications: until when, for whom, and the way in for whoever is reading — a
/// visitor signs up or logs in first, a producer goes to its application, staff to the review.
#[component]
fn CallNotice(call: PublicCall, event_id: i64) -> impl IntoView {
    let lang = use_lang();
    let viewer = use_viewer();
    let when = |at| format!("{} {}", time::clock(at), time::date(at));
    let status = match call.state {
        CallState::Open => format!(
            "{} {}.",
            lang.tr(
                "Đang nhận hồ sơ đăng ký gian hàng đến",
                "Booth applications are open until"
            ),
            when(call.closes_at)
        ),
        CallState::Upcoming => format!(
            "{} {} {} {}.",
            lang.tr("Nhận hồ sơ đăng ký gian hàng từ", "Booth applications open from"),
            when(call.opens_at),
            lang.tr("đến", "to"),
            when(call.closes_at)
        ),
        CallState::Closed => format!(
            "{} ({}).",
            lang.tr(
                "Đã hết hạn nhận hồ sơ đăng ký gian hàng",
                "Booth applications are closed"
            ),
            when(call.closes_at)
        ),
    };
    let stars = match call.min_stars {
        Some(n) => format!("{} {n}★", lang.tr("sản phẩm OCOP từ", "OCOP products rated at least")),
        None => lang
            .tr(
                "mọi doanh nghiệp, hợp tác xã, hộ kinh doanh của tỉnh",
                "every producer of the province",
            )
            .to_string(),
    };
    let groups = (!call.groups.is_empty()).then(|| {
        format!(
            "; {}: {}",
            lang.tr("nhóm sản phẩm", "product groups"),
            call.groups.join(", ")
        )
    });
    let apply = paths::apply(event_id);
    let way_in = match (call.state, viewer.map(|v| v.role)) {
        (CallState::Closed, _) => None,
        (_, None) => Some(view! {
            <p class="call-actions">
                <a class="button" href=paths::SIGN_UP>{lang.tr("Đăng ký tài khoản để nộp hồ sơ", "Register to apply")}</a>
                " " {lang.tr("Đã có tài khoản?", "Already registered?")} " "
                <a href=paths::LOGIN>{lang.tr("Đăng nhập", "Log in")}</a>
                " " {lang.tr("rồi mở lại trang này.", "and come back to this page.")}
            </p>
        }
        .into_any()),
        (CallState::Open, Some(Role::Producer)) => Some(view! {
            <p class="call-actions"><a class="button" id="apply-link" href=apply>{lang.tr("Đăng ký gian hàng", "Apply for a booth")}</a></p>
        }
        .into_any()),
        (_, Some(Role::Staff | Role::Admin)) => Some(view! {
            <p class="call-actions"><a href=paths::review(event_id)>{lang.tr("Xem hồ sơ đăng ký", "See the applications")}</a></p>
        }
        .into_any()),
        (_, Some(Role::Producer)) => None,
    };
    view! {
        <section class="call-notice notice" aria-labelledby="call-title">
            <h2 id="call-title">{lang.tr("Đăng ký gian hàng", "Booth applications")}</h2>
            <p>{status}</p>
            <p>{lang.tr("Dành cho", "Open to")} ": " {stars} {groups}</p>
            {way_in}
        </section>
    }
}

#[component]
fn EventView(data: EventPageData) -> impl IntoView {
    let lang = use_lang();
    let t = lang.t();
    let e = data.event;
    // the calendar this page was opened from, for the way back
    let from = leptos_router::hooks::use_query_map().with_untracked(|q| q.get("tu").unwrap_or_default());
    let plan = data.plan.map(|p| {
        view! {
            <section class="public-plan" aria-labelledby="plan-title">
                <h2 id="plan-title">{lang.tr("Sơ đồ gian hàng", "Floor plan")}</h2>
                <p class="plan-zones">{p.zones.iter().map(|z| z.name.clone()).collect::<Vec<_>>().join(" · ")}</p>
                <div class="plan-scroll" tabindex="0" role="group" aria-labelledby="plan-title">
                    <crate::components::floor_plan::FloorPlan cols=p.cols rows=p.rows booths=p.booths />
                </div>
            </section>
        }
    });
    let page_url = format!("{}/su-kien/{}", data.base_url, e.event_id);
    let ics = paths::event_feed(e.event_id);
    let event_webcal = paths::webcal(&format!("{}{ics}", data.base_url));
    let calendar_webcal = paths::webcal(&format!("{}{}", data.base_url, paths::FEED));
    let google = google_calendar_url(&e, &data.where_line, &page_url, lang);
    let day = time::local_date(e.starts_at);
    let title = e.title(lang).to_string();
    let summary: String = e.description(lang).chars().take(160).collect();
    let venue = e.has_venue().then(|| {
        let map = map_url(&data.where_line);
        view! {
            <div class="fact">
                <dt>{t.where_}</dt>
                <dd>
                    {e.venue_name.clone()}
                    {e.venue_address.clone().map(|a| view! { <br /> {a} })}
                    {data.place.clone().map(|p| view! { <br /> {p} })}
                    <br />
                    <a href=map target="_blank" rel="noopener external">{t.open_map} " ↗"</a>
                </dd>
            </div>
        }
    });
    let online = (e.format != EventFormat::InPerson).then(|| {
        let platform = e.online_platform.clone().unwrap_or_default();
        let link = e.online_url.clone().map(|u| {
            let text = u.clone();
            view! { <a href=u target="_blank" rel="noopener external">{text}</a> }
        });
        view! {
            <div class="fact">
                <dt>{t.online_at}</dt>
                <dd>{platform} {link.map(|l| view! { <br /> {l} })}</dd>
            </div>
        }
    });
    let groups = (!e.product_groups.is_empty()).then(|| {
        view! {
            <div class="fact">
                <dt>{t.product_groups}</dt>
                <dd>{e.product_groups.join(", ")}</dd>
            </div>
        }
    });
    let notice = e.change_note.clone().filter(|_| e.status.is_public()).map(|n| {
        view! {
            <div class="notice change-note" role="note">
                <strong>{lang.tr("Thông báo thay đổi: ", "Notice of change: ")}</strong>
                {n}
            </div>
        }
    });
    let programme = (!e.sessions.is_empty()).then(|| {
        let rows = e
            .sessions
            .iter()
            .map(|s| {
                view! {
                    <li>
                        <time datetime=time::iso_utc(s.starts_at)>{time::date_time_range(s.starts_at, s.ends_at)}</time>
                        " — "
                        <strong>{s.title.clone()}</strong>
                        " (" {s.kind.label(lang)} ")"
                        {s.room.clone().map(|r| view! { " · " {r} })}
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="programme" aria-labelledby="programme-title">
                <h2 id="programme-title">{lang.tr("Chương trình", "Programme")}</h2>
                <ul>{rows}</ul>
            </section>
        }
    });
    let co_organisers = e.co_organisers.clone().map(|c| {
        view! {
            <div class="fact">
                <dt>{lang.tr("Đơn vị phối hợp", "Co-organisers")}</dt>
                <dd>{c}</dd>
            </div>
        }
    });
    let paragraphs = e
        .description(lang)
        .split('\n')
        .filter(|p| !p.trim().is_empty())
        .map(|p| view! { <p>{p.to_string()}</p> })
        .collect_view();
    view! {
        <Title text=title.clone() />
        <Meta name="description" content=summary.clone() />
        <crate::pages::support::OpenGraph
            title=title.clone()
            description=summary
            url=page_url.clone()
            image=e.has_cover.then(|| format!("{}{}", data.base_url, paths::event_cover(e.event_id, e.sequence)))
        />
        <script type="application/ld+json" inner_html=data.json_ld.clone()></script>
        <article class="event-page">
            <p class="back">
                <a href=paths::back_to_calendar(&from)>{t.back_to_calendar}</a>
            </p>
            <p class="eyebrow">
                <span class=format!("tag tag-{}", e.kind.code())>{e.kind.label(lang)}</span>
                {e.is_demo.then(|| view! { <span class="badge badge-demo">{t.demo_notice}</span> })}
            </p>
            <h1>{title.clone()} " " <StatusBadge status=e.status /></h1>
            {e.has_cover.then(|| view! { <img class="cover" src=paths::event_cover(e.event_id, e.sequence) alt=title.clone() /> })}
            {notice}
            <dl class="facts">
                <div class="fact">
                    <dt>{t.when}</dt>
                    <dd>
                        <time datetime=time::iso_utc(e.starts_at)>
                            {time::weekday(day, lang)} ", " {time::date_time_range(e.starts_at, e.ends_at)}
                        </time>
                    </dd>
                </div>
                {venue}
                {online}
                <div class="fact">
                    <dt>{t.format}</dt>
                    <dd>{e.format.label(lang)}</dd>
                </div>
                <div class="fact">
                    <dt>{t.level}</dt>
                    <dd>{e.level.label(lang)}</dd>
                </div>
                <div class="fact">
                    <dt>{t.organiser}</dt>
                    <dd>{e.organiser.clone()}</dd>
                </div>
                {co_organisers}
                {groups}
            </dl>
            {data.call.map(|call| view! { <CallNotice call event_id=e.event_id /> })}
            {(!data.results.is_empty()).then(|| view! {
                <section class="results" aria-labelledby="results-h">
                    <h2 id="results-h">{lang.tr("Kết quả", "Results")}</h2>
                    <dl class="figures">
                        {data.results.into_iter().map(|(name, value)| view! { <div><dt>{name}</dt><dd>{value}</dd></div> }).collect_view()}
                    </dl>
                    <p><a href=paths::RESULTS>{lang.tr("Kết quả xúc tiến thương mại cả năm", "The year's results")}</a></p>
                </section>
            })}
            {programme}
            {plan}
            <div class="calendar-actions">
                <a class="button" href=ics.clone() rel="external" download=format!("su-kien-{}.ics", e.event_id)>
                    {t.add_to_calendar}
                </a>
                <a class="button button-secondary" href=google target="_blank" rel="noopener external">
                    {t.google_calendar}
                </a>
                <a class="button-link" href=event_webcal rel="external">
                    {lang.tr("Theo dõi thay đổi của sự kiện", "Follow this event's changes")}
                </a>
                <a class="button-link" href=calendar_webcal rel="external">{t.nav_feed}</a>
            </div>
            <section class="description">
                <h2>{t.about_event}</h2>
                {paragraphs}
            </section>
        </article>
    }
}

// The event page is a lazy route: its code is a separate wasm chunk, fetched when an event is
// first opened (the server still renders it whole).
lazy_page!(EventRoute, EventPage);

#[component]
pub fn EventPage() -> impl IntoView {
    let lang = use_lang();
    let t = lang.t();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").and_then(|s| s.parse::<i64>().ok()).filter(|id| *id > 0)));
    let detail = page_data(
        move || id.get(),
        move |id| async move {
            match id {
                Some(id) => get_event(id, lang).await,
                None => Ok(None),
            }
        },
    );
    view! {
        <Suspense fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match detail.await {
                    Ok(Some(data)) => view! { <EventView data /> }.into_any(),
                    Ok(None) => view! { <NotFound /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
