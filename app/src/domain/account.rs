//! Who a person is to the system: roles, the signed-in viewer, and the rules a sign-up form must
//! meet. Shared by browser and server, so both check the same things.

use serde::{Deserialize, Serialize};

use super::{
    producer::{ProducerKind, TaxCode, TaxCodeError},
    Lang,
};

/// What an account may do. Visitors have no account.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    /// A user of one producer organisation.
    Producer,
    /// Department staff: plan events, review applications.
    Staff,
    /// Manages staff accounts, reference data and settings; can do everything staff can.
    Admin,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Producer, Role::Staff, Role::Admin];

    pub fn code(self) -> &'static str {
        match self {
            Role::Producer => "producer",
            Role::Staff => "staff",
            Role::Admin => "admin",
        }
    }

    pub fn parse(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Role::Producer, Lang::Vi) => "Chủ thể sản xuất",
            (Role::Staff, Lang::Vi) => "Cán bộ",
            (Role::Admin, Lang::Vi) => "Quản trị viên",
            (Role::Producer, Lang::En) => "Producer",
            (Role::Staff, Lang::En) => "Staff",
            (Role::Admin, Lang::En) => "Administrator",
        }
    }

    /// Staff and admins work in the department's console.
    pub fn is_staff(self) -> bool {
        matches!(self, Role::Staff | Role::Admin)
    }

    /// Where this role lands after logging in.
    pub fn home(self) -> &'static str {
        match self {
            Role::Producer => "/doanh-nghiep",
            Role::Staff => "/can-bo",
            Role::Admin => "/quan-tri",
        }
    }
}

/// The signed-in person, as every page and service sees them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    pub user_id: i64,
    pub email: String,
    pub full_name: String,
    pub role: Role,
    /// The organisation of a producer user.
    pub producer_id: Option<i64>,
    pub is_owner: bool,
    pub lang: Lang,
}

/// One problem with one form field, already in the reader's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: &str, message: impl Into<String>) -> FieldError {
        FieldError {
            field: field.to_string(),
            message: message.into(),
        }
    }
}

/// An e-mail address, trimmed and lower-cased. The check is deliberately plain (something@domain.tld);
/// the verification e-mail is the real test.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    pub fn parse(input: &str) -> Option<Email> {
        let s = input.trim().to_lowercase();
        let (local, domain) = s.split_once('@')?;
        let ok = !local.is_empty()
            && s.len() <= 254
            && local.len() <= 64
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && !s
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | ',' | ';' | '"'))
            && !domain.contains('@');
        ok.then_some(Email(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A Vietnamese mobile number: `0` or `+84`, then 3, 5, 7, 8 or 9 and eight digits. Stored as
/// `0xxxxxxxxx`.
pub fn parse_phone(input: &str) -> Option<String> {
    let s: String = input.chars().filter(|c| !matches!(c, ' ' | '.' | '-')).collect();
    let rest = s.strip_prefix("+84").or_else(|| s.strip_prefix('0'))?;
    let ok = rest.len() == 9 && rest.chars().all(|c| c.is_ascii_digit()) && rest.starts_with(['3', '5', '7', '8', '9']);
    ok.then(|| format!("0{rest}"))
}

impl ProducerKind {
    pub const ALL: [ProducerKind; 4] = [
        ProducerKind::Enterprise,
        ProducerKind::Cooperative,
        ProducerKind::CooperativeGroup,
        ProducerKind::Household,
    ];

    pub fn parse(code: &str) -> Option<ProducerKind> {
        ProducerKind::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (ProducerKind::Enterprise, Lang::Vi) => "Doanh nghiệp",
            (ProducerKind::Cooperative, Lang::Vi) => "Hợp tác xã",
            (ProducerKind::CooperativeGroup, Lang::Vi) => "Tổ hợp tác",
            (ProducerKind::Household, Lang::Vi) => "Hộ kinh doanh",
            (ProducerKind::Enterprise, Lang::En) => "Enterprise",
            (ProducerKind::Cooperative, Lang::En) => "Cooperative",
            (ProducerKind::CooperativeGroup, Lang::En) => "Cooperative group",
            (ProducerKind::Household, Lang::En) => "Household business",
        }
    }
}

/// The value of the commune field for an organisation outside the province.
pub const OTHER_PROVINCE: &str = "other";

/// An organisation as typed into the sign-up or invitation form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationForm {
    pub org_name: String,
    pub org_kind: String,
    pub tax_code: String,
    /// A commune id, or [`OTHER_PROVINCE`].
    pub commune: String,
    pub phone: String,
    pub contact_person: String,
}

/// An organisation that passed every check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Organisation {
    pub name: String,
    pub kind: ProducerKind,
    pub tax_code: TaxCode,
    /// `None`: another province.
    pub commune_id: Option<i64>,
    pub phone: String,
    pub contact_person: String,
}

fn required(field: &str, value: &str, max: usize, lang: Lang, errors: &mut Vec<FieldError>) -> String {
    let v = value.trim();
    if v.is_empty() {
        errors.push(FieldError::new(field, lang.a().required));
    } else if v.chars().count() > max {
        errors.push(FieldError::new(field, format!("{} {max}", lang.a().too_long)));
    }
    v.to_string()
}

impl OrganisationForm {
    /// Checks every field and reports every problem at once. Whether the commune exists is the
    /// server's to check.
    pub fn validate(&self, lang: Lang) -> Result<Organisation, Vec<FieldError>> {
        let a = lang.a();
        let mut errors = Vec::new();
        let name = required("org_name", &self.org_name, 200, lang, &mut errors);
        let contact_person = required("contact_person", &self.contact_person, 120, lang, &mut errors);
        let kind = ProducerKind::parse(&self.org_kind);
        if kind.is_none() {
            errors.push(FieldError::new("org_kind", a.choose_one));
        }
        let tax_code = TaxCode::parse(&self.tax_code).map_err(|e| {
            errors.push(FieldError::new(
                "tax_code",
                match e {
                    TaxCodeError::Shape => a.tax_code_shape,
                    TaxCodeError::CheckDigit => a.tax_code_check,
                },
            ))
        });
        // A household business registers with the owner's 12-digit personal ID; the others with a
        // 10 or 13-character tax code.
        if let (Ok(code), Some(kind)) = (&tax_code, kind) {
            let personal_id = code.as_str().len() == 12;
            if personal_id != (kind == ProducerKind::Household) {
                errors.push(FieldError::new("tax_code", a.tax_code_kind));
            }
        }
        let commune_id = match self.commune.trim() {
            OTHER_PROVINCE => Some(None),
            s => s.parse::<i64>().ok().filter(|id| *id > 0).map(Some),
        };
        if commune_id.is_none() {
            errors.push(FieldError::new("commune", a.choose_one));
        }
        let phone = parse_phone(&self.phone);
        if phone.is_none() {
            errors.push(FieldError::new("phone", a.phone_shape));
        }
        match (kind, tax_code, commune_id, phone) {
            (Some(kind), Ok(tax_code), Some(commune_id), Some(phone)) if errors.is_empty() => Ok(Organisation {
                name,
                kind,
                tax_code,
                commune_id,
                phone,
                contact_person,
            }),
            _ => Err(errors),
        }
    }
}

/// One of my sessions, for the account page. Times are already formatted (Vietnamese time).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInfo {
    /// Identifies the session to end it (the stored hash, not the cookie's secret).
    pub id: String,
    pub started: String,
    pub last_seen: String,
    pub device: String,
    pub client_ip: String,
    /// The session this page was loaded with.
    pub current: bool,
}

/// What the account page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountPage {
    pub viewer: Viewer,
    pub organisation: Option<String>,
    pub sessions: Vec<SessionInfo>,
}

/// One line of a user list (admin console, organisation members).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserSummary {
    pub user_id: i64,
    pub email: String,
    pub full_name: String,
    pub role: Role,
    pub organisation: Option<String>,
    pub verified: bool,
    pub disabled: bool,
    pub created: String,
    pub last_seen: Option<String>,
}

/// A message the outbox could not deliver, for admins.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FailedMail {
    pub mail_id: i64,
    pub kind: String,
    pub to_address: String,
    pub subject: String,
    pub attempts: i32,
    pub last_error: String,
    pub updated: String,
}

/// The admin console.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminPage {
    pub users: Vec<UserSummary>,
    pub failed_mail: Vec<FailedMail>,
}

/// The staff console's first screen.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffPage {
    pub producers: i64,
    pub producer_users: i64,
    pub upcoming_events: i64,
    /// The next events (drafts too), soonest first.
    pub upcoming: Vec<crate::domain::planning::StaffEvent>,
    /// Calls open now, the nearest deadline first.
    pub open_calls: Vec<OpenCall>,
}

/// A call for applications that is open now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenCall {
    pub event_id: i64,
    pub title: String,
    /// "20/02/2027 17:00"
    pub closes: String,
    /// The deadline falls within the next seven days.
    pub this_week: bool,
    /// Applications so far: drafts, submitted (not decided yet: submitted or in review), approved.
    #[serde(default)]
    pub drafts: i64,
    #[serde(default)]
    pub submitted: i64,
    #[serde(default)]
    pub approved: i64,
}

/// A producer's organisation and its users.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationPage {
    pub producer_id: i64,
    pub name: String,
    pub kind: ProducerKind,
    pub tax_code: String,
    pub commune: String,
    pub phone: String,
    pub contact_person: String,
    pub members: Vec<UserSummary>,
    /// May the viewer invite others (the owner)?
    pub can_invite: bool,
}

/// Texts of the account pages, e-mails and messages (kept apart from the calendar's [`super::i18n::Texts`]).
pub struct AccountTexts {
    pub required: &'static str,
    pub too_long: &'static str,
    pub choose_one: &'static str,
    pub tax_code_shape: &'static str,
    pub tax_code_check: &'static str,
    pub tax_code_kind: &'static str,
    pub tax_code_taken: &'static str,
    pub phone_shape: &'static str,
    pub email_shape: &'static str,
    pub commune_unknown: &'static str,
    pub login_failed: &'static str,
    pub not_verified: &'static str,
    pub disabled: &'static str,
    pub too_many: &'static str,
    pub link_invalid: &'static str,
    pub sign_in_needed: &'static str,
    pub forbidden: &'static str,
    pub wrong_current_password: &'static str,
    pub email_taken: &'static str,
}

pub static ACCOUNT_VI: AccountTexts = AccountTexts {
    required: "Vui lòng nhập thông tin này.",
    too_long: "Quá dài; tối đa số ký tự:",
    choose_one: "Vui lòng chọn một mục.",
    tax_code_shape: "Mã số thuế gồm 10 chữ số, 10 chữ số kèm -3 chữ số (chi nhánh), hoặc số định danh cá nhân 12 chữ số (hộ kinh doanh).",
    tax_code_check: "Mã số thuế không hợp lệ: chữ số kiểm tra không đúng. Vui lòng kiểm tra lại.",
    tax_code_kind: "Hộ kinh doanh dùng số định danh cá nhân 12 chữ số; doanh nghiệp, hợp tác xã, tổ hợp tác dùng mã số thuế 10 hoặc 13 ký tự.",
    tax_code_taken: "Mã số thuế này đã được đăng ký. Hãy đề nghị chủ tài khoản của đơn vị mời bạn, hoặc liên hệ Sở Công Thương.",
    phone_shape: "Số điện thoại di động gồm 10 chữ số, bắt đầu bằng 03, 05, 07, 08, 09 (hoặc +84).",
    email_shape: "Địa chỉ e-mail không hợp lệ.",
    commune_unknown: "Xã, phường này không có trong danh sách.",
    login_failed: "E-mail hoặc mật khẩu không đúng.",
    not_verified: "Tài khoản chưa được xác minh. Vui lòng mở đường dẫn trong e-mail chúng tôi đã gửi.",
    disabled: "Tài khoản này đã bị khóa. Vui lòng liên hệ Sở Công Thương.",
    too_many: "Bạn đã thử quá nhiều lần. Vui lòng thử lại sau (giây):",
    link_invalid: "Đường dẫn không hợp lệ, đã được dùng hoặc đã hết hạn. Vui lòng yêu cầu một đường dẫn mới.",
    sign_in_needed: "Vui lòng đăng nhập để tiếp tục.",
    forbidden: "Bạn không có quyền thực hiện thao tác này.",
    wrong_current_password: "Mật khẩu hiện tại không đúng.",
    email_taken: "Địa chỉ e-mail này đã có tài khoản.",
};

pub static ACCOUNT_EN: AccountTexts = AccountTexts {
    required: "Please fill this in.",
    too_long: "Too long; at most this many characters:",
    choose_one: "Please choose one.",
    tax_code_shape: "A tax code has 10 digits, 10 digits and -3 digits for a branch, or a 12-digit personal ID for a household business.",
    tax_code_check: "This tax code is not valid: its check digit is wrong. Please check it.",
    tax_code_kind: "A household business uses the owner's 12-digit personal ID; enterprises, cooperatives and cooperative groups use a 10 or 13-character tax code.",
    tax_code_taken: "This tax code is already registered. Ask your organisation's account owner to invite you, or contact the Department.",
    phone_shape: "A mobile number has 10 digits starting with 03, 05, 07, 08 or 09 (or +84).",
    email_shape: "This e-mail address is not valid.",
    commune_unknown: "This commune or ward is not on the list.",
    login_failed: "Wrong e-mail or password.",
    not_verified: "This account is not verified yet. Please open the link in the e-mail we sent you.",
    disabled: "This account has been disabled. Please contact the Department.",
    too_many: "Too many attempts. Please try again in (seconds):",
    link_invalid: "This link is not valid, has been used or has expired. Please ask for a new one.",
    sign_in_needed: "Please log in to continue.",
    forbidden: "You may not do this.",
    wrong_current_password: "The current password is wrong.",
    email_taken: "This e-mail address already has an account.",
};

impl Lang {
    /// The account texts of this language.
    pub fn a(self) -> &'static AccountTexts {
        match self {
            Lang::Vi => &ACCOUNT_VI,
            Lang::En => &ACCOUNT_EN,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> OrganisationForm {
        OrganisationForm {
            org_name: "HTX Cà phê Ea Tu".into(),
            org_kind: "cooperative".into(),
            tax_code: "0100109106".into(),
            commune: "12".into(),
            phone: "0912 345 678".into(),
            contact_person: "Y Bih Niê".into(),
        }
    }

    #[test]
    fn a_good_organisation_passes() {
        let org = form().validate(Lang::Vi).unwrap();
        assert_eq!(org.phone, "0912345678");
        assert_eq!(org.commune_id, Some(12));
        let other = OrganisationForm {
            commune: OTHER_PROVINCE.into(),
            ..form()
        };
        assert_eq!(other.validate(Lang::Vi).unwrap().commune_id, None);
    }

    #[test]
    fn every_bad_field_is_reported_at_once_in_the_readers_language() {
        let bad = OrganisationForm {
            org_name: " ".into(),
            org_kind: "bank".into(),
            tax_code: "0100109107".into(),
            commune: "".into(),
            phone: "012345".into(),
            contact_person: "".into(),
        };
        let errors = bad.validate(Lang::Vi).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            ["org_name", "contact_person", "org_kind", "tax_code", "commune", "phone"]
        );
        assert!(errors[3].message.contains("chữ số kiểm tra"));
        let en = bad.validate(Lang::En).unwrap_err();
        assert!(en[3].message.contains("check digit"));
    }

    #[test]
    fn a_household_uses_a_personal_id_and_only_a_household_does() {
        let household = OrganisationForm {
            org_kind: "household".into(),
            ..form()
        };
        assert_eq!(household.validate(Lang::Vi).unwrap_err()[0].field, "tax_code");
        let with_id = OrganisationForm {
            tax_code: "066123456789".into(),
            ..household
        };
        assert!(with_id.validate(Lang::Vi).is_ok());
        let enterprise_with_id = OrganisationForm {
            org_kind: "enterprise".into(),
            ..with_id
        };
        assert!(enterprise_with_id.validate(Lang::Vi).is_err());
    }

    #[test]
    fn emails_are_lower_cased_and_plainly_checked() {
        assert_eq!(Email::parse(" An@Example.VN ").unwrap().as_str(), "an@example.vn");
        for bad in [
            "", "a", "a@b", "@b.vn", "a@.vn", "a@b..vn", "a b@c.vn", "a@b@c.vn", "<a@b.vn>",
        ] {
            assert!(Email::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn mobile_numbers_follow_the_vietnamese_plan() {
        assert_eq!(parse_phone("+84 912 345 678").as_deref(), Some("0912345678"));
        assert_eq!(parse_phone("0362.123.456").as_deref(), Some("0362123456"));
        for bad in ["0212345678", "091234567", "09123456789", "84912345678", ""] {
            assert!(parse_phone(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn roles_round_trip_and_staff_includes_admins() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.code()), Some(r));
        }
        assert!(Role::Admin.is_staff() && Role::Staff.is_staff() && !Role::Producer.is_staff());
    }
}
