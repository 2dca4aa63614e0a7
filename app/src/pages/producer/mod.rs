//! The producer's console (`/doanh-nghiep`): the organisation, its applications, buyers'
//! inquiries, profile and catalogue, and its users; and the application form (`apply`). Lazy routes; each checks the role
//! before asking the server (which checks again).

pub mod apply;
pub mod catalogue;
pub mod inquiries;
pub mod report;

use leptos::{form::ActionForm, prelude::*};
use leptos_meta::Title;

use crate::context::use_lang;
use crate::{
    api::account::{get_organisation, InviteMember},
    components::{
        form::{field_error, succeeded, Field, FormError},
        user_table::UserTable,
    },
    domain::account::Role,
    pages::{
        page_data::page_data,
        public::not_found::ErrorNotice,
        support::{guarded, lazy_page},
    },
};

lazy_page!(ProducerConsoleRoute, ProducerConsole);

#[component]
fn ProducerConsole() -> impl IntoView {
    guarded(|r| r == Role::Producer, || view! { <Organisation /> }.into_any())
}

#[component]
fn Organisation() -> impl IntoView {
    let lang = use_lang();
    let invite = ServerAction::<InviteMember>::new();
    let data = page_data(move || invite.version().get(), |_| get_organisation());
    let answer = Signal::from(invite.value());
    let invited = succeeded(answer);
    view! {
        <Title text=lang.tr("Đơn vị của tôi", "My organisation") />
        <Suspense fallback=move || view! { <p class="loading">{lang.t().loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    Ok(org) => view! {
                        <h1>{org.name.clone()}</h1>
                        <dl class="facts">
                            <div class="fact"><dt>{lang.tr("Loại hình", "Type")}</dt><dd>{org.kind.label(lang)}</dd></div>
                            <div class="fact"><dt>{lang.tr("Mã số thuế", "Tax code")}</dt><dd>{org.tax_code.clone()}</dd></div>
                            <div class="fact"><dt>{lang.tr("Địa bàn", "Location")}</dt><dd>{org.commune.clone()}</dd></div>
                            <div class="fact"><dt>{lang.tr("Điện thoại", "Phone")}</dt><dd>{org.phone.clone()}</dd></div>
                            <div class="fact"><dt>{lang.tr("Người liên hệ", "Contact person")}</dt><dd>{org.contact_person.clone()}</dd></div>
                        </dl>
                        <apply::MyApplicationsSection />
                        <inquiries::InquiriesSection />
                        <catalogue::ProfileEditor />
                        <catalogue::ProductCatalogue />
                        <section aria-labelledby="members-title">
                            <h2 id="members-title">{lang.tr("Người dùng của đơn vị", "Users of the organisation")}</h2>
                            <UserTable users=org.members.clone() show_org=false />
                        </section>
                        {org.can_invite.then(|| view! {
                            <section aria-labelledby="invite-title" class="narrow">
                                <h2 id="invite-title">{lang.tr("Mời thêm người dùng", "Invite a colleague")}</h2>
                                {move || invited.get().then(|| view! { <p class="notice success" role="status">{lang.tr("Đã gửi lời mời.", "Invitation sent.")}</p> })}
                                <ActionForm action=invite attr:class="form" attr:novalidate="">
                                    <FormError answer />
                                    <Field name="full_name" required=true label=lang.tr("Họ và tên", "Full name") error=field_error(answer, "full_name") />
                                    <Field name="email" kind="email" required=true label=lang.tr("E-mail", "E-mail") error=field_error(answer, "email") />
                                    <button type="submit" class="button">{lang.tr("Gửi lời mời", "Send invitation")}</button>
                                </ActionForm>
                            </section>
                        })}
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}
