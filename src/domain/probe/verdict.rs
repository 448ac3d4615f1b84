//! Verdicts of the request checks: what an [`Observation`] means for reachability, for the
//! keyless `GET {base}/models`, and for the latency samples.
//!
//! What a page can know is limited, and the sentences say so: a failed request is DNS, a
//! refused connection, TLS or a CORS refusal, and only a terminal can tell which. Pairing a
//! `no-cors` request (which resolves whenever the server answered) with a `cors` one tells
//! "down" apart from "up, but refuses browser calls".

use super::curl::{cors_curl, latency_curl, reach_curl, read_curl};
use super::stats::{latency_outcome, LatencyStats, Thresholds};
use super::{
    fmt_ms, host_label, models_url, CheckId, CheckResult, HttpResponse, Observation, Outcome,
    TIMEOUT_MS,
};

/// The exact words the no-CORS verdict carries (the product promise: not "down").
pub const NO_BROWSER_CALLS: &str = "reachable, but this server does not allow calls from a browser";

/// Check 2: the `no-cors` request to `{base}/models`.
pub fn reach_result(obs: &Observation, base: &str) -> CheckResult {
    let host = host_label(base);
    let curl = reach_curl(&models_url(base));
    let (outcome, sentence) = match obs {
        Observation::Response(HttpResponse { timing, .. }) | Observation::Opaque(timing) => (
            Outcome::Reachable,
            format!("{host} answered in {}.", fmt_ms(timing.total_ms)),
        ),
        Observation::NetworkError(_) => (
            Outcome::Unreachable,
            format!(
                "The browser could not reach {host}. A page cannot tell a name that does not \
                 resolve (DNS) from a refused connection or a TLS failure: run the curl line from \
                 a terminal to see which. Check the host and port, and any VPN, proxy or firewall \
                 in between."
            ),
        ),
        Observation::TimedOut(_) => (
            Outcome::TimedOut,
            format!(
                "{host} did not answer within {} s. The host may drop the connection silently (a \
                 firewall), or a proxy may be stuck: run the curl line from a terminal.",
                TIMEOUT_MS / 1000
            ),
        ),
        Observation::Cancelled => (Outcome::Cancelled, "Cancelled.".to_owned()),
    };
    CheckResult::new(CheckId::Reach, outcome, sentence, curl)
}

/// Whether an answer is an HTML page (where an API answers JSON).
fn is_html(r: &HttpResponse) -> bool {
    let ct = r.content_type.to_ascii_lowercase();
    if ct.contains("html") {
        return true;
    }
    let b = r.body.trim_start().as_bytes();
    b.first() == Some(&b'<') && !ct.contains("json")
}

/// The `Retry-After` header of an answer, if exposed.
fn retry_after(r: &HttpResponse) -> Option<&str> {
    r.headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("retry-after"))
        .map(|(_, v)| v.as_str())
}

/// Check 3: the keyless `GET {base}/models` in `cors` mode, judged together with the
/// reachability observation `reach`. `page_origin` goes into the CORS curl line.
pub fn read_result(
    obs: &Observation,
    reach: &Observation,
    base: &str,
    page_origin: &str,
) -> CheckResult {
    let host = host_label(base);
    let url = models_url(base);
    let mut status = None;
    let (outcome, sentence) = match obs {
        Observation::Response(r) => {
            status = Some(r.status);
            let s = r.status;
            if is_html(r) {
                (
                    Outcome::WrongBaseHtml,
                    format!(
                        "{url} answered HTTP {s} with an HTML page, where an API answers JSON: the \
                         base URL points at a website or a wrong path. Check the path (often a \
                         missing or extra /v1) against the provider's documentation."
                    ),
                )
            } else if s == 404 {
                (
                    Outcome::WrongBaseNotFound,
                    format!(
                        "{url} answered 404 Not Found: the server is up, but this is not where \
                         its API lives. Check the path (often a missing or extra /v1)."
                    ),
                )
            } else if s == 401 || s == 403 {
                (
                    Outcome::AuthRequired,
                    format!(
                        "{host} answered {s} with an error, as an API does without a key: the \
                         base URL is right and the API is alive."
                    ),
                )
            } else if (200..300).contains(&s) {
                (
                    Outcome::OpenWithoutKey,
                    format!(
                        "{host} listed its models without a key (HTTP {s}): the base URL is right \
                         (a local server or an open gateway)."
                    ),
                )
            } else if s == 429 {
                let wait = retry_after(r)
                    .map(|v| format!(" It asks to retry after {v} s."))
                    .unwrap_or_default();
                (
                    Outcome::RateLimited,
                    format!(
                        "{host} answered 429 Too Many Requests even without a key: it is alive \
                         but limiting this address.{wait}"
                    ),
                )
            } else if s >= 500 {
                (
                    Outcome::ServerError,
                    format!(
                        "{host} answered HTTP {s}: the server or the provider behind it has a \
                         problem. Retry later, and check the provider's status page."
                    ),
                )
            } else {
                (
                    Outcome::UnexpectedStatus,
                    format!("{host} answered HTTP {s}, which an API listing rarely answers."),
                )
            }
        }
        Observation::Opaque(_) => (
            Outcome::NoBrowserCalls,
            format!("{host} is {NO_BROWSER_CALLS}."),
        ),
        Observation::NetworkError(_) if reach.answered() => (
            Outcome::NoBrowserCalls,
            format!(
                "{host} is {NO_BROWSER_CALLS}: it sends no CORS headers for this page, so the \
                 page may not read its answers. Apps, SDKs and terminals are not affected; to call \
                 it from a web page, go through your own backend or ask the operator to allow \
                 this origin. The curl line shows the headers it sends."
            ),
        ),
        Observation::NetworkError(_) => (
            Outcome::Unreachable,
            format!("The browser could not reach {host} (see the reachability check)."),
        ),
        Observation::TimedOut(_) => (
            Outcome::TimedOut,
            format!("{url} did not answer within {} s.", TIMEOUT_MS / 1000),
        ),
        Observation::Cancelled => (Outcome::Cancelled, "Cancelled.".to_owned()),
    };
    let curl = if outcome == Outcome::NoBrowserCalls {
        cors_curl(&url, page_origin)
    } else {
        read_curl(&url)
    };
    let mut result = CheckResult::new(CheckId::Read, outcome, sentence, curl);
    result.http_status = status;
    result
}

/// Check 4: the latency verdict over the run's statistics.
pub(crate) fn latency_result(
    stats: &LatencyStats,
    t: &Thresholds,
    base: &str,
    warm_planned: u32,
) -> CheckResult {
    let url = models_url(base);
    let curl = latency_curl(&url, warm_planned + 1);
    let outcome = latency_outcome(stats, t);
    let cold = match stats.cold_ms {
        Some(c) => format!("cold (first request) {}", fmt_ms(c)),
        None => "cold request lost".to_owned(),
    };
    let lost = format!(
        "{} of {} warm requests lost",
        stats.warm_lost, stats.warm_sent
    );
    let figures = match (stats.median_ms, stats.min_ms, stats.p90_ms, stats.max_ms) {
        (Some(med), Some(min), Some(p90), Some(max)) => format!(
            "Warm median {}, min {}, p90 {}, max {}, jitter {}; {lost}; {cold}.",
            fmt_ms(med),
            fmt_ms(min),
            fmt_ms(p90),
            fmt_ms(max),
            fmt_ms(stats.jitter_ms.unwrap_or(0.0)),
        ),
        _ => format!("No warm answer: {lost}; {cold}."),
    };
    let advice = match outcome {
        Outcome::Fast => "",
        Outcome::Slow => {
            " Slower than usual for a listing: a distant region, a proxy or a busy \
                           gateway adds time."
        }
        Outcome::VerySlow => {
            " Too slow: clients with short timeouts will fail. Check proxies, \
                               VPNs and the gateway's load."
        }
        Outcome::Jittery => {
            " Times vary a lot from one request to the next: an unstable network \
                              or an overloaded server."
        }
        Outcome::SomeLost => {
            " Some requests got no answer: an unstable network or a server that \
                               drops connections. Retries with backoff help."
        }
        Outcome::MostLost | Outcome::AllLost => {
            " Most requests got no answer: the server or \
                                                 the network path is failing."
        }
        _ => "",
    };
    let mut r = CheckResult::new(
        CheckId::Latency,
        outcome,
        format!("{figures}{advice}"),
        curl,
    );
    r.note = Some(match stats.phases {
        Some(p) => format!(
            "Phases (median of warm requests): DNS {}, connect {}, TLS {}, first byte {}, \
             download {}.",
            fmt_ms(p.dns_ms),
            fmt_ms(p.connect_ms),
            fmt_ms(p.tls_ms),
            fmt_ms(p.first_byte_ms),
            fmt_ms(p.download_ms)
        ),
        None => "This server does not send Timing-Allow-Origin, so the browser hides the DNS, \
                 connect, TLS and first-byte times: the figures are whole requests, including a few \
                 ms of the browser's own work. The curl line prints each phase."
            .to_owned(),
    });
    r
}
