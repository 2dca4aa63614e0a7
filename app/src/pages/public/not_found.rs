//! The 404 page, in the reader's language.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::context::use_lang;
use crate::domain::paths;

#[component]
pub fn NotFound() -> impl IntoView {
    super::super::response::not_found();
    let t = use_lang().t();
    view! {
        <Title text=t.not_found_title />
        <section class="message">
            <h1>{t.not_found_title}</h1>
            <p>{t.not_found_body}</p>
            <p>
                <a href=paths::CALENDAR>{t.nav_calendar}</a>
                " · "
                <a href="/">{t.nav_home}</a>
            </p>
        </section>
    }
}

/// Shown when a server function failed: the message only, never internals.
#[component]
pub fn ErrorNotice(error: crate::api::ApiError) -> impl IntoView {
    let lang = use_lang();
    super::super::response::set_status_code(error.status());
    view! {
        <section class="message" role="alert">
            <h2>{lang.t().error_title}</h2>
            <p>{error.message(lang)}</p>
        </section>
    }
}
