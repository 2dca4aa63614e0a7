//! The frame of every page: skip link, header with navigation and language switch, footer.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::domain::paths;
use crate::{
    context::{use_lang, use_viewer},
    domain::{account::Role, filter::encode},
};

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let lang = use_lang();
    let t = lang.t();
    let location = use_location();
    let viewer = use_viewer();
    // The switch is a plain link to a server route that sets the cookie and comes back here, so
    // it works without JavaScript; `rel=external` keeps the client router out of it.
    let switch_href = move || {
        let search = location.search.get();
        let search = search.trim_start_matches('?');
        let here = if search.is_empty() {
            location.pathname.get()
        } else {
            format!("{}?{search}", location.pathname.get())
        };
        paths::language(lang.other().code(), &encode(&here))
    };
    view! {
        <a class="skip" href="#main">{t.skip_to_content}</a>
        <header class="site-header">
            <div class="wrap header-row">
                <a class="brand" href="/">
                    <span class="brand-mark" aria-hidden="true">"OCOP"</span>
                    <span class="brand-text">
                        <strong>{t.site_name}</strong>
                        <small>{t.site_owner}</small>
                    </span>
                </a>
                <nav aria-label=t.nav_calendar class="main-nav">
                    <a href="/">{t.nav_home}</a>
                    <a href=paths::CALENDAR>{t.nav_calendar}</a>
                    <a href=paths::ARCHIVE>{t.nav_archive}</a>
                    <a href=paths::PRODUCTS>{lang.tr("Sản phẩm OCOP", "OCOP products")}</a>
                    {match viewer.clone() {
                        None => view! {
                            <a href=paths::LOGIN>{lang.tr("Đăng nhập", "Log in")}</a>
                            <a class="lang-switch" href=switch_href rel="external" hreflang=lang.other().code() lang=lang.other().code()>
                                {t.switch_language}
                            </a>
                        }.into_any(),
                        // signed in: the account remembers the language, so the switch is a form (POST)
                        Some(v) => view! {
                            {if v.role.is_staff() {
                                view! { <a href=paths::STAFF>{lang.tr("Bàn làm việc", "Console")}</a> }.into_any()
                            } else {
                                view! { <a href=paths::PRODUCER>{lang.tr("Đơn vị của tôi", "My organisation")}</a> }.into_any()
                            }}
                            {(v.role == Role::Admin).then(|| view! { <a href=paths::ADMIN>{lang.tr("Quản trị", "Administration")}</a> })}
                            <a href=paths::ACCOUNT class="who" title=v.email.clone()>{v.full_name.clone()}</a>
                            <form method="post" action=switch_href class="inline-form">
                                <button type="submit" class="lang-switch" lang=lang.other().code()>{t.switch_language}</button>
                            </form>
                            <form method="post" action=paths::LOGOUT class="inline-form">
                                <button type="submit" class="nav-button">{lang.tr("Đăng xuất", "Log out")}</button>
                            </form>
                        }.into_any(),
                    }}
                </nav>
            </div>
        </header>
        <main id="main" class="wrap" tabindex="-1">
            {children()}
        </main>
        <footer class="site-footer">
            <div class="wrap">
                <p>{t.footer}</p>
                <p>
                    <a href=paths::SUBSCRIBE>{t.nav_feed}</a>
                    " · "
                    <a href=paths::RESULTS>{lang.tr("Kết quả xúc tiến thương mại", "Trade promotion results")}</a>
                    " · "
                    <a href=paths::PRODUCERS>{lang.tr("Đơn vị có sản phẩm OCOP", "Producers with OCOP products")}</a>
                    " · "
                    <a href=paths::SALE_POINTS>{lang.tr("Điểm bán sản phẩm OCOP", "OCOP points of sale")}</a>
                </p>
            </div>
        </footer>
    }
}
