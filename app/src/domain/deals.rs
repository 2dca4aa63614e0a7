//! The register of contracts and MOUs signed at or after the Department's events: from producers'
//! reports and from staff, each followed up 3, 6 and 12 months after signing (has it turned into
//! orders, and for how much). Staff search, filter and export it.

use serde::{Deserialize, Serialize};

use super::{
    producer_report::{BuyerType, DealKind},
    Lang,
};

/// The months after signing at which a deal is followed up.
pub const FOLLOW_UP_MONTHS: [i32; 3] = [3, 6, 12];

/// What became of a deal when it was followed up.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FollowUpStatus {
    /// Orders are flowing.
    Ordering,
    /// Nothing yet, still expected.
    Pending,
    Stalled,
    Cancelled,
}

impl FollowUpStatus {
    pub const ALL: [FollowUpStatus; 4] = [
        FollowUpStatus::Ordering,
        FollowUpStatus::Pending,
        FollowUpStatus::Stalled,
        FollowUpStatus::Cancelled,
    ];

    pub fn code(self) -> &'static str {
        match self {
            FollowUpStatus::Ordering => "ordering",
            FollowUpStatus::Pending => "pending",
            FollowUpStatus::Stalled => "stalled",
            FollowUpStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(code: &str) -> Option<FollowUpStatus> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            FollowUpStatus::Ordering => lang.tr("Đã có đơn hàng", "Orders placed"),
            FollowUpStatus::Pending => lang.tr("Chưa có đơn, đang theo dõi", "No order yet, followed"),
            FollowUpStatus::Stalled => lang.tr("Tạm dừng", "Stalled"),
            FollowUpStatus::Cancelled => lang.tr("Đã hủy", "Cancelled"),
        }
    }
}

/// Which deals the register shows. In the address: `nam`, `su-kien`, `loai`, `q`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DealFilter {
    /// The year signed.
    pub year: Option<i32>,
    pub event_id: Option<i64>,
    pub kind: Option<DealKind>,
    /// The kind of partner: distributor, supermarket chain, exporter…
    pub partner: Option<BuyerType>,
    /// The OCOP product group's code.
    pub group: Option<String>,
    /// Words to find in the party, the product, the producer or the place (without diacritics).
    pub q: String,
}

impl DealFilter {
    /// Reads the address's query; a bad value loses that one filter.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> DealFilter {
        let mut f = DealFilter::default();
        for (k, v) in pairs {
            match k {
                "nam" => f.year = v.parse().ok().filter(|y| super::time::YEARS.contains(y)),
                "su-kien" => f.event_id = v.parse().ok(),
                "loai" => f.kind = DealKind::parse(v),
                "doi-tac" => f.partner = BuyerType::parse(v),
                "nhom" => {
                    f.group = Some(v.trim())
                        .filter(|g| {
                            !g.is_empty() && g.len() <= 40 && g.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
                        })
                        .map(str::to_string)
                }
                "q" => f.q = v.trim().chars().take(100).collect(),
                _ => {}
            }
        }
        f
    }

    /// The query that gives this filter back ("" for none).
    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        if let Some(y) = self.year {
            parts.push(format!("nam={y}"));
        }
        if let Some(e) = self.event_id {
            parts.push(format!("su-kien={e}"));
        }
        if let Some(k) = self.kind {
            parts.push(format!("loai={}", k.code()));
        }
        if let Some(p) = self.partner {
            parts.push(format!("doi-tac={}", p.code()));
        }
        if let Some(g) = &self.group {
            parts.push(format!("nhom={g}"));
        }
        if !self.q.is_empty() {
            parts.push(format!("q={}", super::filter::encode(&self.q)));
        }
        parts.join("&")
    }
}

/// One follow-up of a deal as the register shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpView {
    pub months: i32,
    /// dd/mm/yyyy: signed date plus `months`.
    pub due: String,
    /// The date has come.
    pub is_due: bool,
    pub status: Option<FollowUpStatus>,
    /// Value of the orders placed so far, written out ("" when not noted).
    pub realised: String,
    pub realised_vnd: Option<i64>,
    pub note: String,
}

/// One deal of the register, written out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DealLine {
    pub deal_id: i64,
    pub event_id: i64,
    pub event_title: String,
    /// The producer who reported it; none when staff entered it.
    pub producer: Option<String>,
    pub kind: String,
    pub counterparty: String,
    pub counterparty_type: String,
    pub place: String,
    pub product: String,
    /// The OCOP product group's name ("" when not said).
    pub product_group: String,
    pub value: String,
    pub value_vnd: i64,
    /// "20.000 USD"
    pub foreign: Option<String>,
    pub signed: String,
    pub follow_ups: Vec<FollowUpView>,
}

/// The staff's register page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DealsPage {
    pub filter: DealFilter,
    /// Years with deals, newest first.
    pub years: Vec<i32>,
    /// Events with deals: (id, title).
    pub events: Vec<(i64, String)>,
    /// Events a deal can be entered for (begun, not cancelled): (id, title).
    pub entry_events: Vec<(i64, String)>,
    /// The OCOP product groups: (code, name).
    pub groups: Vec<(String, String)>,
    pub lines: Vec<DealLine>,
    /// "12 hợp đồng, biên bản · 18.700.000.000 đ · đã thực hiện 2.100.000.000 đ"
    pub totals: String,
    /// The CSV of these deals.
    pub csv: String,
}

/// A follow-up as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FollowUpForm {
    pub status: String,
    pub realised: String,
    pub note: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_filter_reads_back_from_its_query() {
        let f = DealFilter {
            year: Some(2026),
            event_id: Some(7),
            kind: Some(DealKind::Mou),
            partner: Some(BuyerType::Exporter),
            group: Some("beverage".into()),
            q: "cà phê".into(),
        };
        assert_eq!(
            f.to_query(),
            "nam=2026&su-kien=7&loai=mou&doi-tac=exporter&nhom=beverage&q=c%C3%A0+ph%C3%AA"
        );
        let pairs = [
            ("nam", "2026"),
            ("su-kien", "7"),
            ("loai", "mou"),
            ("doi-tac", "exporter"),
            ("nhom", "beverage"),
            ("q", "cà phê"),
        ];
        assert_eq!(DealFilter::from_pairs(pairs), f);
        assert_eq!(DealFilter::default().to_query(), "");
        // a bad value loses only itself
        let bad = DealFilter::from_pairs([
            ("nam", "12"),
            ("loai", "gift"),
            ("su-kien", "x"),
            ("doi-tac", "friend"),
            ("nhom", "Trà xanh"),
            ("q", " mắc ca "),
        ]);
        assert_eq!(
            bad,
            DealFilter {
                q: "mắc ca".into(),
                ..Default::default()
            }
        );
        for s in FollowUpStatus::ALL {
            assert_eq!(FollowUpStatus::parse(s.code()), Some(s));
        }
    }
}
