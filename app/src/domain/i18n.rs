//! The two languages of the interface. Vietnamese first, English second.
//!
//! Every visible string lives in one [`Texts`] table per language, so a missing translation is a
//! compile error rather than a blank on the page.

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
    filter_search_hint: "Tên sự kiện, địa điểm… (gõ không dấu cũng được)",
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
    filter_search_hint: "Event name, place… (diacritics optional)",
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
