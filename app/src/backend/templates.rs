//! The e-mails, one function per kind, each in Vietnamese and English with a plain-text and an
//! HTML part. Values from users are escaped in the HTML part.

use super::mail::OutgoingMail;
use crate::domain::{text::escape_html, Lang};

/// What every account e-mail is made of: a greeting, lines, one action link, a closing line.
struct Letter<'a> {
    kind: &'static str,
    lang: Lang,
    to_address: &'a str,
    to_name: &'a str,
    subject: String,
    lines: Vec<String>,
    action: Option<(&'static str, String)>,
    closing: &'static str,
}

impl Letter<'_> {
    fn render(self) -> OutgoingMail {
        let (hello, signature) = match self.lang {
            Lang::Vi => (
                "Xin chào",
                "Sở Công Thương tỉnh Đắk Lắk — Trung tâm Xúc tiến Thương mại",
            ),
            Lang::En => (
                "Hello",
                "Đắk Lắk Department of Industry and Trade — Trade Promotion Centre",
            ),
        };
        let mut text = format!("{hello} {},\n\n", self.to_name);
        let mut html = format!(
            "<!DOCTYPE html><html lang=\"{}\"><body style=\"font-family:Arial,sans-serif;line-height:1.5;color:#1d2a22\">\
             <p>{hello} {},</p>",
            self.lang.code(),
            escape_html(self.to_name)
        );
        for line in &self.lines {
            text.push_str(line);
            text.push_str("\n\n");
            html.push_str(&format!("<p>{}</p>", escape_html(line)));
        }
        if let Some((label, url)) = &self.action {
            text.push_str(&format!("{label}:\n{url}\n\n"));
            html.push_str(&format!(
                "<p><a href=\"{0}\" style=\"display:inline-block;padding:10px 18px;background:#0b5d3b;color:#fff;\
                 text-decoration:none;border-radius:4px\">{1}</a></p><p style=\"font-size:13px;color:#555\">{0}</p>",
                escape_html(url),
                escape_html(label)
            ));
        }
        text.push_str(self.closing);
        text.push_str(&format!("\n\n--\n{signature}\n"));
        html.push_str(&format!(
            "<p>{}</p><hr><p style=\"font-size:13px;color:#555\">{}</p></body></html>",
            escape_html(self.closing),
            escape_html(signature)
        ));
        OutgoingMail {
            kind: self.kind,
            lang: self.lang,
            to_address: self.to_address.to_string(),
            to_name: Some(self.to_name.to_string()),
            subject: self.subject,
            text_body: text,
            html_body: html,
        }
    }
}

/// The closing line of the e-mails about a producer's applications and reports.
fn ask_the_centre(lang: Lang) -> &'static str {
    lang.tr(
        "Mọi thắc mắc xin liên hệ Trung tâm Xúc tiến Thương mại.",
        "For any question, contact the Trade Promotion Centre.",
    )
}

fn ignore_if_not_you(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "Nếu không phải bạn yêu cầu, hãy bỏ qua thư này; tài khoản của bạn vẫn an toàn.",
        Lang::En => "If this was not you, ignore this message; your account is safe.",
    }
}

/// "Confirm your e-mail address" after a sign-up; the link works once, for 24 hours.
pub fn verify_email(lang: Lang, to: &str, name: &str, org: &str, link: String) -> OutgoingMail {
    let (subject, lines, label) = match lang {
        Lang::Vi => (
            "Xác minh địa chỉ e-mail của bạn".to_string(),
            vec![
                format!("Cảm ơn bạn đã đăng ký tài khoản cho {org} trên hệ thống Xúc tiến Thương mại Đắk Lắk."),
                "Vui lòng bấm vào đường dẫn dưới đây để xác minh địa chỉ e-mail. Đường dẫn chỉ dùng được một lần và hết hạn sau 24 giờ.".to_string(),
            ],
            "Xác minh e-mail",
        ),
        Lang::En => (
            "Confirm your e-mail address".to_string(),
            vec![
                format!("Thank you for registering {org} with the Đắk Lắk Trade Promotion system."),
                "Please open the link below to confirm your e-mail address. It works once and expires in 24 hours.".to_string(),
            ],
            "Confirm e-mail",
        ),
    };
    Letter {
        kind: "verify-email",
        lang,
        to_address: to,
        to_name: name,
        subject,
        lines,
        action: Some((label, link)),
        closing: ignore_if_not_you(lang),
    }
    .render()
}

/// Someone tried to sign up with an address that has an account: tell its owner, not the form.
pub fn already_registered(lang: Lang, to: &str, name: &str, login: String, forgot: String) -> OutgoingMail {
    let (subject, lines, label) = match lang {
        Lang::Vi => (
            "Bạn đã có tài khoản".to_string(),
            vec![
                "Ai đó (có thể là bạn) vừa đăng ký tài khoản mới bằng địa chỉ e-mail này, nhưng địa chỉ này đã có tài khoản.".to_string(),
                format!("Bạn có thể đăng nhập tại {login}. Nếu quên mật khẩu, hãy đặt lại mật khẩu:"),
            ],
            "Đặt lại mật khẩu",
        ),
        Lang::En => (
            "You already have an account".to_string(),
            vec![
                "Someone (perhaps you) just tried to register with this e-mail address, which already has an account.".to_string(),
                format!("You can log in at {login}. If you forgot your password, reset it:"),
            ],
            "Reset password",
        ),
    };
    Letter {
        kind: "already-registered",
        lang,
        to_address: to,
        to_name: name,
        subject,
        lines,
        action: Some((label, forgot)),
        closing: ignore_if_not_you(lang),
    }
    .render()
}

/// A password-reset link; works once, for 1 hour.
pub fn reset_password(lang: Lang, to: &str, name: &str, link: String) -> OutgoingMail {
    let (subject, lines, label) = match lang {
        Lang::Vi => (
            "Đặt lại mật khẩu".to_string(),
            vec!["Chúng tôi nhận được yêu cầu đặt lại mật khẩu cho tài khoản của bạn. Đường dẫn dưới đây chỉ dùng được một lần và hết hạn sau 1 giờ.".to_string()],
            "Đặt mật khẩu mới",
        ),
        Lang::En => (
            "Reset your password".to_string(),
            vec!["We received a request to reset your account's password. The link below works once and expires in 1 hour.".to_string()],
            "Choose a new password",
        ),
    };
    Letter {
        kind: "reset-password",
        lang,
        to_address: to,
        to_name: name,
        subject,
        lines,
        action: Some((label, link)),
        closing: ignore_if_not_you(lang),
    }
    .render()
}

/// An invitation to an organisation's account (made by staff, or by the organisation's owner).
pub fn invite(lang: Lang, to: &str, name: &str, org: &str, inviter: &str, link: String) -> OutgoingMail {
    let (subject, lines, label) = match lang {
        Lang::Vi => (
            format!("Lời mời sử dụng tài khoản của {org}"),
            vec![
                format!("{inviter} đã tạo tài khoản cho bạn trong đơn vị {org} trên hệ thống Xúc tiến Thương mại Đắk Lắk, để đăng ký tham gia hội chợ, triển lãm và theo dõi kết quả."),
                "Bấm vào đường dẫn dưới đây để đặt mật khẩu và bắt đầu sử dụng. Đường dẫn dùng được một lần và hết hạn sau 7 ngày.".to_string(),
            ],
            "Nhận lời mời và đặt mật khẩu",
        ),
        Lang::En => (
            format!("Your invitation to {org}'s account"),
            vec![
                format!("{inviter} created an account for you in {org} on the Đắk Lắk Trade Promotion system, to apply for fairs and exhibitions and follow the decisions."),
                "Open the link below to choose a password and start. It works once and expires in 7 days.".to_string(),
            ],
            "Accept and choose a password",
        ),
    };
    Letter {
        kind: "invite",
        lang,
        to_address: to,
        to_name: name,
        subject,
        lines,
        action: Some((label, link)),
        closing: ignore_if_not_you(lang),
    }
    .render()
}

/// An organisation's owner tried to invite an address that already has an account: tell its owner,
/// not the inviter (the form answers the same either way).
pub fn invited_but_registered(
    lang: Lang,
    to: &str,
    name: &str,
    org: &str,
    inviter: &str,
    login: String,
) -> OutgoingMail {
    let (subject, lines) = match lang {
        Lang::Vi => (
            format!("Lời mời tham gia {org}"),
            vec![
                format!("{inviter} vừa mời địa chỉ e-mail này tham gia đơn vị {org}, nhưng địa chỉ này đã có tài khoản trên hệ thống Xúc tiến Thương mại Đắk Lắk."),
                format!("Một tài khoản chỉ thuộc một đơn vị. Nếu bạn cần chuyển sang {org}, hãy liên hệ Sở Công Thương; nếu không, bạn không cần làm gì. Đăng nhập: {login}"),
            ],
        ),
        Lang::En => (
            format!("An invitation to {org}"),
            vec![
                format!("{inviter} just invited this e-mail address to {org}, but the address already has an account on the Đắk Lắk Trade Promotion system."),
                format!("An account belongs to one organisation. If you need to move to {org}, contact the Department; otherwise there is nothing to do. Log in: {login}"),
            ],
        ),
    };
    Letter {
        kind: "invited-but-registered",
        lang,
        to_address: to,
        to_name: name,
        subject,
        lines,
        action: None,
        closing: ignore_if_not_you(lang),
    }
    .render()
}

/// A new staff or admin account: choose a password.
pub fn staff_welcome(lang: Lang, to: &str, name: &str, role: &str, link: String) -> OutgoingMail {
    let (subject, lines, label) = match lang {
        Lang::Vi => (
            "Tài khoản cán bộ của bạn".to_string(),
            vec![
                format!("Quản trị viên đã tạo cho bạn tài khoản với vai trò {role} trên hệ thống Xúc tiến Thương mại Đắk Lắk."),
                "Bấm vào đường dẫn dưới đây để đặt mật khẩu. Đường dẫn dùng được một lần và hết hạn sau 3 ngày.".to_string(),
            ],
            "Đặt mật khẩu",
        ),
        Lang::En => (
            "Your staff account".to_string(),
            vec![
                format!("An administrator created an account for you with the role {role} on the Đắk Lắk Trade Promotion system."),
                "Open the link below to choose a password. It works once and expires in 3 days.".to_string(),
            ],
            "Choose a password",
        ),
    };
    Letter {
        kind: "staff-welcome",
        lang,
        to_address: to,
        to_name: name,
        subject,
        lines,
        action: Some((label, link)),
        closing: ignore_if_not_you(lang),
    }
    .render()
}

/// The password was changed (so the owner hears of it if it was not them).
pub fn password_changed(lang: Lang, to: &str, name: &str, forgot: String) -> OutgoingMail {
    let (subject, lines, label) = match lang {
        Lang::Vi => (
            "Mật khẩu của bạn đã được thay đổi".to_string(),
            vec![
                "Mật khẩu tài khoản của bạn vừa được thay đổi, và các phiên đăng nhập khác đã kết thúc.".to_string(),
                "Nếu không phải bạn, hãy đặt lại mật khẩu ngay và báo cho Sở Công Thương.".to_string(),
            ],
            "Đặt lại mật khẩu",
        ),
        Lang::En => (
            "Your password was changed".to_string(),
            vec![
                "Your account's password was just changed, and your other sessions were ended.".to_string(),
                "If this was not you, reset your password now and tell the Department.".to_string(),
            ],
            "Reset password",
        ),
    };
    Letter {
        kind: "password-changed",
        lang,
        to_address: to,
        to_name: name,
        subject,
        lines,
        action: Some((label, forgot)),
        closing: "",
    }
    .render()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_letter_has_both_parts_and_escapes_what_people_typed() {
        let m = invite(
            Lang::Vi,
            "a@b.vn",
            "Ông <A>",
            "HTX \"Ea Tu\" & Co",
            "Cán bộ",
            "https://x.vn/dat-mat-khau?token=1".into(),
        );
        assert_eq!(m.kind, "invite");
        assert!(m.subject.contains("HTX \"Ea Tu\" & Co"));
        assert!(m.text_body.contains("Ông <A>") && m.text_body.contains("https://x.vn/dat-mat-khau?token=1"));
        assert!(m.html_body.contains("Ông &lt;A&gt;") && !m.html_body.contains("<A>"));
        assert!(m.html_body.contains("HTX &quot;Ea Tu&quot; &amp; Co"));
        let en = verify_email(Lang::En, "a@b.vn", "An", "Org", "https://x.vn/v".into());
        assert!(en.text_body.starts_with("Hello An,") && en.html_body.contains("lang=\"en\""));
        let vi = verify_email(Lang::Vi, "a@b.vn", "An", "Org", "https://x.vn/v".into());
        assert!(vi.text_body.contains("24 giờ"));
    }
}

/// What an application e-mail reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ApplicationNews {
    Submitted,
    Approved,
    Waitlisted,
    Rejected,
    ChangesRequested,
    Withdrawn,
    /// Booths given: the codes are in `detail`.
    Allocated,
    /// A freed booth offered until the time in `detail`.
    Offered,
    OfferLapsed,
    /// The event changed: the notice is in `detail`.
    EventChanged,
}

/// An e-mail about a producer's application for `event`, in the reader's language. `message` is
/// what staff wrote to the producer (a reason, what to change); `detail` depends on the news.
#[allow(clippy::too_many_arguments)]
pub fn application_news(
    lang: Lang,
    to: &str,
    name: &str,
    news: ApplicationNews,
    event: &str,
    message: Option<&str>,
    detail: &str,
    link: String,
) -> OutgoingMail {
    use ApplicationNews as N;
    let vi = lang == Lang::Vi;
    let (kind, subject, first) = match news {
        N::Submitted => (
            "application-submitted",
            if vi {
                format!("Đã nhận hồ sơ đăng ký: {event}")
            } else {
                format!("Application received: {event}")
            },
            if vi {
                format!("Sở Công Thương đã nhận hồ sơ đăng ký gian hàng của đơn vị tại «{event}». Bạn vẫn có thể sửa hồ sơ cho đến hạn chót, khi việc xét duyệt chưa bắt đầu.")
            } else {
                format!("The Department has received your booth application for “{event}”. You can still edit it until the deadline, unless review has started.")
            },
        ),
        N::Approved => (
            "application-approved",
            if vi {
                format!("Hồ sơ được duyệt: {event}")
            } else {
                format!("Application approved: {event}")
            },
            if vi {
                format!("Hồ sơ đăng ký gian hàng của đơn vị tại «{event}» đã được duyệt. Sở sẽ thông báo vị trí gian hàng khi phân bổ.")
            } else {
                format!("Your booth application for “{event}” is approved. We will tell you your booth when it is allocated.")
            },
        ),
        N::Waitlisted => (
            "application-waitlisted",
            if vi {
                format!("Hồ sơ trong danh sách chờ: {event}")
            } else {
                format!("On the waiting list: {event}")
            },
            if vi {
                format!("Hồ sơ của đơn vị tại «{event}» được đưa vào danh sách chờ. Khi có gian hàng trống, Sở sẽ gửi thư mời nhận gian hàng.")
            } else {
                format!("Your application for “{event}” is on the waiting list. When a booth is freed we will offer it to you by e-mail.")
            },
        ),
        N::Rejected => (
            "application-rejected",
            if vi {
                format!("Hồ sơ không được duyệt: {event}")
            } else {
                format!("Application not approved: {event}")
            },
            if vi {
                format!("Rất tiếc, hồ sơ đăng ký gian hàng của đơn vị tại «{event}» không được duyệt.")
            } else {
                format!("We are sorry: your booth application for “{event}” was not approved.")
            },
        ),
        N::ChangesRequested => (
            "application-changes",
            if vi {
                format!("Cần bổ sung hồ sơ: {event}")
            } else {
                format!("Changes needed: {event}")
            },
            if vi {
                format!("Sở cần đơn vị bổ sung hồ sơ đăng ký tại «{event}». Vui lòng sửa và nộp lại.")
            } else {
                format!("The Department needs changes to your application for “{event}”. Please edit it and submit it again.")
            },
        ),
        N::Withdrawn => (
            "application-withdrawn",
            if vi {
                format!("Đã rút hồ sơ: {event}")
            } else {
                format!("Application withdrawn: {event}")
            },
            if vi {
                format!("Hồ sơ đăng ký của đơn vị tại «{event}» đã được rút; gian hàng (nếu có) đã được trả lại.")
            } else {
                format!("Your application for “{event}” is withdrawn; its booth, if any, has been released.")
            },
        ),
        N::Allocated => (
            "booth-allocated",
            if vi {
                format!("Gian hàng của đơn vị: {detail} — {event}")
            } else {
                format!("Your booth: {detail} — {event}")
            },
            if vi {
                format!("Đơn vị được bố trí gian hàng {detail} tại «{event}». Xem vị trí trên sơ đồ trong trang doanh nghiệp.")
            } else {
                format!("You have booth {detail} at “{event}”. See it on the floor plan in your producer page.")
            },
        ),
        N::Offered => (
            "booth-offered",
            if vi {
                format!("Mời nhận gian hàng: {event}")
            } else {
                format!("A booth is offered to you: {event}")
            },
            if vi {
                format!("Một gian hàng tại «{event}» vừa trống và được dành cho đơn vị. Vui lòng xác nhận trước {detail}; sau thời hạn này gian hàng sẽ được mời cho đơn vị tiếp theo.")
            } else {
                format!("A booth at “{event}” has been freed and is offered to you. Please accept it before {detail} (Vietnam time); after that it passes to the next producer.")
            },
        ),
        N::OfferLapsed => (
            "booth-offer-lapsed",
            if vi {
                format!("Lời mời nhận gian hàng đã hết hạn: {event}")
            } else {
                format!("Booth offer lapsed: {event}")
            },
            if vi {
                format!("Lời mời nhận gian hàng tại «{event}» đã hết hạn mà chưa được xác nhận; gian hàng được mời cho đơn vị tiếp theo.")
            } else {
                format!("The booth offer for “{event}” was not accepted in time and has passed to the next producer.")
            },
        ),
        N::EventChanged => (
            "event-changed",
            if vi {
                format!("Thay đổi về sự kiện: {event}")
            } else {
                format!("Change to an event: {event}")
            },
            if vi {
                format!("Sự kiện «{event}» mà đơn vị đã đăng ký có thay đổi: {detail}")
            } else {
                format!("“{event}”, which you applied for, has changed: {detail}")
            },
        ),
    };
    let mut lines = vec![first];
    if let Some(m) = message.filter(|m| !m.trim().is_empty()) {
        lines.push(if vi {
            format!("Lời nhắn của Sở: {m}")
        } else {
            format!("Message from the Department: {m}")
        });
    }
    Letter {
        kind,
        lang,
        to_address: to,
        to_name: name,
        subject,
        lines,
        action: Some((
            if vi {
                "Xem hồ sơ của đơn vị"
            } else {
                "See your applications"
            },
            link,
        )),
        closing: ask_the_centre(lang),
    }
    .render()
}

/// The Department asks a producer for its results at an event (`reminder`: the report is due
/// soon and has not come), by `due` (dd/mm/yyyy).
pub fn report_request(
    lang: Lang,
    to: &str,
    name: &str,
    event: &str,
    due: &str,
    reminder: bool,
    link: String,
) -> OutgoingMail {
    let vi = lang == Lang::Vi;
    let (kind, subject, first) = if reminder {
        (
            "report-reminder",
            if vi {
                format!("Nhắc nộp báo cáo kết quả trước {due}: {event}")
            } else {
                format!("Reminder: your results report is due by {due}: {event}")
            },
            if vi {
                format!("Sở chưa nhận được báo cáo kết quả của đơn vị tại «{event}». Hạn nộp là ngày {due}.")
            } else {
                format!("We have not yet received your results report for “{event}”. It is due by {due}.")
            },
        )
    } else {
        (
            "report-request",
            if vi {
                format!("Đề nghị báo cáo kết quả tham gia: {event}")
            } else {
                format!("Please report your results: {event}")
            },
            if vi {
                format!("Cảm ơn đơn vị đã tham gia «{event}». Để Sở tổng hợp kết quả xúc tiến thương mại, đề nghị đơn vị báo cáo trước ngày {due}.")
            } else {
                format!("Thank you for taking part in “{event}”. So that the Department can sum up what the event achieved, please report your results by {due}.")
            },
        )
    };
    let second = if vi {
        "Báo cáo gồm: doanh thu bán hàng tại sự kiện, số đơn hàng, hợp đồng và biên bản ghi nhớ đã ký, khách hàng đã gặp, mức độ hài lòng và ý kiến của đơn vị.".to_string()
    } else {
        "The report asks for: sales at the event, orders taken, contracts and MOUs signed, buyers met, your satisfaction and your comments.".to_string()
    };
    Letter {
        kind,
        lang,
        to_address: to,
        to_name: name,
        subject,
        lines: vec![first, second],
        action: Some((
            if vi {
                "Nộp báo cáo kết quả"
            } else {
                "Report your results"
            },
            link,
        )),
        closing: ask_the_centre(lang),
    }
    .render()
}

/// To a buyer who sent an inquiry: the link that confirms their address and delivers it.
pub fn inquiry_confirm(lang: Lang, to: &str, name: &str, producer: &str, link: String) -> OutgoingMail {
    let (subject, lines, label) = match lang {
        Lang::Vi => (
            format!("Xác nhận yêu cầu gửi {producer}"),
            vec![
                format!("Bạn vừa gửi yêu cầu báo giá tới {producer} qua trang Xúc tiến thương mại Đắk Lắk."),
                "Hãy bấm nút dưới đây trong 48 giờ để xác nhận địa chỉ e-mail; khi đó yêu cầu mới được chuyển tới đơn vị, và đơn vị sẽ trả lời bạn qua e-mail này.".to_string(),
            ],
            "Xác nhận và gửi yêu cầu",
        ),
        Lang::En => (
            format!("Confirm your inquiry to {producer}"),
            vec![
                format!("You have just sent an inquiry to {producer} through the Đắk Lắk trade promotion site."),
                "Press the button below within 48 hours to confirm your e-mail address; only then is the inquiry passed on, and the producer will answer you at this address.".to_string(),
            ],
            "Confirm and send the inquiry",
        ),
    };
    Letter {
        kind: "inquiry-confirm",
        lang,
        to_address: to,
        to_name: name,
        subject,
        lines,
        action: Some((label, link)),
        closing: lang.tr(
            "Nếu không phải bạn gửi, hãy bỏ qua thư này: không có gì được chuyển đi.",
            "If this was not you, ignore this message: nothing will be passed on.",
        ),
    }
    .render()
}

/// What a buyer asked, as the producer's e-mail carries it.
pub struct InquiryFacts<'a> {
    pub buyer: &'a str,
    pub organisation: &'a str,
    pub buyer_type: &'a str,
    pub place: &'a str,
    pub email: &'a str,
    pub phone: Option<&'a str>,
    pub product: Option<&'a str>,
    pub event: Option<&'a str>,
    pub quantity: &'a str,
    pub message: &'a str,
}

/// To a producer's user: a buyer's confirmed inquiry, with the buyer's address to answer.
pub fn inquiry_news(lang: Lang, to: &str, name: &str, f: &InquiryFacts<'_>, link: String) -> OutgoingMail {
    let vi = lang == Lang::Vi;
    let subject = match (vi, f.product) {
        (true, Some(p)) => format!("Yêu cầu báo giá {p} từ {}", f.organisation),
        (true, None) => format!("Yêu cầu báo giá từ {}", f.organisation),
        (false, Some(p)) => format!("Inquiry about {p} from {}", f.organisation),
        (false, None) => format!("Inquiry from {}", f.organisation),
    };
    let said =
        |vi_label: &str, en_label: &str, value: &str| format!("{}: {value}", if vi { vi_label } else { en_label });
    let mut lines = vec![
        if vi {
            "Một người mua đã gửi yêu cầu tới đơn vị qua trang Xúc tiến thương mại Đắk Lắk và đã xác nhận địa chỉ e-mail."
                .to_string()
        } else {
            "A buyer has sent your organisation an inquiry through the Đắk Lắk trade promotion site and has confirmed their e-mail address."
                .to_string()
        },
        said(
            "Người hỏi",
            "From",
            &format!("{} — {} ({}), {}", f.buyer, f.organisation, f.buyer_type, f.place),
        ),
    ];
    if let Some(p) = f.product {
        lines.push(said("Sản phẩm", "Product", p));
    }
    if let Some(e) = f.event {
        lines.push(said("Gặp tại", "Met at", e));
    }
    lines.push(said("Số lượng", "Quantity", f.quantity));
    lines.push(said("Nội dung", "Message", f.message));
    let contact = match f.phone {
        Some(p) => format!("{} · {p}", f.email),
        None => f.email.to_string(),
    };
    lines.push(said("Trả lời người mua tại", "Answer the buyer at", &contact));
    Letter {
        kind: "inquiry-news",
        lang,
        to_address: to,
        to_name: name,
        subject,
        lines,
        action: Some((
            if vi {
                "Xem và đánh dấu yêu cầu"
            } else {
                "See and mark the inquiry"
            },
            link,
        )),
        closing: ask_the_centre(lang),
    }
    .render()
}
