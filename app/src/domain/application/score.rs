//! The priority score with its parts, and the order it ranks applications in.

use super::*;

/// The priority score's weights, per event (data, never constants).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Weights {
    pub stars_5: i32,
    pub stars_4: i32,
    pub stars_3: i32,
    pub unrated: i32,
    /// The best-rated product's certificate is valid through the event.
    pub valid_certificate: i32,
    /// A product shown is in one of the event's target groups.
    pub target_group: i32,
    /// The producer has never been approved for this event series.
    pub first_time: i32,
}

impl Default for Weights {
    fn default() -> Weights {
        Weights {
            stars_5: 50,
            stars_4: 40,
            stars_3: 30,
            unrated: 0,
            valid_certificate: 10,
            target_group: 10,
            first_time: 10,
        }
    }
}

/// What the score is computed from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ScoreInput {
    /// The best staff-verified rating among the products shown.
    pub verified_stars: Option<u8>,
    /// That product's certificate runs through the event's last day.
    pub certificate_valid: bool,
    pub in_target_group: bool,
    pub first_time: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Part {
    Rating(Option<u8>),
    Certificate,
    TargetGroup,
    FirstTime,
}

impl Part {
    pub fn label(self, lang: Lang) -> String {
        match self {
            Part::Rating(Some(s)) => {
                lang.tr_owned(&format!("OCOP {s}★ (đã xác minh)"), &format!("OCOP {s}★ (verified)"))
            }
            Part::Rating(None) => lang.tr_owned("Chưa có hạng OCOP xác minh", "No verified OCOP rating"),
            Part::Certificate => lang.tr_owned("Giấy chứng nhận còn hiệu lực", "Certificate valid through the event"),
            Part::TargetGroup => lang.tr_owned("Nhóm sản phẩm ưu tiên", "Target product group"),
            Part::FirstTime => lang.tr_owned("Lần đầu tham gia", "First time in this fair"),
        }
    }
}

/// A priority score and how it was made.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Score {
    pub total: i32,
    pub parts: Vec<(Part, i32)>,
}

pub fn score(input: ScoreInput, w: &Weights) -> Score {
    let rating = match input.verified_stars {
        Some(5) => w.stars_5,
        Some(4) => w.stars_4,
        Some(3) => w.stars_3,
        _ => w.unrated,
    };
    let mut parts = vec![(
        Part::Rating(input.verified_stars.filter(|s| (3..=5).contains(s))),
        rating,
    )];
    if input.certificate_valid && input.verified_stars.is_some() {
        parts.push((Part::Certificate, w.valid_certificate));
    }
    if input.in_target_group {
        parts.push((Part::TargetGroup, w.target_group));
    }
    if input.first_time {
        parts.push((Part::FirstTime, w.first_time));
    }
    Score {
        total: parts.iter().map(|p| p.1).sum(),
        parts,
    }
}

/// Priority order: the higher score first, then the earlier (first) submission, then the older
/// application. `(score, submitted_at as seconds, application_id)`.
pub fn priority_order(a: (i32, i64, i64), b: (i32, i64, i64)) -> std::cmp::Ordering {
    b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2))
}
