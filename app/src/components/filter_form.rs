//! The calendar's filters: a plain GET form, so it works without JavaScript and every filtered
//! view has a URL to share. After hydration the router takes the submission over (no reload),
//! and changing a list box applies the filters at once.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::domain::paths;
use crate::{
    context::use_lang,
    domain::{
        filter::ScopeFilter, reference::FilterOptions, time, CalendarView, EventFilter, EventFormat, EventKind,
        EventLevel,
    },
};

/// Submits the form when a list box or date changes (browser only; a no-op without JavaScript).
pub(crate) fn submit_on_change(ev: leptos::ev::Event) {
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

/// The address a submission of the form leads to, leaving out what says nothing: the filters left
/// empty (`?kind=fair`, not `?q=&kind=fair&format=…`). `None` where the browser cannot say.
fn filtered_address(form: &leptos::web_sys::HtmlFormElement) -> Option<String> {
    let data = leptos::web_sys::FormData::new_with_form(form).ok()?;
    for name in [
        "q", "kind", "format", "level", "scope", "commune", "group", "from", "to",
    ] {
        if data.get(name).as_string().is_some_and(|v| v.is_empty()) {
            data.delete(name);
        }
    }
    let query = String::from(
        leptos::web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data)
            .ok()?
            .to_string(),
    );
    Some(if query.is_empty() {
        paths::CALENDAR.to_string()
    } else {
        format!("{}?{query}", paths::CALENDAR)
    })
}

/// One choice of a list box: value, label, whether it is the current one.
pub(crate) type Choice = (String, String, bool);

/// The choices for a coded enum, with the current value selected.
fn coded<T: Copy + PartialEq>(
    all: &[T],
    current: Option<T>,
    code: fn(T) -> &'static str,
    label: impl Fn(T) -> &'static str,
) -> Vec<Choice> {
    all.iter()
        .map(|v| (code(*v).to_string(), label(*v).to_string(), current == Some(*v)))
        .collect()
}

/// The choices of the product-group list box of the directories, `chosen` selected.
pub(crate) fn group_choices(groups: &[crate::domain::reference::ProductGroup], chosen: Option<&str>) -> Vec<Choice> {
    groups
        .iter()
        .map(|g| (g.code.clone(), g.name.clone(), chosen == Some(g.code.as_str())))
        .collect()
}

/// The choices of a commune list box of the directories: (id, name), `chosen` selected.
pub(crate) fn commune_choices(communes: &[(i64, String)], chosen: Option<i64>) -> Vec<Choice> {
    communes
        .iter()
        .map(|(id, n)| (id.to_string(), n.clone(), chosen == Some(*id)))
        .collect()
}

/// A labelled list box whose first choice, "any", sends an empty value. One function for all six,
/// so the browser bundle carries one copy of this view.
pub(crate) fn choice(
    id: &'static str,
    name: &'static str,
    label: &'static str,
    any: &'static str,
    choices: Vec<Choice>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id name=name>
                <option value="">{any}</option>
                {choices
                    .into_iter()
                    .map(|(value, text, selected)| view! { <option value=value selected=selected>{text}</option> })
                    .collect_view()}
            </select>
        </div>
    }
}

#[component]
pub fn FilterForm(filter: EventFilter, options: FilterOptions) -> impl IntoView {
    let lang = use_lang();
    let t = lang.t();
    let date_value = |d: Option<chrono::NaiveDate>| d.map(time::iso_date).unwrap_or_default();
    let reset = if filter.past { paths::ARCHIVE } else { paths::CALENDAR };
    let month_hidden = filter
        .month
        .filter(|_| filter.view == CalendarView::Month)
        .map(|m| view! { <input type="hidden" name="month" value=time::iso_month(m) /> });
    let scopes = vec![
        (
            "in".to_string(),
            t.scope_in_province.to_string(),
            filter.scope == Some(ScopeFilter::InProvince),
        ),
        (
            "out".to_string(),
            t.scope_elsewhere.to_string(),
            filter.scope == Some(ScopeFilter::Elsewhere),
        ),
    ];
    let communes = options
        .communes
        .into_iter()
        .map(|c| (c.commune_id.to_string(), c.name, filter.commune == Some(c.commune_id)))
        .collect();
    let groups = options
        .product_groups
        .into_iter()
        .map(|g| {
            let selected = filter.group.as_deref() == Some(g.code.as_str());
            (g.code, g.name, selected)
        })
        .collect();
    // the router's own <Form> would do this too, but brings some 10 KB of general form handling
    // into the bundle every page loads
    let navigate = use_navigate();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        use leptos::wasm_bindgen::JsCast;
        let form = ev
            .target()
            .and_then(|t| t.dyn_into::<leptos::web_sys::HtmlFormElement>().ok());
        if let Some(address) = form.as_ref().and_then(filtered_address) {
            ev.prevent_default();
            navigate(&address, Default::default());
        }
    };
    view! {
        <div class="filters" role="search" on:change=submit_on_change>
            <form method="get" action=paths::CALENDAR on:submit=submit>
                <fieldset>
                    <legend>{t.filters}</legend>
                    {(filter.view == CalendarView::Month).then(|| view! { <input type="hidden" name="view" value="month" /> })}
                    {month_hidden}
                    {filter.past.then(|| view! { <input type="hidden" name="past" value="1" /> })}
                    <div class="field field-wide">
                        <label for="f-q">{t.filter_search}</label>
                        <input id="f-q" type="search" name="q" value=filter.q.clone().unwrap_or_default() placeholder=t.filter_search_placeholder maxlength="100" aria-describedby="f-q-hint" />
                        <p class="field-hint" id="f-q-hint">{t.filter_search_hint}</p>
                    </div>
                    {choice("f-kind", "kind", t.filter_kind, t.any, coded(EventKind::ALL, filter.kind, EventKind::code, |k| k.label(lang)))}
                    {choice("f-format", "format", t.filter_format, t.any, coded(EventFormat::ALL, filter.format, EventFormat::code, |k| k.label(lang)))}
                    {choice("f-level", "level", t.filter_level, t.any, coded(EventLevel::ALL, filter.level, EventLevel::code, |k| k.label(lang)))}
                    {choice("f-scope", "scope", t.filter_scope, t.any, scopes)}
                    {choice("f-commune", "commune", t.filter_commune, t.any, communes)}
                    {choice("f-group", "group", t.filter_group, t.any, groups)}
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
            </form>
        </div>
    }
}
