//! A producer's products with their OCOP ratings: what a form must give, and when a
//! certificate runs out (36 months after the rating decision).

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{account::FieldError, Lang};

/// An OCOP certificate is valid for 36 months from the decision that rated the product.
pub fn certificate_expiry(decision: NaiveDate) -> Option<NaiveDate> {
    decision.checked_add_months(Months::new(36))
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProductForm {
    pub name_vi: String,
    pub name_en: String,
    /// A product group code (reference data).
    pub group: String,
    /// A sub-group code of that group (reference data), or "".
    pub subgroup: String,
    /// "" (not rated), 3, 4 or 5.
    pub stars: String,
    pub certificate_no: String,
    /// `yyyy-mm-dd`, as a date input sends it.
    pub decision_date: String,
    /// "province" or "central".
    pub rated_by: String,
    pub description_vi: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewProduct {
    pub name_vi: String,
    pub name_en: Option<String>,
    pub group: String,
    pub subgroup: Option<String>,
    pub stars: Option<u8>,
    pub certificate_no: Option<String>,
    pub decision_date: Option<NaiveDate>,
    pub rated_by: Option<String>,
    pub description_vi: Option<String>,
}

impl ProductForm {
    /// `today` (Vietnamese date) bounds the decision date: a rating cannot come from the future.
    pub fn validate(&self, today: NaiveDate, lang: Lang) -> Result<NewProduct, Vec<FieldError>> {
        let mut errors = Vec::new();
        let e = |f: &str, vi: &str, en: &str| FieldError::new(f, lang.tr_owned(vi, en));
        let name_vi = self.name_vi.trim().to_string();
        if name_vi.is_empty() || name_vi.chars().count() > 200 {
            errors.push(e(
                "name_vi",
                "Vui lòng nhập tên sản phẩm (tối đa 200 ký tự).",
                "Please name the product (at most 200 characters).",
            ));
        }
        let group = self.group.trim().to_string();
        if group.is_empty() {
            errors.push(FieldError::new("group", lang.a().choose_one));
        }
        let stars = match self.stars.trim() {
            "" => None,
            s => match s.parse::<u8>() {
                Ok(n) if (3..=5).contains(&n) => Some(n),
                _ => {
                    errors.push(e(
                        "stars",
                        "Chỉ có hạng 3, 4 hoặc 5 sao.",
                        "Only 3, 4 or 5 stars are certified.",
                    ));
                    None
                }
            },
        };
        let mut certificate_no = None;
        let mut decision_date = None;
        let mut rated_by = None;
        if stars.is_some() {
            let no = self.certificate_no.trim();
            if no.is_empty() || no.chars().count() > 80 {
                errors.push(e(
                    "certificate_no",
                    "Vui lòng nhập số quyết định / giấy chứng nhận OCOP.",
                    "Please give the OCOP certificate number.",
                ));
            } else {
                certificate_no = Some(no.to_string());
            }
            match NaiveDate::parse_from_str(self.decision_date.trim(), "%Y-%m-%d") {
                Ok(d) if d <= today => decision_date = Some(d),
                Ok(_) => errors.push(e(
                    "decision_date",
                    "Ngày quyết định không thể ở tương lai.",
                    "The decision date cannot be in the future.",
                )),
                Err(_) => errors.push(e(
                    "decision_date",
                    "Vui lòng nhập ngày quyết định công nhận.",
                    "Please give the date of the rating decision.",
                )),
            }
            match self.rated_by.trim() {
                r @ ("province" | "central") => rated_by = Some(r.to_string()),
                _ => errors.push(FieldError::new("rated_by", lang.a().choose_one)),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(NewProduct {
            name_vi,
            name_en: Some(self.name_en.trim().to_string()).filter(|s| !s.is_empty()),
            group,
            subgroup: Some(self.subgroup.trim().to_string()).filter(|s| !s.is_empty()),
            stars,
            certificate_no,
            decision_date,
            rated_by,
            description_vi: Some(self.description_vi.trim().to_string()).filter(|s| !s.is_empty()),
        })
    }
}

/// A product as its producer and staff see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductView {
    pub product_id: i64,
    /// The sub-group's name, when one is given.
    #[serde(default)]
    pub subgroup: Option<String>,
    /// The certificate scans and photos: (file id, "certificate" or "photo").
    #[serde(default)]
    pub files: Vec<(i64, String)>,
    pub producer: String,
    pub name: String,
    pub group: String,
    pub stars: Option<u8>,
    pub certificate_no: Option<String>,
    /// "dd/mm/yyyy"
    pub decision_date: Option<String>,
    pub expiry: Option<String>,
    /// The certificate has run out (today is after its expiry).
    pub expired: bool,
    pub rated_by: Option<String>,
    /// Staff have checked the certificate; otherwise the rating is only claimed.
    pub verified: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_certificate_lasts_thirty_six_months() {
        assert_eq!(certificate_expiry(d("2024-05-20")), Some(d("2027-05-20")));
        assert_eq!(certificate_expiry(d("2024-02-29")), Some(d("2027-02-28")));
    }

    #[test]
    fn a_rated_product_names_its_certificate() {
        let today = d("2026-11-29");
        let f = ProductForm {
            name_vi: "Cà phê rang xay Ea Tu".into(),
            group: "beverage".into(),
            stars: "4".into(),
            certificate_no: "1234/QĐ-UBND".into(),
            decision_date: "2025-06-01".into(),
            rated_by: "province".into(),
            ..ProductForm::default()
        };
        assert_eq!(f.validate(today, Lang::Vi).unwrap().stars, Some(4));
        let future = ProductForm {
            decision_date: "2027-01-01".into(),
            ..f.clone()
        };
        assert_eq!(future.validate(today, Lang::Vi).unwrap_err()[0].field, "decision_date");
        let two = ProductForm {
            stars: "2".into(),
            ..f.clone()
        };
        assert_eq!(two.validate(today, Lang::Vi).unwrap_err()[0].field, "stars");
        let unrated = ProductForm {
            stars: String::new(),
            certificate_no: String::new(),
            ..f
        };
        assert_eq!(unrated.validate(today, Lang::Vi).unwrap().certificate_no, None);
    }
}

/// The producer's profile as typed (the legal name, type and tax code are set at sign-up).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProfileForm {
    pub legal_representative: String,
    pub address: String,
    pub phone: String,
    pub website: String,
    /// E-commerce shop links (Shopee, Lazada, TikTok Shop, Postmart…), one per line.
    pub shop_links: String,
    pub description_vi: String,
    pub description_en: String,
    /// Whether the address, phone and website show on the public directory's producer page.
    pub contact_public: bool,
    /// Where the logo is served (set by the server; empty when there is none).
    pub logo_url: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub legal_representative: String,
    pub address: String,
    pub phone: String,
    pub website: Option<String>,
    pub shop_links: Vec<String>,
    pub description_vi: String,
    pub description_en: Option<String>,
    pub contact_public: bool,
}

/// The shop addresses of a profile's text: one a line, blank lines left out.
pub fn shop_links(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

fn web_address(s: &str) -> bool {
    let rest = s.strip_prefix("https://").or_else(|| s.strip_prefix("http://"));
    rest.is_some_and(|r| !r.is_empty() && !r.contains(char::is_whitespace)) && s.len() <= 300
}

impl ProfileForm {
    pub fn validate(&self, lang: Lang) -> Result<Profile, Vec<FieldError>> {
        let mut errors = Vec::new();
        let e = |f: &str, vi: &str, en: &str| FieldError::new(f, lang.tr_owned(vi, en));
        let text = |v: &str, max: usize| v.trim().chars().take(max + 1).collect::<String>();
        let legal_representative = text(&self.legal_representative, 120);
        if legal_representative.is_empty() || legal_representative.chars().count() > 120 {
            errors.push(FieldError::new("legal_representative", lang.a().required));
        }
        let address = text(&self.address, 300);
        if address.is_empty() || address.chars().count() > 300 {
            errors.push(FieldError::new("address", lang.a().required));
        }
        let phone = super::account::parse_phone(&self.phone);
        if phone.is_none() {
            errors.push(FieldError::new("phone", lang.a().phone_shape));
        }
        let website = Some(self.website.trim().to_string()).filter(|s| !s.is_empty());
        if website.as_deref().is_some_and(|w| !web_address(w)) {
            errors.push(e(
                "website",
                "Địa chỉ web bắt đầu bằng https:// hoặc http://.",
                "A web address starts with https:// or http://.",
            ));
        }
        let shop_links = shop_links(&self.shop_links);
        if shop_links.len() > 10 || shop_links.iter().any(|l| !web_address(l)) {
            errors.push(e(
                "shop_links",
                "Mỗi dòng một địa chỉ gian hàng bắt đầu bằng https:// (tối đa 10).",
                "One shop address per line, starting with https:// (at most 10).",
            ));
        }
        let description_vi = text(&self.description_vi, 2000);
        if description_vi.chars().count() > 2000 {
            errors.push(FieldError::new("description_vi", format!("{} 2000", lang.a().too_long)));
        }
        match phone {
            Some(phone) if errors.is_empty() => Ok(Profile {
                legal_representative,
                address,
                phone,
                website,
                shop_links,
                description_vi,
                description_en: Some(text(&self.description_en, 2000)).filter(|s| !s.is_empty()),
                contact_public: self.contact_public,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod profile_tests {
    use super::*;

    #[test]
    fn a_profile_needs_its_representative_address_and_a_mobile() {
        let ok = ProfileForm {
            legal_representative: "Y Bih Niê".into(),
            address: "Thôn 3, xã Ea Tu".into(),
            phone: "0912345678".into(),
            website: "https://htxeatu.vn".into(),
            shop_links: "https://shopee.vn/htxeatu\n\nhttps://postmart.vn/htxeatu".into(),
            ..ProfileForm::default()
        };
        assert_eq!(ok.validate(Lang::Vi).unwrap().shop_links.len(), 2);
        let bad = ProfileForm {
            website: "htxeatu.vn".into(),
            shop_links: "shopee".into(),
            ..ok
        };
        let fields: Vec<String> = bad
            .validate(Lang::Vi)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["website", "shop_links"]);
    }
}
