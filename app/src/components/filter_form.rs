//! The calendar's filters: a plain GET form, so it works without JavaScript and every filtered
//! view has a URL to share. After hydration the router takes the submission over (no reload),
//! and changing a list box applies the filters at once.

use leptos::prelude::*;
use leptos_router::components::Form;

use crate::{
    domain::{
        filter::ScopeFilter, reference::FilterOptions, time, CalendarView, EventFilter, EventFormat, EventKind,
        EventLevel,
    },
    pages::use_lang,
};

/// Submits the form when a list box or date changes (browser only; a no-op without JavaScript).
fn submit_on_change(ev: leptos::ev::Event) {
    use leptos::wasm_bindgen::JsCast;
    let Some(target) = ev
        .target()
        .and_then(|t| t.dyn_into::<leptos::web_sys::HtmlElement>().ok())
    else {
        return;
    };
    if !matches!(target.tag_name().as_str(), "SELECT" | "INPUT")
        || target.get_attribute("type").as_deref() == Some("search")
    {
        return;
    }
    if let Some(form) = target
        .closest("form")
        .ok()
        .flatten()
        .and_then(|f| f.dyn_into::<leptos::web_sys::HtmlFormElement>().ok())
    {
        let _ = form.request_submit();
    }
}

#[component]
pub fn FilterForm(filter: EventFilter, options: FilterOptions) -> impl IntoView {
    let lang = use_lang();
    let t = lang.t();
    let date_value = |d: Option<chrono::NaiveDate>| d.map(time::iso_date).unwrap_or_default();
    let reset = if filter.past { "/lich?past=1" } else { "/lich" };
    let month_hidden = filter
        .month
        .filter(|_| filter.view == CalendarView::Month)
        .map(|m| view! { <input type="hidden" name="month" value=time::iso_month(m) /> });
    view! {
        <div class="filters" role="search" on:change=submit_on_change>
            <Form method="GET" action="/lich">
                <fieldset>
                    <legend>{t.filters}</legend>
                    {(filter.view == CalendarView::Month).then(|| view! { <input type="hidden" name="view" value="month" /> })}
                    {month_hidden}
                    {filter.past.then(|| view! { <input type="hidden" name="past" value="1" /> })}
                    <div class="field field-wide">
                        <label for="f-q">{t.filter_search}</label>
                        <input id="f-q" type="search" name="q" value=filter.q.clone().unwrap_or_default() placeholder=t.filter_search_hint maxlength="100" />
                    </div>
                    <div class="field">
                        <label for="f-kind">{t.filter_kind}</label>
                        <select id="f-kind" name="kind">
                            <option value="">{t.any}</option>
                            {EventKind::ALL
                                .iter()
                                .map(|k| view! { <option value=k.code() selected=filter.kind == Some(*k)>{k.label(lang)}</option> })
                                .collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="f-format">{t.filter_format}</label>
                        <select id="f-format" name="format">
                            <option value="">{t.any}</option>
                            {EventFormat::ALL
                                .iter()
                                .map(|k| view! { <option value=k.code() selected=filter.format == Some(*k)>{k.label(lang)}</option> })
                                .collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="f-level">{t.filter_level}</label>
                        <select id="f-level" name="level">
                            <option value="">{t.any}</option>
                            {EventLevel::ALL
                                .iter()
                                .map(|k| view! { <option value=k.code() selected=filter.level == Some(*k)>{k.label(lang)}</option> })
                                .collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="f-scope">{t.filter_scope}</label>
                        <select id="f-scope" name="scope">
                            <option value="">{t.any}</option>
                            <option value="in" selected=filter.scope == Some(ScopeFilter::InProvince)>{t.scope_in_province}</option>
                            <option value="out" selected=filter.scope == Some(ScopeFilter::Elsewhere)>{t.scope_elsewhere}</option>
                        </select>
                    </div>
                    <div class="field">
                        <label for="f-commune">{t.filter_commune}</label>
                        <select id="f-commune" name="commune">
                            <option value="">{t.any}</option>
                            {options
                                .communes
                                .into_iter()
                                .map(|c| {
                                    let selected = filter.commune == Some(c.commune_id);
                                    view! { <option value=c.commune_id.to_string() selected=selected>{c.name}</option> }
                                })
                                .collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="f-group">{t.filter_group}</label>
                        <select id="f-group" name="group">
                            <option value="">{t.any}</option>
                            {options
                                .product_groups
                                .into_iter()
                                .map(|g| {
                                    let selected = filter.group.as_deref() == Some(g.code.as_str());
                                    view! { <option value=g.code selected=selected>{g.name}</option> }
                                })
                                .collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="f-from">{t.filter_from}</label>
                        <input id="f-from" type="date" name="from" value=date_value(filter.from) />
                    </div>
                    <div class="field">
                        <label for="f-to">{t.filter_to}</label>
                        <input id="f-to" type="date" name="to" value=date_value(filter.to) />
                    </div>
                    <div class="actions">
                        <button type="submit">{t.filter_apply}</button>
                        <a class="button-link" href=reset>{t.filter_reset}</a>
                    </div>
                </fieldset>
            </Form>
        </div>
    }
}
