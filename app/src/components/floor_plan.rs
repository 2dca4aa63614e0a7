//! The floor plan as SVG on a grid: booths with their codes, coloured by status (staff) or zone
//! (public). Staff work it with the mouse or the keyboard: every booth is a focusable button;
//! Enter or Space acts on it, the arrow keys move it.

use leptos::prelude::*;

use crate::{context::use_lang, domain::booths::Booth};

/// Pixels per grid cell (one 3 m × 3 m booth).
const CELL: i32 = 44;

#[component]
pub fn FloorPlan(
    cols: i32,
    rows: i32,
    booths: Vec<Booth>,
    /// A booth was activated (`"act"`) or pushed with an arrow key (`"ArrowLeft"`…).
    #[prop(optional)]
    on_booth: Option<Callback<(i64, String)>>,
    /// An empty cell was clicked (1-based column and row).
    #[prop(optional)]
    on_cell: Option<Callback<(i32, i32)>>,
    /// The booth picked up for a move.
    #[prop(optional, into)]
    selected: Option<Signal<Option<i64>>>,
) -> impl IntoView {
    let lang = use_lang();
    let width = cols * CELL;
    let height = rows * CELL;
    let cells = on_cell.map(|cb| {
        (1..=rows)
            .flat_map(|y| (1..=cols).map(move |x| (x, y)))
            .map(|(x, y)| {
                view! {
                    <rect
                        class="cell"
                        x=(x - 1) * CELL
                        y=(y - 1) * CELL
                        width=CELL
                        height=CELL
                        on:click=move |_| cb.run((x, y))
                    />
                }
            })
            .collect_view()
    });
    let grid = (0..=cols)
        .map(|i| view! { <line class="grid" x1=i * CELL y1=0 x2=i * CELL y2=height /> })
        .chain((0..=rows).map(|j| view! { <line class="grid" x1=0 y1=j * CELL x2=width y2=j * CELL /> }))
        .collect_view();
    let booth_views = booths
        .into_iter()
        .map(|b| {
            let id = b.booth_id;
            // "mine" marks the producer's own booths; any other label names who is there
            let mine = b.label.as_deref() == Some("mine");
            let status = if mine {
                lang.tr("Gian của bạn", "Your booth")
            } else {
                b.status.label(lang)
            };
            let who = b.label.as_ref().filter(|_| !mine).map(|l| format!(" · {l}")).unwrap_or_default();
            let label = format!(
                "{} — {status}{}{}{who}",
                b.code,
                b.zone.as_ref().map(|z| format!(" · {z}")).unwrap_or_default(),
                b.held_for.as_ref().map(|h| format!(" · {h}")).unwrap_or_default()
            );
            let is_selected = move || selected.is_some_and(|s| s.get() == Some(id));
            let interactive = on_booth.is_some();
            let zone_class = b.zone.as_ref().map(|z| format!(" zone-{}", z.len() % 6)).unwrap_or_default();
            view! {
                <g
                    class=move || format!("booth status-{}{}{}{}", b.status.code(), zone_class, if mine { " mine" } else { "" }, if is_selected() { " selected" } else { "" })
                    transform=format!("translate({} {})", (b.x - 1) * CELL, (b.y - 1) * CELL)
                    tabindex=interactive.then_some("0")
                    role=interactive.then_some("button")
                    aria-label=label.clone()
                    data-code=b.code.clone()
                    on:click=move |_| {
                        if let Some(cb) = on_booth {
                            cb.run((id, "act".into()));
                        }
                    }
                    on:keydown=move |ev| {
                        if let Some(cb) = on_booth {
                            let key = ev.key();
                            match key.as_str() {
                                "Enter" | " " => {
                                    ev.prevent_default();
                                    cb.run((id, "act".into()));
                                }
                                "ArrowLeft" | "ArrowRight" | "ArrowUp" | "ArrowDown" => {
                                    ev.prevent_default();
                                    cb.run((id, key));
                                }
                                _ => {}
                            }
                        }
                    }
                >
                    <title>{label.clone()}</title>
                    <rect x=2 y=2 width=b.width * CELL - 4 height=CELL - 4 rx=4 />
                    <text x=b.width * CELL / 2 y=CELL / 2 + 4 text-anchor="middle">{b.code.clone()}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <svg
            class="floor-plan"
            viewBox=format!("0 0 {width} {height}")
            width=width
            height=height
            role="group"
            aria-label=lang.tr("Sơ đồ gian hàng", "Floor plan")
        >
            {cells}
            {grid}
            {booth_views}
        </svg>
    }
}
