//! Form pieces shared by the account and console pages: a labelled field that shows its own
//! error, a select, and the banner for errors that belong to no field.

use leptos::prelude::*;

use crate::{api::ApiError, context::use_lang};

/// What a server action last answered: `Signal::from(action.value())`.
pub type Answer<T> = Signal<Option<Result<T, ApiError>>>;

/// The message for field `name` in the action's last answer.
pub fn field_error<T: Send + Sync + 'static>(answer: Answer<T>, name: impl Into<String>) -> Signal<Option<String>> {
    let name = name.into();
    Signal::derive(move || answer.with(|a| a.as_ref().and_then(|r| r.as_ref().err()).and_then(|e| e.field(&name))))
}

/// Did the action last succeed?
pub fn succeeded<T: Send + Sync + 'static>(answer: Answer<T>) -> Signal<bool> {
    Signal::derive(move || answer.with(|a| matches!(a, Some(Ok(_)))))
}

/// Empties an add form once its action has succeeded, so that a second click does not add the
/// same thing twice (a plain form without JavaScript comes back empty from its redirect anyway).
pub fn clear_after_success<T: Send + Sync + 'static>(form: NodeRef<leptos::html::Form>, answer: Answer<T>) {
    Effect::new(move |_| {
        if answer.with(|a| matches!(a, Some(Ok(_)))) {
            if let Some(form) = form.get_untracked() {
                form.reset();
            }
        }
    });
}

// A form that gives way to its outcome must stay mounted and be hidden (`hidden=move || done`),
// not be removed: a `<Show>` that dropped the form when its action answered disposed signals its
// fields still read in that update, a panic in the browser after which no link on the page
// worked. Each page writes the two `hidden` wrappers itself: as a component shared by lazy
// routes, wasm-split moved it and what it uses into the main module (+30 KB gzipped, measured).

#[component]
pub fn Field(
    name: &'static str,
    label: &'static str,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] value: Option<String>,
    /// The element id, when `f-{name}` would not be unique on the page.
    #[prop(optional, into)]
    id: Option<String>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let id = id.unwrap_or_else(|| format!("f-{name}"));
    let described = format!("{id}-msg");
    view! {
        <div class="field" class:invalid=move || error.with(Option::is_some)>
            <label for=id.clone()>{label}</label>
            <input
                id=id
                name=name
                type=kind
                autocomplete=autocomplete
                required=required
                value=value
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=described.clone()
            />
            <p class="field-msg" id=described>
                {move || match error.get() {
                    Some(e) => view! { <span class="field-error">{e}</span> }.into_any(),
                    None => view! { <span class="hint">{hint}</span> }.into_any(),
                }}
            </p>
        </div>
    }
}

#[component]
pub fn SelectField(
    name: &'static str,
    label: &'static str,
    /// (value, text)
    options: Vec<(String, String)>,
    #[prop(optional)] placeholder: Option<&'static str>,
    #[prop(optional, into)] selected: Option<String>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let id = format!("f-{name}");
    let described = format!("{id}-msg");
    let selected = selected.unwrap_or_default();
    view! {
        <div class="field" class:invalid=move || error.with(Option::is_some)>
            <label for=id.clone()>{label}</label>
            <select
                id=id
                name=name
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=described.clone()
            >
                {placeholder.map(|p| view! { <option value="">{p}</option> })}
                {options
                    .into_iter()
                    .map(|(value, text)| {
                        let is = value == selected;
                        view! { <option value=value selected=is>{text}</option> }
                    })
                    .collect_view()}
            </select>
            <p class="field-msg field-error" id=described>{move || error.get()}</p>
        </div>
    }
}

/// The error of an action that belongs to no field (wrong password, throttled, server down…).
#[component]
pub fn FormError<T: Send + Sync + 'static>(answer: Answer<T>) -> impl IntoView {
    let lang = use_lang();
    let message = move || {
        answer.with(|a| match a {
            Some(Err(ApiError::Fields(_))) => Some(
                lang.tr("Vui lòng sửa các ô được đánh dấu.", "Please correct the marked fields.")
                    .to_string(),
            ),
            Some(Err(e)) => Some(e.message(lang)),
            _ => None,
        })
    };
    view! {
        <div class="form-error" role="alert">
            {move || message().map(|m| view! { <p>{m}</p> })}
        </div>
    }
}

/// `f-deals-n0-value` for `[deals][n0][value]`.
pub fn row_field_id(name: &str) -> String {
    format!(
        "f-{}",
        name.trim_start_matches('[').trim_end_matches(']').replace("][", "-")
    )
}

/// A text input of a row of a form whose fields are named `form[…]`, with its label and the
/// message beside it. `kind` is an input type, or "number" for a whole number typed as text
/// (grouped by thousands, so not `type=number`).
pub fn row_input(
    name: String,
    label: String,
    value: String,
    error: Signal<Option<String>>,
    kind: &'static str,
) -> AnyView {
    let id = row_field_id(&name);
    let msg = format!("{id}-msg");
    view! {
        <div class="field" class:invalid=move || error.with(Option::is_some)>
            <label for=id.clone()>{label}</label>
            <input
                id=id
                name=format!("form{name}")
                type=if kind == "number" { "text" } else { kind }
                value=value
                inputmode=(kind == "number").then_some("numeric")
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=msg.clone()
            />
            <p class="field-msg field-error" id=msg>{move || error.get()}</p>
        </div>
    }
    .into_any()
}

/// A list box of a row.
pub fn row_select(
    name: String,
    label: String,
    options: Vec<(String, String)>,
    selected: String,
    error: Signal<Option<String>>,
) -> AnyView {
    let id = row_field_id(&name);
    let msg = format!("{id}-msg");
    view! {
        <div class="field" class:invalid=move || error.with(Option::is_some)>
            <label for=id.clone()>{label}</label>
            <select id=id name=format!("form{name}") aria-describedby=msg.clone()>
                {options.into_iter().map(|(value, text)| {
                    let is = value == selected;
                    view! { <option value=value selected=is>{text}</option> }
                }).collect_view()}
            </select>
            <p class="field-msg field-error" id=msg>{move || error.get()}</p>
        </div>
    }
    .into_any()
}
