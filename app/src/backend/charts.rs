//! Charts as SVG, written on the server: readable without JavaScript, printable, and no code in
//! the browser's bundle. Horizontal bars only (one group of bars per category, one bar per
//! series), which read on a phone as well as on paper; every chart stands beside a table of the
//! same numbers, so the chart need not carry every label a table does.
//!
//! Written here rather than with a plotting crate: the crates that lay out text measure it with a
//! font engine (a heavy build on two cores) to place labels this layout places by rule.

use std::fmt::Write;

use crate::domain::text::escape_html as esc;

/// One series of values, one per category.
pub struct Series<'a> {
    pub name: &'a str,
    pub values: &'a [i64],
}

/// Fill colours of the series, in order: dark enough on white, and apart in greyscale prints.
const FILLS: [&str; 3] = ["#1f6f43", "#a3b8c9", "#c47f17"];

const WIDTH: i64 = 640;
const LABEL: i64 = 190;
/// Room right of the longest bar for its value.
const VALUE: i64 = 110;
const BAR: i64 = 14;
const GROUP_GAP: i64 = 10;

/// The chart of `series` over `categories` titled `title`; `written` writes a value as a reader
/// reads it ("1.250.000 đ").
pub fn bars(title: &str, categories: &[String], series: &[Series<'_>], written: impl Fn(i64) -> String) -> String {
    let max = series
        .iter()
        .flat_map(|s| s.values.iter().copied())
        .max()
        .unwrap_or(0)
        .max(1);
    let per_group = i64::try_from(series.len()).unwrap_or(1) * (BAR + 2) + GROUP_GAP;
    let legend = if series.len() > 1 { 24 } else { 0 };
    let height = 8 + i64::try_from(categories.len()).unwrap_or(0) * per_group + legend;
    let span = WIDTH - LABEL - VALUE;
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" \
         aria-label=\"{t}\" font-family=\"sans-serif\" font-size=\"12\"><title>{t}</title>",
        t = esc(title)
    );
    for (i, category) in categories.iter().enumerate() {
        let top = 8 + i64::try_from(i).unwrap_or(0) * per_group;
        let middle = top + (per_group - GROUP_GAP) / 2 + 4;
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{middle}\" text-anchor=\"end\" fill=\"#222\">{}</text>",
            LABEL - 8,
            esc(category)
        );
        for (j, s) in series.iter().enumerate() {
            let v = s.values.get(i).copied().unwrap_or(0).max(0);
            let y = top + i64::try_from(j).unwrap_or(0) * (BAR + 2);
            let w = if v == 0 {
                0
            } else {
                (v.saturating_mul(span) / max).max(1)
            };
            let _ = write!(
                out,
                "<rect x=\"{LABEL}\" y=\"{y}\" width=\"{w}\" height=\"{BAR}\" fill=\"{}\"><title>{}: {}</title></rect>\
                 <text x=\"{}\" y=\"{}\" fill=\"#222\">{}</text>",
                FILLS[j % FILLS.len()],
                esc(s.name),
                esc(&written(v)),
                LABEL + w + 4,
                y + BAR - 3,
                esc(&written(v))
            );
        }
    }
    if series.len() > 1 {
        let y = height - 16;
        let mut x = LABEL;
        for (j, s) in series.iter().enumerate() {
            let _ = write!(
                out,
                "<rect x=\"{x}\" y=\"{y}\" width=\"12\" height=\"12\" fill=\"{}\"/><text x=\"{}\" y=\"{}\" fill=\"#222\">{}</text>",
                FILLS[j % FILLS.len()],
                x + 16,
                y + 10,
                esc(s.name)
            );
            x += 24 + i64::try_from(s.name.chars().count()).unwrap_or(0) * 7;
        }
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_proportional_and_text_is_escaped() {
        let svg = bars(
            "Sự kiện <theo> tháng",
            &["Tháng 1".into(), "Tháng 2".into()],
            &[
                Series {
                    name: "2026",
                    values: &[4, 2],
                },
                Series {
                    name: "2025",
                    values: &[0, 1],
                },
            ],
            |v| v.to_string(),
        );
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("<title>Sự kiện &lt;theo&gt; tháng</title>"));
        let span = WIDTH - LABEL - VALUE;
        // the largest value spans the whole width, half of it half, and nothing is no bar
        assert!(svg.contains(&format!("width=\"{span}\" height")));
        assert!(svg.contains(&format!("width=\"{}\" height", span / 2)));
        assert!(svg.contains(&format!("width=\"{}\" height", span / 4)));
        assert!(svg.contains("width=\"0\" height"));
        assert_eq!(svg.matches("<rect").count(), 4 + 2, "four bars and two legend keys");
    }

    #[test]
    fn no_values_is_an_empty_chart_not_a_division_by_zero() {
        let svg = bars(
            "Trống",
            &["A".into()],
            &[Series {
                name: "x",
                values: &[0],
            }],
            |v| v.to_string(),
        );
        assert!(svg.contains("width=\"0\""));
    }
}
