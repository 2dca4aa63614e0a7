//! The account pages: log in, sign up, verify an address, forgotten and new passwords, my account.
//! Each is a lazy route: its code is fetched when the page is first opened.

use leptos::{form::ActionForm, prelude::*};
use leptos_meta::Title;

use crate::context::{use_lang, use_viewer};
use crate::domain::paths;
use crate::pages::{
    page_data::page_data,
    public::not_found::ErrorNotice,
    support::{guarded, lazy_page, query, reload_at},
};
use crate::{
    api::account::{
        get_account, get_communes, ChangePassword, EndSession, ForgotPassword, Login, SetPassword, SignUp, VerifyEmail,
    },
    components::form::{field_error, succeeded, Field, FormError, SelectField},
    domain::{account::OTHER_PROVINCE, producer::ProducerKind},
};

lazy_page!(LoginRoute, LoginPage);
lazy_page!(SignUpRoute, SignUpPage);
lazy_page!(VerifyRoute, VerifyPage);
lazy_page!(ForgotRoute, ForgotPage);
lazy_page!(SetPasswordRoute, SetPasswordPage);
lazy_page!(AccountRoute, AccountPage);

#[component]
fn LoginPage() -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<Login>::new();
    let answer = Signal::from(action.value());
    Effect::new(move |_| {
        if let Some(Ok(target)) = answer.get() {
            reload_at(&target);
        }
    });
    let title = lang.tr("Đăng nhập", "Log in");
    let new_password = query("mat-khau");
    let verified = query("xac-minh");
    view! {
        <Title text=title />
        <section class="narrow">
            <h1>{title}</h1>
            {move || (!new_password.get().is_empty()).then(|| view! {
                <p class="notice success" role="status">{lang.tr("Đã lưu mật khẩu mới. Mời bạn đăng nhập.", "Your new password is saved. Please log in.")}</p>
            })}
            {move || (!verified.get().is_empty()).then(|| view! {
                <p class="notice success" role="status">{lang.tr("Đã xác minh. Tài khoản của bạn đã sẵn sàng.", "Confirmed. Your account is ready.")}</p>
            })}
            {use_viewer().map(|v| view! {
                <p class="notice">{lang.tr("Bạn đang đăng nhập với tài khoản", "You are logged in as")} " " <strong>{v.email}</strong>"."</p>
            })}
            <ActionForm action attr:class="form" attr:novalidate="">
                <FormError answer />
                <Field name="email" kind="email" autocomplete="username" required=true label=lang.tr("E-mail", "E-mail") error=field_error(answer, "email") />
                <Field name="password" kind="password" autocomplete="current-password" required=true label=lang.tr("Mật khẩu", "Password") error=field_error(answer, "password") />
                <button type="submit" class="button" disabled=move || action.pending().get()>{title}</button>
            </ActionForm>
            <p>
                <a href=paths::FORGOT_PASSWORD>{lang.tr("Quên mật khẩu?", "Forgot your password?")}</a>
            </p>
            <p>
                {lang.tr("Chưa có tài khoản?", "No account yet?")} " "
                <a href=paths::SIGN_UP>{lang.tr("Đăng ký cho doanh nghiệp, hợp tác xã, hộ kinh doanh", "Register your enterprise, cooperative or household business")}</a>
            </p>
        </section>
    }
}

/// The organisation fields shared by sign-up and the staff's "register on someone's behalf".
#[component]
pub(crate) fn OrganisationFields<T: Send + Sync + 'static>(
    answer: crate::components::form::Answer<T>,
) -> impl IntoView {
    let lang = use_lang();
    let communes = page_data(|| (), move |_| get_communes(lang));
    let kinds = ProducerKind::ALL
        .into_iter()
        .map(|k| (k.code().to_string(), k.label(lang).to_string()))
        .collect::<Vec<_>>();
    view! {
        <fieldset>
            <legend>{lang.tr("Đơn vị", "Organisation")}</legend>
            <Field name="org_name" required=true label=lang.tr("Tên đơn vị (theo đăng ký kinh doanh)", "Legal name") autocomplete="organization" error=field_error(answer, "org_name") />
            <SelectField name="org_kind" label=lang.tr("Loại hình", "Type") options=kinds placeholder=lang.tr("— Chọn —", "— Choose —") error=field_error(answer, "org_kind") />
            <Field
                name="tax_code"
                required=true
                label=lang.tr("Mã số thuế", "Tax code")
                hint=lang.tr("10 chữ số, hoặc 10-3 chữ số cho chi nhánh; hộ kinh doanh: số định danh cá nhân 12 chữ số.", "10 digits, or 10-3 digits for a branch; household business: 12-digit personal ID.")
                error=field_error(answer, "tax_code")
            />
            <Suspense fallback=move || view! { <p class="loading">{lang.t().loading}</p> }>
                {move || Suspend::new(async move {
                    let mut options = vec![(OTHER_PROVINCE.to_string(), lang.tr("Tỉnh khác", "Another province").to_string())];
                    if let Ok(list) = communes.await {
                        options.extend(list.into_iter().map(|c| (c.commune_id.to_string(), c.name)));
                    }
                    view! {
                        <SelectField name="commune" label=lang.tr("Xã, phường (tỉnh Đắk Lắk)", "Commune or ward (Đắk Lắk)") options placeholder=lang.tr("— Chọn —", "— Choose —") error=field_error(answer, "commune") />
                    }
                })}
            </Suspense>
            <Field name="phone" kind="tel" required=true autocomplete="tel" label=lang.tr("Số điện thoại di động", "Mobile phone") error=field_error(answer, "phone") />
            <Field name="contact_person" required=true autocomplete="name" label=lang.tr("Người liên hệ", "Contact person") error=field_error(answer, "contact_person") />
        </fieldset>
    }
}

#[component]
fn SignUpPage() -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<SignUp>::new();
    let answer = Signal::from(action.value());
    let sent = query("da-gui");
    let ok = succeeded(answer);
    let done = Signal::derive(move || ok.get() || !sent.get().is_empty());
    let title = lang.tr("Đăng ký tài khoản chủ thể sản xuất", "Register a producer account");
    view! {
        <Title text=title />
        <section class="narrow">
            <h1>{title}</h1>
            // hidden, not removed, once done (see components::form)
            <div hidden=move || done.get()>
                    <p class="lead">{lang.tr(
                        "Dành cho doanh nghiệp, hợp tác xã, tổ hợp tác và hộ kinh doanh muốn đăng ký gian hàng tại các hội chợ, triển lãm do Sở Công Thương tổ chức.",
                        "For enterprises, cooperatives, cooperative groups and household businesses that want booths at the Department's fairs and exhibitions.",
                    )}</p>
                    <ActionForm action attr:class="form" attr:novalidate="">
                        <FormError answer />
                        <fieldset>
                            <legend>{lang.tr("Tài khoản", "Account")}</legend>
                            <Field name="full_name" required=true autocomplete="name" label=lang.tr("Họ và tên", "Full name") error=field_error(answer, "full_name") />
                            <Field name="email" kind="email" required=true autocomplete="email" label=lang.tr("E-mail", "E-mail") error=field_error(answer, "email") />
                            <Field
                                name="password"
                                kind="password"
                                required=true
                                autocomplete="new-password"
                                label=lang.tr("Mật khẩu", "Password")
                                hint=lang.tr("Ít nhất 10 ký tự. Nên dùng một cụm từ dễ nhớ, khó đoán.", "At least 10 characters. A memorable, hard-to-guess phrase works best.")
                                error=field_error(answer, "password")
                            />
                        </fieldset>
                        <OrganisationFields answer />
                        <button type="submit" class="button" disabled=move || action.pending().get()>
                            {lang.tr("Đăng ký", "Register")}
                        </button>
                    </ActionForm>
                    <p>{lang.tr("Đã có tài khoản?", "Already registered?")} " " <a href=paths::LOGIN>{lang.tr("Đăng nhập", "Log in")}</a></p>
            </div>
            <div hidden=move || !done.get()>
                <div class="notice success" role="status">
                    <h2>{lang.tr("Vui lòng kiểm tra hộp thư", "Please check your e-mail")}</h2>
                    <p>{lang.tr(
                        "Chúng tôi đã gửi một đường dẫn xác minh tới địa chỉ e-mail bạn nhập. Mở đường dẫn đó (trong vòng 24 giờ) để kích hoạt tài khoản.",
                        "We sent a verification link to the address you gave. Open it (within 24 hours) to activate your account.",
                    )}</p>
                </div>
            </div>
        </section>
    }
}

/// The link in the verification e-mail opens this page; the address is confirmed only when the
/// person presses the button (a POST), so mail scanners that follow links do not use it up.
#[component]
fn VerifyPage() -> impl IntoView {
    let lang = use_lang();
    let token = query("token");
    let action = ServerAction::<VerifyEmail>::new();
    let answer = Signal::from(action.value());
    let done = succeeded(answer);
    let title = lang.tr("Xác minh e-mail", "Confirm your e-mail");
    view! {
        <Title text=title />
        <section class="narrow">
            <h1>{title}</h1>
            // hidden, not removed, once done (see components::form)
            <div hidden=move || done.get()>
                    <ActionForm action attr:class="form">
                        <FormError answer />
                        <input type="hidden" name="token" value=move || token.get() />
                        <p>{lang.tr("Bấm nút dưới đây để xác minh địa chỉ e-mail và kích hoạt tài khoản.", "Press the button to confirm your address and activate your account.")}</p>
                        <button type="submit" class="button">{lang.tr("Xác minh tài khoản", "Confirm my account")}</button>
                    </ActionForm>
            </div>
            <div hidden=move || !done.get()>
                <div class="notice success" role="status">
                    <p>{lang.tr("Đã xác minh. Tài khoản của bạn đã sẵn sàng.", "Confirmed. Your account is ready.")}</p>
                    <p><a class="button" href=paths::LOGIN>{lang.tr("Đăng nhập", "Log in")}</a></p>
                </div>
            </div>
        </section>
    }
}

#[component]
fn ForgotPage() -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<ForgotPassword>::new();
    let answer = Signal::from(action.value());
    let sent = query("da-gui");
    let ok = succeeded(answer);
    let done = Signal::derive(move || ok.get() || !sent.get().is_empty());
    let title = lang.tr("Quên mật khẩu", "Forgotten password");
    view! {
        <Title text=title />
        <section class="narrow">
            <h1>{title}</h1>
            // hidden, not removed, once done (see components::form)
            <div hidden=move || done.get()>
                    <ActionForm action attr:class="form" attr:novalidate="">
                        <FormError answer />
                        <p>{lang.tr("Nhập e-mail của tài khoản; chúng tôi sẽ gửi một đường dẫn đặt lại mật khẩu (hiệu lực 1 giờ).", "Enter your account's e-mail; we will send a link to reset the password (valid 1 hour).")}</p>
                        <Field name="email" kind="email" required=true autocomplete="email" label=lang.tr("E-mail", "E-mail") error=field_error(answer, "email") />
                        <button type="submit" class="button" disabled=move || action.pending().get()>{lang.tr("Gửi đường dẫn", "Send the link")}</button>
                    </ActionForm>
            </div>
            <div hidden=move || !done.get()>
                <div class="notice success" role="status">
                    <p>{lang.tr(
                        "Nếu địa chỉ này có tài khoản, một đường dẫn đặt lại mật khẩu đã được gửi tới đó. Vui lòng kiểm tra hộp thư.",
                        "If this address has an account, a reset link is on its way. Please check your e-mail.",
                    )}</p>
                </div>
            </div>
        </section>
    }
}

/// Reset, invitation and first-password links all land here.
#[component]
fn SetPasswordPage() -> impl IntoView {
    let lang = use_lang();
    let token = query("token");
    let purpose = page_data(move || token.get(), crate::api::account::password_link);
    let action = ServerAction::<SetPassword>::new();
    let answer = Signal::from(action.value());
    let done = succeeded(answer);
    let title = lang.tr("Đặt mật khẩu", "Choose a password");
    view! {
        <Title text=title />
        <section class="narrow">
            <h1>{title}</h1>
            // Once the password is saved the link is used up: the page shows the outcome from
            // then on, whatever the link would answer now.
            // hidden, not removed, once done (see components::form)
            <div hidden=move || done.get()>
                    <Suspense fallback=move || view! { <p class="loading">{lang.t().loading}</p> }>
                        {move || Suspend::new(async move {
                            match purpose.await {
                                Err(error) => view! { <ErrorNotice error /> }.into_any(),
                                Ok(None) => view! {
                                    <div class="notice" role="alert">
                                        <p>{lang.a().link_invalid}</p>
                                        <p><a href=paths::FORGOT_PASSWORD>{lang.tr("Yêu cầu đường dẫn mới", "Ask for a new link")}</a></p>
                                    </div>
                                }.into_any(),
                                Ok(Some(p)) => {
                                    let invited = p == "invite";
                                    view! {
                                        {invited.then(|| view! { <p class="lead">{lang.tr("Chào mừng! Hãy chọn mật khẩu cho tài khoản của bạn.", "Welcome! Choose a password for your account.")}</p> })}
                                        <ActionForm action attr:class="form" attr:novalidate="">
                                            <FormError answer />
                                            <input type="hidden" name="token" value=move || token.get() />
                                            <Field
                                                name="password"
                                                kind="password"
                                                required=true
                                                autocomplete="new-password"
                                                label=lang.tr("Mật khẩu mới", "New password")
                                                hint=lang.tr("Ít nhất 10 ký tự.", "At least 10 characters.")
                                                error=field_error(answer, "password")
                                            />
                                            <button type="submit" class="button">{lang.tr("Lưu mật khẩu", "Save password")}</button>
                                        </ActionForm>
                                    }
                                    .into_any()
                                }
                            }
                        })}
                    </Suspense>
            </div>
            <div hidden=move || !done.get()>
                <div class="notice success" role="status">
                    <p>{lang.tr("Đã lưu mật khẩu mới. Các phiên đăng nhập cũ đã kết thúc.", "Your new password is saved. Older sessions have ended.")}</p>
                    <p><a class="button" href=paths::LOGIN>{lang.tr("Đăng nhập", "Log in")}</a></p>
                </div>
            </div>
        </section>
    }
}

#[component]
fn AccountPage() -> impl IntoView {
    guarded(|_| true, || view! { <MyAccount /> }.into_any())
}

#[component]
fn MyAccount() -> impl IntoView {
    let lang = use_lang();
    let change = ServerAction::<ChangePassword>::new();
    let end = ServerAction::<EndSession>::new();
    let data = page_data(move || (end.version().get(), change.version().get()), |_| get_account());
    let answer = Signal::from(change.value());
    let changed = succeeded(answer);
    let title = lang.tr("Tài khoản của tôi", "My account");
    view! {
        <Title text=title />
        <h1>{title}</h1>
        <Suspense fallback=move || view! { <p class="loading">{lang.t().loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    Ok(page) => {
                        let v = page.viewer;
                        view! {
                            <dl class="facts">
                                <div class="fact"><dt>{lang.tr("Họ và tên", "Name")}</dt><dd>{v.full_name.clone()}</dd></div>
                                <div class="fact"><dt>{lang.tr("E-mail", "E-mail")}</dt><dd>{v.email.clone()}</dd></div>
                                <div class="fact"><dt>{lang.tr("Vai trò", "Role")}</dt><dd>{v.role.label(lang)}</dd></div>
                                {page.organisation.map(|o| view! { <div class="fact"><dt>{lang.tr("Đơn vị", "Organisation")}</dt><dd>{o}</dd></div> })}
                                <div class="fact">
                                    <dt>{lang.tr("Ngôn ngữ", "Language")}</dt>
                                    <dd>{v.lang.tr("Tiếng Việt", "English")}
                                        " · " {lang.tr("đổi bằng nút ngôn ngữ ở đầu trang; e-mail sẽ gửi bằng ngôn ngữ này.", "change it with the language button at the top; e-mails follow it.")}
                                    </dd>
                                </div>
                            </dl>
                            <section aria-labelledby="sessions-title">
                                <h2 id="sessions-title">{lang.tr("Phiên đăng nhập", "Sessions")}</h2>
                                <table class="table">
                                    <thead><tr>
                                        <th>{lang.tr("Thiết bị", "Device")}</th>
                                        <th>{lang.tr("Địa chỉ IP", "IP address")}</th>
                                        <th>{lang.tr("Bắt đầu", "Started")}</th>
                                        <th>{lang.tr("Lần cuối", "Last active")}</th>
                                        <th></th>
                                    </tr></thead>
                                    <tbody>
                                        {page.sessions.into_iter().map(|s| view! {
                                            <tr>
                                                <td>{s.device}</td>
                                                <td>{s.client_ip}</td>
                                                <td>{s.started}</td>
                                                <td>{s.last_seen}</td>
                                                <td>{if s.current {
                                                    view! { <span class="badge">{lang.tr("Phiên này", "This session")}</span> }.into_any()
                                                } else {
                                                    view! {
                                                        <ActionForm action=end>
                                                            <input type="hidden" name="id" value=s.id />
                                                            <button type="submit" class="button-link">{lang.tr("Kết thúc", "End")}</button>
                                                        </ActionForm>
                                                    }.into_any()
                                                }}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </section>
                        }.into_any()
                    }
                }
            })}
        </Suspense>
        <section aria-labelledby="password-title" class="narrow">
            <h2 id="password-title">{lang.tr("Đổi mật khẩu", "Change password")}</h2>
            {move || changed.get().then(|| view! {
                <p class="notice success" role="status">{lang.tr("Đã đổi mật khẩu. Các phiên đăng nhập khác đã kết thúc.", "Password changed. Your other sessions have ended.")}</p>
            })}
            <ActionForm action=change attr:class="form" attr:novalidate="">
                <FormError answer />
                <Field name="current_password" kind="password" required=true autocomplete="current-password" label=lang.tr("Mật khẩu hiện tại", "Current password") error=field_error(answer, "current_password") />
                <Field name="new_password" kind="password" required=true autocomplete="new-password" label=lang.tr("Mật khẩu mới", "New password") hint=lang.tr("Ít nhất 10 ký tự.", "At least 10 characters.") error=field_error(answer, "new_password") />
                <button type="submit" class="button">{lang.tr("Đổi mật khẩu", "Change password")}</button>
            </ActionForm>
        </section>
        <form method="post" action=paths::LOGOUT class="logout-form">
            <button type="submit" class="button secondary">{lang.tr("Đăng xuất", "Log out")}</button>
        </form>
    }
}
