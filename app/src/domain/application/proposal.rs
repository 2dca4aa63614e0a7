//! The allocation proposal: booths offered to applications in priority order, adjacent where asked.

/// An application waiting for booths, in priority order, for [`propose`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Want {
    pub application_id: i64,
    /// Booths still to give.
    pub count: usize,
    pub booth_type_id: Option<i64>,
    pub zone_id: Option<i64>,
    /// The producer's commune: booths held for it are theirs to take.
    pub commune_id: Option<i64>,
}

/// A booth nobody holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FreeBooth {
    pub booth_id: i64,
    pub booth_type_id: i64,
    pub zone_id: Option<i64>,
    pub x: i32,
    pub y: i32,
    pub width: i32,
    /// Held for a block: only for producers of this commune (`Some(None)`: a visiting province,
    /// for none of ours).
    pub held_for: Option<Option<i64>>,
}

/// A deterministic allocation proposal: applications in priority order take booths of their type,
/// in their preferred zone when it has room, side by side in one row where possible; booths held
/// for a commune go only to that commune's producers, who take them first. Returns
/// `(application_id, booth_id)` pairs.
pub fn propose(wants: &[Want], free: &[FreeBooth]) -> Vec<(i64, i64)> {
    let mut taken = vec![false; free.len()];
    let mut out = Vec::new();
    for w in wants {
        if w.count == 0 {
            continue;
        }
        let mut candidates: Vec<usize> = (0..free.len())
            .filter(|&i| !taken[i])
            .filter(|&i| w.booth_type_id.is_none_or(|t| free[i].booth_type_id == t))
            .filter(|&i| match free[i].held_for {
                None => true,
                Some(commune) => commune.is_some() && commune == w.commune_id,
            })
            .collect();
        // held-for-me first, then my zone, then the plan's reading order
        candidates.sort_by_key(|&i| {
            let b = &free[i];
            (
                b.held_for.is_none(),
                w.zone_id.is_some() && b.zone_id != w.zone_id,
                b.y,
                b.x,
                b.booth_id,
            )
        });
        // side by side in the preferred zone, else in the preferred zone, else side by side anywhere
        let preferred: Vec<usize> = candidates
            .iter()
            .copied()
            .filter(|&i| w.zone_id.is_none() || free[i].zone_id == w.zone_id || free[i].held_for.is_some())
            .collect();
        let pick = adjacent_run(&preferred, free, w.count)
            .or_else(|| (preferred.len() >= w.count).then(|| preferred[..w.count].to_vec()))
            .or_else(|| adjacent_run(&candidates, free, w.count))
            .unwrap_or_else(|| candidates.iter().copied().take(w.count).collect());
        for i in pick {
            taken[i] = true;
            out.push((w.application_id, free[i].booth_id));
        }
    }
    out
}

/// The first run of `n` booths side by side in one row (in the candidates' order of preference).
fn adjacent_run(candidates: &[usize], free: &[FreeBooth], n: usize) -> Option<Vec<usize>> {
    if n <= 1 {
        return candidates.first().map(|&i| vec![i]);
    }
    for &start in candidates {
        let mut run = vec![start];
        let mut end = free[start].x + free[start].width;
        while run.len() < n {
            let next = candidates
                .iter()
                .copied()
                .find(|&j| free[j].y == free[start].y && free[j].x == end && free[j].zone_id == free[start].zone_id);
            match next {
                Some(j) => {
                    end = free[j].x + free[j].width;
                    run.push(j);
                }
                None => break,
            }
        }
        if run.len() == n {
            return Some(run);
        }
    }
    None
}
