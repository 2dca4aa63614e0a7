//! Who a person is to the system: roles, the signed-in viewer, and the rules a sign-up form must
//! meet. Shared by browser and server, so both check the same things.

use serde::{Deserialize, Serialize};

use super::{
    producer::{ProducerKind, TaxCode, TaxCodeError},
    Lang,
};
use crate::domain::paths;

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
            Role::Producer => paths::PRODUCER,
            Role::Staff => paths::STAFF,
            Role::Admin => paths::ADMIN,
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
