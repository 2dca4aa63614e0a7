//! The two languages of the interface. Vietnamese first, English second.
//!
//! **The rule for texts.** Every visible text is written in both languages where the compiler
//! sees both, so a missing translation is a compile error, never a blank:
//! - a text used in one place is written there, side by side: `lang.tr("Đăng nhập", "Log in")`
//!   (`tr_owned` when it must be a `String`);
//! - a text used in several places has a name in a table of this file: [`Texts`] (`lang.t()`,
//!   the site: navigation, calendar, feed) and [`AccountTexts`] (`lang.a()`, the messages of
//!   validation and access, shared by the domain's checks, the services and the pages);
//! - what differs by more than its words — a date's shape, a number's separators, an e-mail's
//!   body with its placeholders — is one `match lang` inside the function that formats it
//!   (`domain::time`, `domain::booths::money`, `backend::templates`).
//!
//! Data in two languages (an event's title, a product group's name) comes from the database:
//! [`Lang::pick`] falls back to the Vietnamese when the English is missing.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    pub const COOKIE: &'static str = "lang";

    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// Unknown codes give `None`; callers fall back to Vietnamese.
    pub fn parse(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "vi" | "vi-vn" => Some(Lang::Vi),
            "en" | "en-us" | "en-gb" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Vi => Lang::En,
            Lang::En => Lang::Vi,
        }
    }

    pub fn t(self) -> &'static Texts {
        match self {
            Lang::Vi => &VI,
            Lang::En => &EN,
        }
    }

    /// Reads the language from a `Cookie` header value.
    pub fn from_cookie_header(header: &str) -> Option<Lang> {
        header
            .split(';')
            .filter_map(|kv| kv.trim().split_once('='))
            .find(|(k, _)| *k == Self::COOKIE)
            .and_then(|(_, v)| Lang::parse(v))
    }

    /// Picks between a Vietnamese and an English text written side by side (pages with few strings
    /// of their own; both languages are required at every call).
    pub fn tr(self, vi: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }

    /// Like [`Lang::tr`] for texts that end up owned.
    pub fn tr_owned(self, vi: &str, en: &str) -> String {
        self.tr_any(vi, en).to_string()
    }

    fn tr_any<'a>(self, vi: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }

    /// Picks the text of this language, falling back to Vietnamese when the English is missing.
    pub fn pick<'a>(self, vi: &'a str, en: Option<&'a str>) -> &'a str {
        match (self, en) {
            (Lang::En, Some(en)) if !en.trim().is_empty() => en,
            _ => vi,
        }
    }
}

pub struct Texts {
    pub site_name: &'static str,
    /// The public calendar's name: in feeds, the frame for other sites, the code to copy.
    pub calendar_name: &'static str,
    pub site_owner: &'static str,
    pub skip_to_content: &'static str,
    pub nav_home: &'static str,
    pub nav_calendar: &'static str,
    pub nav_archive: &'static str,
    pub nav_feed: &'static str,
    pub switch_language: &'static str,
    pub home_lead: &'static str,
    pub home_next_fair: &'static str,
    pub home_upcoming: &'static str,
    pub home_see_all: &'static str,
    pub home_none: &'static str,
    pub calendar_title: &'static str,
    pub archive_title: &'static str,
    pub view_list: &'static str,
    pub view_month: &'static str,
    pub filters: &'static str,
    pub filter_kind: &'static str,
    pub filter_format: &'static str,
    pub filter_level: &'static str,
    pub filter_scope: &'static str,
    pub scope_in_province: &'static str,
    pub scope_elsewhere: &'static str,
    pub filter_commune: &'static str,
    pub filter_group: &'static str,
    pub filter_from: &'static str,
    pub filter_to: &'static str,
    pub filter_search: &'static str,
    pub filter_search_hint: &'static str,
    pub filter_search_placeholder: &'static str,
    pub filter_apply: &'static str,
    pub filter_reset: &'static str,
    pub any: &'static str,
    pub no_events: &'static str,
    pub events_found: &'static str,
    pub prev_month: &'static str,
    pub next_month: &'static str,
    pub show_past: &'static str,
    pub subscribe: &'static str,
    pub subscribe_hint: &'static str,
    pub when: &'static str,
    pub where_: &'static str,
    pub format: &'static str,
    pub level: &'static str,
    pub kind: &'static str,
    pub organiser: &'static str,
    pub product_groups: &'static str,
    pub online_at: &'static str,
    pub open_map: &'static str,
    pub add_to_calendar: &'static str,
    pub google_calendar: &'static str,
    pub back_to_calendar: &'static str,
    pub about_event: &'static str,
    pub status: &'static str,
    pub other_province: &'static str,
    pub abroad: &'static str,
    pub province_name: &'static str,
    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub error_title: &'static str,
    pub error_body: &'static str,
    pub error_reference: &'static str,
    pub loading: &'static str,
    pub footer: &'static str,
    pub demo_notice: &'static str,
}

pub static VI: Texts = Texts {
    site_name: "Xúc tiến Thương mại Đắk Lắk",
    calendar_name: "Lịch xúc tiến thương mại Đắk Lắk",
    site_owner: "Sở Công Thương tỉnh Đắk Lắk",
    skip_to_content: "Chuyển đến nội dung chính",
    nav_home: "Trang chủ",
    nav_calendar: "Lịch sự kiện",
    nav_archive: "Sự kiện đã qua",
    nav_feed: "Đăng ký lịch (iCal)",
    switch_language: "English",
    home_lead: "Hội chợ, triển lãm, hội nghị kết nối cung cầu và phiên livestream bán hàng quảng bá sản phẩm OCOP và đặc sản Đắk Lắk, trong và ngoài tỉnh.",
    home_next_fair: "Hội chợ sắp diễn ra",
    home_upcoming: "Sự kiện sắp tới",
    home_see_all: "Xem toàn bộ lịch sự kiện",
    home_none: "Hiện chưa có sự kiện sắp tới.",
    calendar_title: "Lịch sự kiện xúc tiến thương mại",
    archive_title: "Sự kiện đã qua",
    view_list: "Danh sách",
    view_month: "Lịch tháng",
    filters: "Bộ lọc",
    filter_kind: "Loại sự kiện",
    filter_format: "Hình thức",
    filter_level: "Cấp",
    filter_scope: "Địa bàn",
    scope_in_province: "Trong tỉnh",
    scope_elsewhere: "Ngoài tỉnh và nước ngoài",
    filter_commune: "Xã, phường",
    filter_group: "Nhóm sản phẩm",
    filter_from: "Từ ngày",
    filter_to: "Đến ngày",
    filter_search: "Tìm kiếm",
    filter_search_hint: "Gõ không dấu cũng được.",
    filter_search_placeholder: "Tên sự kiện, địa điểm…",
    filter_apply: "Lọc",
    filter_reset: "Bỏ lọc",
    any: "Tất cả",
    no_events: "Không có sự kiện nào phù hợp.",
    events_found: "sự kiện",
    prev_month: "Tháng trước",
    next_month: "Tháng sau",
    show_past: "Xem sự kiện đã qua",
    subscribe: "Đăng ký lịch này vào điện thoại",
    subscribe_hint: "Dán địa chỉ này vào ứng dụng lịch (Google Calendar, Lịch của iPhone, Outlook) để tự cập nhật.",
    when: "Thời gian",
    where_: "Địa điểm",
    format: "Hình thức",
    level: "Cấp",
    kind: "Loại",
    organiser: "Đơn vị tổ chức",
    product_groups: "Nhóm sản phẩm",
    online_at: "Trực tuyến tại",
    open_map: "Xem bản đồ",
    add_to_calendar: "Thêm vào lịch (.ics)",
    google_calendar: "Thêm vào Google Calendar",
    back_to_calendar: "← Quay lại lịch sự kiện",
    about_event: "Giới thiệu",
    status: "Trạng thái",
    other_province: "Ngoài tỉnh",
    abroad: "Nước ngoài",
    province_name: "tỉnh Đắk Lắk",
    not_found_title: "Không tìm thấy trang",
    not_found_body: "Trang hoặc sự kiện bạn tìm không tồn tại hoặc đã bị gỡ.",
    error_title: "Đã có lỗi xảy ra",
    error_body: "Hệ thống đang bận, vui lòng thử lại sau ít phút.",
    error_reference: "Mã tham chiếu",
    loading: "Đang tải…",
    footer: "Sở Công Thương tỉnh Đắk Lắk — Trung tâm Xúc tiến Thương mại",
    demo_notice: "Dữ liệu minh họa",
};

pub static EN: Texts = Texts {
    site_name: "Đắk Lắk Trade Promotion",
    calendar_name: "Đắk Lắk trade promotion calendar",
    site_owner: "Đắk Lắk Department of Industry and Trade",
    skip_to_content: "Skip to main content",
    nav_home: "Home",
    nav_calendar: "Event calendar",
    nav_archive: "Past events",
    nav_feed: "Subscribe (iCal)",
    switch_language: "Tiếng Việt",
    home_lead: "Fairs, exhibitions, supply–demand connection conferences and livestream sales sessions promoting Đắk Lắk's OCOP and specialty products, in the province and beyond.",
    home_next_fair: "Next fair",
    home_upcoming: "Coming up",
    home_see_all: "See the whole calendar",
    home_none: "No upcoming events yet.",
    calendar_title: "Trade promotion event calendar",
    archive_title: "Past events",
    view_list: "List",
    view_month: "Month",
    filters: "Filters",
    filter_kind: "Kind of event",
    filter_format: "Format",
    filter_level: "Level",
    filter_scope: "Where",
    scope_in_province: "In the province",
    scope_elsewhere: "Elsewhere and abroad",
    filter_commune: "Commune or ward",
    filter_group: "Product group",
    filter_from: "From",
    filter_to: "To",
    filter_search: "Search",
    filter_search_hint: "Diacritics are optional.",
    filter_search_placeholder: "Event name, place…",
    filter_apply: "Apply",
    filter_reset: "Clear filters",
    any: "Any",
    no_events: "No events match.",
    events_found: "events",
    prev_month: "Previous month",
    next_month: "Next month",
    show_past: "See past events",
    subscribe: "Subscribe to this calendar on your phone",
    subscribe_hint: "Paste this address into your calendar app (Google Calendar, iPhone Calendar, Outlook) to keep it up to date.",
    when: "When",
    where_: "Where",
    format: "Format",
    level: "Level",
    kind: "Kind",
    organiser: "Organiser",
    product_groups: "Product groups",
    online_at: "Online at",
    open_map: "Open map",
    add_to_calendar: "Add to calendar (.ics)",
    google_calendar: "Add to Google Calendar",
    back_to_calendar: "← Back to the calendar",
    about_event: "About",
    status: "Status",
    other_province: "Outside the province",
    abroad: "Abroad",
    province_name: "Đắk Lắk province",
    not_found_title: "Page not found",
    not_found_body: "The page or event you are looking for does not exist or has been removed.",
    error_title: "Something went wrong",
    error_body: "The system is busy; please try again in a few minutes.",
    error_reference: "Reference",
    loading: "Loading…",
    footer: "Đắk Lắk Department of Industry and Trade — Trade Promotion Centre",
    demo_notice: "Demo data",
};

/// Texts of the account pages, e-mails and messages (validation and access messages).
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

    #[test]
    fn the_language_cookie_is_found_among_others() {
        assert_eq!(Lang::from_cookie_header("a=1; lang=en; b=2"), Some(Lang::En));
        assert_eq!(Lang::from_cookie_header("lang=xx"), None);
        assert_eq!(Lang::from_cookie_header(""), None);
    }

    #[test]
    fn english_falls_back_to_vietnamese_when_missing() {
        assert_eq!(Lang::En.pick("Hội chợ", None), "Hội chợ");
        assert_eq!(Lang::En.pick("Hội chợ", Some(" ")), "Hội chợ");
        assert_eq!(Lang::En.pick("Hội chợ", Some("Fair")), "Fair");
        assert_eq!(Lang::Vi.pick("Hội chợ", Some("Fair")), "Hội chợ");
    }
}
