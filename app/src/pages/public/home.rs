//! The home page: the next fair, highlighted, and what else is coming up.

use leptos::prelude::*;
use leptos_meta::Title;

use super::not_found::ErrorNotice;
use crate::domain::paths;
use crate::pages::page_data::page_data;
use crate::{
    api::public::get_home,
    components::event_list::{items_html, EventList, StatusBadge},
    context::{use_lang, use_viewer},
    domain::time,
};

#[component]
pub fn HomePage() -> impl IntoView {
    let lang = use_lang();
    let t = lang.t();
    let data = page_data(|| (), move |_| get_home(lang));
    view! {
        <Title text="" />
        <section class="hero">
            <h1>{t.site_name}</h1>
            <p class="lead">{t.home_lead}</p>
            <p>
                <a class="button" href=paths::CALENDAR>{t.home_see_all}</a>
            </p>
        </section>
        {use_viewer().is_none().then(|| view! {
            <section class="join" aria-labelledby="join-title">
                <h2 id="join-title">{lang.tr("Doanh nghiệp, hợp tác xã muốn tham gia?", "A producer who wants to take part?")}</h2>
                <p>{lang.tr(
                    "Doanh nghiệp, hợp tác xã, tổ hợp tác và hộ kinh doanh của tỉnh đăng ký tài khoản để nộp hồ sơ xin gian hàng tại hội chợ, triển lãm và hội nghị kết nối do Sở Công Thương tổ chức. Trang của mỗi sự kiện cho biết thời hạn nhận hồ sơ.",
                    "Enterprises, cooperatives, cooperative groups and household businesses of the province register to apply for booths at the Department's fairs, exhibitions and connection conferences. Each event's page gives its application deadline.",
                )}</p>
                <p>
                    <a class="button" href=paths::SIGN_UP>{lang.tr("Đăng ký tài khoản", "Register")}</a>
                    " "
                    <a href=paths::LOGIN>{lang.tr("Đăng nhập", "Log in")}</a>
                </p>
            </section>
        })}
        <Suspense fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    Ok(home) => {
                        let next = home.next_fair.map(|fair| {
                            let href = paths::event(fair.event_id);
                            view! {
                                <section class="next-fair" aria-labelledby="next-fair-title">
                                    <p class="eyebrow" id="next-fair-title">{t.home_next_fair}</p>
                                    <h2>
                                        <a href=href>{fair.title.clone()}</a>
                                        " "
                                        <StatusBadge status=fair.status />
                                    </h2>
                                    <p class="next-fair-when">
                                        <time datetime=time::iso_utc(fair.starts_at)>
                                            {time::date_range(fair.starts_at, fair.ends_at)}
                                        </time>
                                        " · "
                                        {fair.place.clone()}
                                    </p>
                                </section>
                            }
                        });
                        let empty = next.is_none() && home.upcoming.is_empty();
                        view! {
                            {next}
                            <section aria-labelledby="upcoming-title">
                                <h2 id="upcoming-title">{t.home_upcoming}</h2>
                                {if empty {
                                    view! { <p class="empty">{t.home_none}</p> }.into_any()
                                } else {
                                    view! { <EventList count=home.upcoming.len() html=items_html(&home.upcoming, "", lang) /> }
                                        .into_any()
                                }}
                                <p>
                                    <a href=paths::CALENDAR>{t.home_see_all} " →"</a>
                                </p>
                            </section>
                        }
                        .into_any()
                    }
                }
            })}
        </Suspense>
    }
}
