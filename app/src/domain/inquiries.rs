//! Buyers' inquiries: a buyer asks a producer about a product (or about what it makes) from the
//! public directory, confirms their e-mail address, and the producer answers by e-mail and marks
//! how it went. What the forms send and what the producer's console and the staff's counts show.

use serde::{Deserialize, Serialize};

use super::{
    account::{Email, FieldError},
    event::coded_enum,
    producer_report::BuyerType,
    Lang,
};

coded_enum! {
    /// Where an inquiry stands, as its producer marks it.
    InquiryStatus {
        New = "new", "Mới", "New";
        Answered = "answered", "Đã trả lời", "Answered";
        Quoted = "quoted", "Đã báo giá", "Quoted";
        Deal = "deal", "Thành giao dịch", "Deal made";
        NoDeal = "no-deal", "Không thành", "No deal";
    }
}

/// The longest message kept; the other texts are shorter.
const MAX_MESSAGE: usize = 2000;
const MAX_TEXT: usize = 200;

/// An inquiry as the buyer typed it (`form[...]`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct InquiryForm {
    pub buyer_name: String,
    pub organisation: String,
    /// A [`BuyerType`] code.
    pub buyer_type: String,
    /// Province or country.
    pub place: String,
    pub email: String,
    pub phone: String,
    /// How much, as people say it ("2 tấn mỗi tháng").
    pub quantity: String,
    pub message: String,
    /// An event's id ("" for none): where the buyer met the producer.
    pub event: String,
}

/// An inquiry as checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedInquiry {
    pub buyer_name: String,
    pub organisation: String,
    pub buyer_type: BuyerType,
    pub place: String,
    pub email: String,
    pub phone: Option<String>,
    pub quantity: String,
    pub message: String,
    pub event_id: Option<i64>,
}

impl InquiryForm {
    /// Checks the form; every problem is named beside its field.
    pub fn check(&self, lang: Lang) -> Result<CheckedInquiry, Vec<FieldError>> {
        let mut errors = Vec::new();
        let text = |s: &str, most: usize| -> String { s.trim().chars().take(most).collect() };
        let mut required = |field: &str, value: &str, most: usize, vi: &'static str, en: &'static str| {
            let v = text(value, most);
            if v.is_empty() {
                errors.push(FieldError::new(field, lang.tr(vi, en)));
            }
            v
        };
        let buyer_name = required(
            "buyer_name",
            &self.buyer_name,
            MAX_TEXT,
            "Nhập họ và tên.",
            "Give your name.",
        );
        let organisation = required(
            "organisation",
            &self.organisation,
            MAX_TEXT,
            "Nhập tên đơn vị của bạn.",
            "Give your organisation's name.",
        );
        let place = required(
            "place",
            &self.place,
            MAX_TEXT,
            "Nhập tỉnh, thành phố hoặc quốc gia.",
            "Give your province or country.",
        );
        let quantity = required(
            "quantity",
            &self.quantity,
            MAX_TEXT,
            "Nhập số lượng cần mua, ví dụ 2 tấn mỗi tháng.",
            "Give the quantity, e.g. 2 tonnes a month.",
        );
        let message = required(
            "message",
            &self.message,
            MAX_MESSAGE,
            "Nhập nội dung cần hỏi.",
            "Write what you would like to ask.",
        );
        let buyer_type = BuyerType::parse(self.buyer_type.trim());
        if buyer_type.is_none() {
            errors.push(FieldError::new(
                "buyer_type",
                lang.tr("Chọn loại đơn vị của bạn.", "Choose what kind of buyer you are."),
            ));
        }
        let email = Email::parse(&self.email);
        if email.is_none() {
            errors.push(FieldError::new(
                "email",
                lang.tr(
                    "Nhập địa chỉ e-mail đúng dạng, ví dụ ten@congty.vn.",
                    "Give a valid e-mail address, e.g. name@company.com.",
                ),
            ));
        }
        let phone = Some(text(&self.phone, 30)).filter(|p| !p.is_empty());
        if let Some(p) = &phone {
            let digits = p.chars().filter(char::is_ascii_digit).count();
            if !p
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '.' | '-' | '+' | '(' | ')'))
                || !(8..=15).contains(&digits)
            {
                errors.push(FieldError::new(
                    "phone",
                    lang.tr(
                        "Số điện thoại gồm 8 đến 15 chữ số.",
                        "A phone number has 8 to 15 digits.",
                    ),
                ));
            }
        }
        let event_id = match self.event.trim() {
            "" => None,
            e => {
                let id = e.parse::<i64>().ok().filter(|id| *id > 0);
                if id.is_none() {
                    errors.push(FieldError::new("event", lang.tr("Chọn sự kiện.", "Choose an event.")));
                }
                id
            }
        };
        match (buyer_type, email) {
            (Some(buyer_type), Some(email)) if errors.is_empty() => Ok(CheckedInquiry {
                buyer_name,
                organisation,
                buyer_type,
                place,
                email: email.as_str().to_string(),
                phone,
                quantity,
                message,
                event_id,
            }),
            _ => Err(errors),
        }
    }
}

/// What the inquiry form offers beside a product or a producer: the events the buyer may have met
/// it at (id, title), the latest first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InquiryChoices {
    pub events: Vec<(i64, String)>,
}

/// An inquiry as its producer reads it. Every text arrives in the reader's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InquiryLine {
    pub inquiry_id: i64,
    /// When the buyer confirmed it, written out.
    pub received: String,
    pub buyer_name: String,
    pub organisation: String,
    pub buyer_type: String,
    pub place: String,
    /// The buyer's address, for the producer's answer.
    pub email: String,
    pub phone: Option<String>,
    /// The product asked about, if one was.
    pub product: Option<String>,
    pub event: Option<String>,
    pub quantity: String,
    pub message: String,
    pub status: InquiryStatus,
}

/// The staff's counts of confirmed inquiries: per producer (name, total, deals) and per product
/// group (name, total).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InquiryCounts {
    pub total: u32,
    pub by_producer: Vec<(String, u32, u32)>,
    pub by_group: Vec<(String, u32)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> InquiryForm {
        InquiryForm {
            buyer_name: "Nguyễn Văn An".into(),
            organisation: "Siêu thị Sài Gòn".into(),
            buyer_type: "supermarket".into(),
            place: "TP. Hồ Chí Minh".into(),
            email: " An@SieuThi.vn ".into(),
            quantity: "2 tấn mỗi tháng".into(),
            message: "Xin báo giá.".into(),
            ..InquiryForm::default()
        }
    }

    #[test]
    fn a_good_inquiry_is_kept() {
        let i = form().check(Lang::Vi).unwrap();
        assert_eq!(i.buyer_type, BuyerType::Supermarket);
        assert_eq!(i.email, "an@sieuthi.vn");
        assert_eq!((i.phone, i.event_id), (None, None));
    }

    #[test]
    fn each_bad_field_is_named() {
        let bad = InquiryForm {
            buyer_type: "king".into(),
            email: "not an address".into(),
            phone: "12".into(),
            event: "x".into(),
            message: " ".into(),
            ..form()
        };
        let fields: Vec<String> = bad.check(Lang::En).unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["message", "buyer_type", "email", "phone", "event"]);
    }
}
