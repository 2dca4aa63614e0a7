//! What one server process has answered, for `/metrics`: requests by route, method and status,
//! and their latency as a histogram per route. Kept in memory, bounded by the routes (an address
//! no route matched counts under one label), written out in Prometheus's text format with the
//! database's own figures (`server::metrics` adds those at scrape time).

use std::{collections::BTreeMap, fmt::Write as _, sync::Mutex, time::Duration};

/// The upper bounds of the latency buckets, in seconds.
pub const BUCKETS: [f64; 11] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0];

/// A route's latencies: a count per bucket (not cumulative), the sum and the count.
#[derive(Clone, Debug, Default)]
struct Latency {
    buckets: [u64; BUCKETS.len()],
    sum_seconds: f64,
    count: u64,
}

#[derive(Debug, Default)]
struct Tallies {
    /// (route, method, status) → answers
    answers: BTreeMap<(String, String, u16), u64>,
    /// route → latencies
    latency: BTreeMap<String, Latency>,
}

/// Requests answered by this process.
#[derive(Debug, Default)]
pub struct HttpMetrics {
    tallies: Mutex<Tallies>,
}

impl HttpMetrics {
    /// Counts one answer to `method` on `route` (the route's pattern, `/su-kien/{id}`, never the
    /// address itself, so that the labels stay few).
    pub fn record(&self, route: &str, method: &str, status: u16, took: Duration) {
        // a poisoned lock still holds counts that are right: a panic cannot interrupt an increment
        let mut t = self.tallies.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        *t.answers
            .entry((route.to_string(), method.to_string(), status))
            .or_default() += 1;
        let seconds = took.as_secs_f64();
        let l = t.latency.entry(route.to_string()).or_default();
        if let Some(i) = BUCKETS.iter().position(|b| seconds <= *b) {
            l.buckets[i] += 1;
        }
        l.sum_seconds += seconds;
        l.count += 1;
    }

    /// The counts and histograms in Prometheus's text format (version 0.0.4).
    pub fn write(&self, out: &mut String) {
        let t = self.tallies.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        out.push_str("# HELP xttm_http_requests_total Requests answered, by route, method and status.\n");
        out.push_str("# TYPE xttm_http_requests_total counter\n");
        for ((route, method, status), n) in &t.answers {
            let _ = writeln!(
                out,
                "xttm_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{status}\"}} {n}",
                label(route),
                label(method)
            );
        }
        out.push_str("# HELP xttm_http_request_duration_seconds Time to answer, by route.\n");
        out.push_str("# TYPE xttm_http_request_duration_seconds histogram\n");
        for (route, l) in &t.latency {
            let route = label(route);
            let mut cumulative = 0;
            for (bound, n) in BUCKETS.iter().zip(l.buckets) {
                cumulative += n;
                let _ = writeln!(
                    out,
                    "xttm_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"{bound}\"}} {cumulative}"
                );
            }
            let _ = writeln!(
                out,
                "xttm_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {}",
                l.count
            );
            let _ = writeln!(
                out,
                "xttm_http_request_duration_seconds_sum{{route=\"{route}\"}} {}",
                l.sum_seconds
            );
            let _ = writeln!(
                out,
                "xttm_http_request_duration_seconds_count{{route=\"{route}\"}} {}",
                l.count
            );
        }
    }
}

/// A label value as the text format wants it: backslash, quote and newline escaped.
pub fn label(value: &str) -> String {
    value.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}

/// One gauge (or counter) with its help and type lines: `xttm_<name> value`.
pub fn single(out: &mut String, name: &str, kind: &str, help: &str, value: impl std::fmt::Display) {
    let _ = writeln!(out, "# HELP xttm_{name} {help}");
    let _ = writeln!(out, "# TYPE xttm_{name} {kind}");
    let _ = writeln!(out, "xttm_{name} {value}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_histograms_are_written_as_prometheus_reads_them() {
        let m = HttpMetrics::default();
        m.record("/lich", "GET", 200, Duration::from_millis(3));
        m.record("/lich", "GET", 200, Duration::from_millis(30));
        m.record("/lich", "GET", 500, Duration::from_secs(9));
        m.record("/su-kien/{id}", "GET", 404, Duration::from_micros(500));
        let mut out = String::new();
        m.write(&mut out);
        for line in [
            "xttm_http_requests_total{route=\"/lich\",method=\"GET\",status=\"200\"} 2",
            "xttm_http_requests_total{route=\"/lich\",method=\"GET\",status=\"500\"} 1",
            "xttm_http_requests_total{route=\"/su-kien/{id}\",method=\"GET\",status=\"404\"} 1",
            // cumulative: 3 ms is under 5 ms, 30 ms under 50 ms, 9 s only under +Inf
            "xttm_http_request_duration_seconds_bucket{route=\"/lich\",le=\"0.0025\"} 0",
            "xttm_http_request_duration_seconds_bucket{route=\"/lich\",le=\"0.005\"} 1",
            "xttm_http_request_duration_seconds_bucket{route=\"/lich\",le=\"0.05\"} 2",
            "xttm_http_request_duration_seconds_bucket{route=\"/lich\",le=\"5\"} 2",
            "xttm_http_request_duration_seconds_bucket{route=\"/lich\",le=\"+Inf\"} 3",
            "xttm_http_request_duration_seconds_count{route=\"/lich\"} 3",
            "xttm_http_request_duration_seconds_bucket{route=\"/su-kien/{id}\",le=\"0.001\"} 1",
        ] {
            assert!(out.lines().any(|l| l == line), "{line} in\n{out}");
        }
        assert_eq!(label("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
    }
}
