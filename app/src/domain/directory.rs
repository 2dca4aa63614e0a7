//! The public directory: OCOP products whose rating staff have verified, and their producers.
//! What its pages receive and the filter of the product list (`/san-pham?q=&nhom=&sao=&xa=&trang=`).

use serde::{Deserialize, Serialize};

use super::{filter::encode, reference::ProductGroup, Lang};

/// Products on one page of the list.
pub const PAGE_SIZE: u32 = 24;
/// The longest search kept.
const MAX_QUERY_CHARS: usize = 100;

/// What a visitor narrowed the product list to. A value that does not parse loses that one
/// filter, never the page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductFilter {
    /// Words to find in the product's or the producer's name, with or without diacritics.
    pub q: String,
    /// A product group's code.
    pub group: Option<String>,
    /// The rating, 3 to 5 stars.
    pub stars: Option<u8>,
    /// The producer's commune.
    pub commune: Option<i64>,
    /// The page, from 1.
    pub page: u32,
}

impl ProductFilter {
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> ProductFilter {
        let mut f = ProductFilter {
            page: 1,
            ..ProductFilter::default()
        };
        for (k, v) in pairs {
            let v = v.trim();
            match k {
                "q" => f.q = v.chars().take(MAX_QUERY_CHARS).collect::<String>().trim().to_string(),
                "nhom" => {
                    f.group = Some(v)
                        .filter(|g| {
                            !g.is_empty() && g.len() <= 40 && g.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
                        })
                        .map(str::to_string)
                }
                "sao" => f.stars = v.parse().ok().filter(|s| (3..=5).contains(s)),
                "xa" => f.commune = v.parse().ok().filter(|c| *c > 0),
                "trang" => f.page = v.parse().ok().filter(|p| (1..=10_000).contains(p)).unwrap_or(1),
                _ => {}
            }
        }
        f
    }

    /// The query that gives this filter back ("" for none); `page` replaces the filter's page.
    pub fn to_query(&self, page: u32) -> String {
        let mut parts = Vec::new();
        if !self.q.is_empty() {
            parts.push(format!("q={}", encode(&self.q)));
        }
        if let Some(g) = &self.group {
            parts.push(format!("nhom={g}"));
        }
        if let Some(s) = self.stars {
            parts.push(format!("sao={s}"));
        }
        if let Some(c) = self.commune {
            parts.push(format!("xa={c}"));
        }
        if page > 1 {
            parts.push(format!("trang={page}"));
        }
        parts.join("&")
    }

    /// Whether anything narrows the list.
    pub fn is_narrowed(&self) -> bool {
        !self.q.is_empty() || self.group.is_some() || self.stars.is_some() || self.commune.is_some()
    }
}

/// A product as the list shows it. Every text arrives in the reader's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductCard {
    pub product_id: i64,
    pub name: String,
    pub group: String,
    pub stars: u8,
    pub producer_id: i64,
    pub producer: String,
    pub commune: Option<String>,
    /// The address of its first photo.
    pub photo: Option<String>,
}

/// One page of the product list, with what the filter form offers.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductsPage {
    pub filter: ProductFilter,
    pub products: Vec<ProductCard>,
    /// How many products the filter finds in all.
    pub total: u32,
    /// The same, written out ("2.000 sản phẩm").
    pub found: String,
    pub pages: u32,
    pub groups: Vec<ProductGroup>,
    /// The communes that have products in the directory: (id, name).
    pub communes: Vec<(i64, String)>,
}

/// An event (upcoming, or one a producer took part in): its id, title and dates.
pub type EventLink = (i64, String, String);

/// A product's page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductPage {
    pub product_id: i64,
    pub name: String,
    /// The other language's name, when the producer gave one.
    pub other_name: Option<String>,
    pub description: String,
    pub group: String,
    pub subgroup: Option<String>,
    pub stars: u8,
    pub certificate_no: Option<String>,
    /// Who rated it ("UBND tỉnh" / "Trung ương"), the decision's date and the certificate's
    /// last valid day, written out.
    pub rated_by: Option<String>,
    pub decision_date: String,
    pub valid_until: String,
    pub producer: ProducerCard,
    /// The producer's online shops.
    pub shops: Vec<String>,
    /// The OCOP points of sale that sell it: (id, name, address with commune).
    pub points: Vec<(i64, String, String)>,
    /// Where a buyer may have met its producer, for the inquiry form: (event id, title).
    pub meeting_events: Vec<(i64, String)>,
    /// The photos' addresses.
    pub photos: Vec<String>,
    /// Upcoming events where it will be shown (from approved applications).
    pub events: Vec<EventLink>,
    /// The public address, for canonical links.
    pub base_url: String,
    /// schema.org `Product` (with its `Brand`) as JSON-LD, safe inside a `<script>`.
    pub json_ld: String,
}

/// A producer as the list shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProducerCard {
    pub producer_id: i64,
    pub name: String,
    /// Enterprise, cooperative…, in the reader's language.
    pub kind: String,
    pub commune: Option<String>,
    /// Its products in the directory.
    pub products: u32,
    /// The best verified rating among them.
    pub best_stars: u8,
    pub has_logo: bool,
}

/// One page of the producer list.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProducersPage {
    pub q: String,
    pub producers: Vec<ProducerCard>,
}

/// A producer's contact details, shown only when it chose to make them public.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub address: Option<String>,
    pub phone: Option<String>,
    pub website: Option<String>,
}

/// A producer's page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProducerPage {
    pub card: ProducerCard,
    pub description: String,
    pub contact: Option<Contact>,
    /// Its online shops (always public: they are where a buyer buys).
    pub shops: Vec<String>,
    pub products: Vec<ProductCard>,
    /// Events it took part in (approved applications), newest first.
    pub events: Vec<EventLink>,
    pub upcoming: Vec<EventLink>,
    /// Where a buyer may have met it, for the inquiry form: (event id, title).
    pub meeting_events: Vec<(i64, String)>,
    pub base_url: String,
}

/// "OCOP 4★" in either language.
pub fn stars_label(stars: u8, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("OCOP {stars} sao"),
        Lang::En => format!("OCOP {stars}-star"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filter_reads_back_from_its_own_query() {
        let f = ProductFilter::from_pairs([
            ("q", " ca phe "),
            ("nhom", "drink"),
            ("sao", "4"),
            ("xa", "12"),
            ("trang", "3"),
        ]);
        assert_eq!(f.q, "ca phe");
        assert_eq!(f.group.as_deref(), Some("drink"));
        assert_eq!((f.stars, f.commune, f.page), (Some(4), Some(12), 3));
        let q = f.to_query(f.page);
        let pairs: Vec<(String, String)> = q
            .split('&')
            .filter_map(|p| p.split_once('='))
            .map(|(k, v)| (k.to_string(), v.replace('+', " ")))
            .collect();
        let back = ProductFilter::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        assert_eq!(back, f);
        assert!(!f.to_query(1).contains("trang"));
    }

    #[test]
    fn a_bad_value_loses_its_filter_only() {
        let f = ProductFilter::from_pairs([
            ("sao", "2"),
            ("nhom", "DROP TABLE"),
            ("xa", "-1"),
            ("trang", "0"),
            ("q", "mật ong"),
        ]);
        assert_eq!((f.stars, f.group.as_deref(), f.commune, f.page), (None, None, None, 1));
        assert_eq!(f.q, "mật ong");
        assert!(f.is_narrowed());
        assert!(!ProductFilter::from_pairs([]).is_narrowed());
    }
}
