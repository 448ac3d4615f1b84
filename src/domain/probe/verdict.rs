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
    cancelled, fmt_ms, host_label, models_url, CheckId, CheckResult, HttpResponse, Observation,
    Outcome, TIMEOUT_MS,
};
use crate::domain::locale::{Locale, OwnedText};

/// The exact words the no-CORS verdict carries (the product promise: not "down").
pub const NO_BROWSER_CALLS: &str = "reachable, but this server does not allow calls from a browser";
/// [`NO_BROWSER_CALLS`] in Chinese.
pub const NO_BROWSER_CALLS_ZH: &str = "可以访问，但这个服务器不允许从浏览器调用";

/// Check 2: the `no-cors` request to `{base}/models`.
pub fn reach_result(obs: &Observation, base: &str) -> CheckResult {
    let curl = reach_curl(&models_url(base));
    let secs = TIMEOUT_MS / 1000;
    let (outcome, sentence) = match obs {
        Observation::Response(HttpResponse { timing, .. }) | Observation::Opaque(timing) => {
            let ms = fmt_ms(timing.total_ms);
            (
                Outcome::Reachable,
                OwnedText::by(|l| {
                    let host = host_label(base, l);
                    l.pick(
                        format!("{host} answered in {ms}."),
                        format!("{host} 在 {ms} 内响应。"),
                    )
                }),
            )
        }
        Observation::NetworkError(_) => (
            Outcome::Unreachable,
            OwnedText::by(|l| {
                match l {
                Locale::En => format!(
                    "The browser could not reach {}. A page cannot tell a name that does not \
                     resolve (DNS) from a refused connection or a TLS failure: run the curl line \
                     from a terminal to see which. Check the host and port, and any VPN, proxy or \
                     firewall in between.",
                    host_label(base, l)
                ),
                Locale::ZhCn => format!(
                    "浏览器无法连接 {}。网页无法区分域名无法解析（DNS）、连接被拒绝和 TLS 失败：\
                     请在终端运行 curl 命令查看是哪一种。检查主机和端口，以及中间的 VPN、代理或防火墙。",
                    host_label(base, l)
                ),
            }
            }),
        ),
        Observation::TimedOut(_) => (
            Outcome::TimedOut,
            OwnedText::by(|l| match l {
                Locale::En => format!(
                    "{} did not answer within {secs} s. The host may drop the connection silently \
                     (a firewall), or a proxy may be stuck: run the curl line from a terminal.",
                    host_label(base, l)
                ),
                Locale::ZhCn => format!(
                    "{} 在 {secs} 秒内没有响应。主机可能在静默丢弃连接（防火墙），或者代理卡住了：\
                     请在终端运行 curl 命令。",
                    host_label(base, l)
                ),
            }),
        ),
        Observation::Cancelled => (Outcome::Cancelled, cancelled()),
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
    let url = models_url(base);
    let secs = TIMEOUT_MS / 1000;
    let mut status = None;
    // One sentence per locale; `h` is the host as that locale names it.
    let say = |en: &dyn Fn(&str) -> String, zh: &dyn Fn(&str) -> String| {
        OwnedText::by(|l| {
            let h = host_label(base, l);
            l.pick(en, zh)(&h)
        })
    };
    let (outcome, sentence) = match obs {
        Observation::Response(r) => {
            status = Some(r.status);
            let s = r.status;
            if is_html(r) {
                (
                    Outcome::WrongBaseHtml,
                    say(
                        &|_| {
                            format!(
                                "{url} answered HTTP {s} with an HTML page, where an API answers \
                                 JSON: the base URL points at a website or a wrong path. Check \
                                 the path (often a missing or extra /v1) against the provider's \
                                 documentation."
                            )
                        },
                        &|_| {
                            format!(
                                "{url} 返回了 HTTP {s} 和一个 HTML 页面，而 API 应该返回 JSON：\
                                 Base URL 指向了网站或错误的路径。请对照服务商文档检查路径\
                                 （常见是少了或多了 /v1）。"
                            )
                        },
                    ),
                )
            } else if s == 404 {
                (
                    Outcome::WrongBaseNotFound,
                    say(
                        &|_| {
                            format!(
                                "{url} answered 404 Not Found: the server is up, but this is not \
                                 where its API lives. Check the path (often a missing or extra \
                                 /v1)."
                            )
                        },
                        &|_| {
                            format!(
                                "{url} 返回 404 Not Found：服务器在线，但 API 不在这个路径下。\
                                 请检查路径（常见是少了或多了 /v1）。"
                            )
                        },
                    ),
                )
            } else if s == 401 || s == 403 {
                (
                    Outcome::AuthRequired,
                    say(
                        &|h| {
                            format!(
                                "{h} answered {s} with an error, as an API does without a key: \
                                 the base URL is right and the API is alive."
                            )
                        },
                        &|h| {
                            format!(
                                "{h} 返回了 {s} 错误，这正是 API 在没有密钥时的表现：\
                                 Base URL 正确，API 在正常工作。"
                            )
                        },
                    ),
                )
            } else if (200..300).contains(&s) {
                (
                    Outcome::OpenWithoutKey,
                    say(
                        &|h| {
                            format!(
                                "{h} listed its models without a key (HTTP {s}): the base URL is \
                                 right (a local server or an open gateway)."
                            )
                        },
                        &|h| {
                            format!(
                                "{h} 不需要密钥就列出了模型（HTTP {s}）：Base URL 正确\
                                 （本地服务或开放的网关）。"
                            )
                        },
                    ),
                )
            } else if s == 429 {
                let wait = retry_after(r);
                (
                    Outcome::RateLimited,
                    say(
                        &|h| {
                            let wait = wait
                                .map(|v| format!(" It asks to retry after {v} s."))
                                .unwrap_or_default();
                            format!(
                                "{h} answered 429 Too Many Requests even without a key: it is \
                                 alive but limiting this address.{wait}"
                            )
                        },
                        &|h| {
                            let wait = wait
                                .map(|v| format!("它要求 {v} 秒后重试。"))
                                .unwrap_or_default();
                            format!(
                                "{h} 在没有密钥时也返回了 429 Too Many Requests：服务在线，\
                                 但正在限制这个地址。{wait}"
                            )
                        },
                    ),
                )
            } else if s >= 500 {
                (
                    Outcome::ServerError,
                    say(
                        &|h| {
                            format!(
                                "{h} answered HTTP {s}: the server or the provider behind it has \
                                 a problem. Retry later, and check the provider's status page."
                            )
                        },
                        &|h| {
                            format!(
                                "{h} 返回 HTTP {s}：服务器或它背后的服务商出了问题。\
                                 稍后重试，并查看服务商的状态页。"
                            )
                        },
                    ),
                )
            } else {
                (
                    Outcome::UnexpectedStatus,
                    say(
                        &|h| format!("{h} answered HTTP {s}, which an API listing rarely answers."),
                        &|h| format!("{h} 返回 HTTP {s}，列出模型的接口很少返回这个状态。"),
                    ),
                )
            }
        }
        Observation::Opaque(_) => (
            Outcome::NoBrowserCalls,
            say(&|h| format!("{h} is {NO_BROWSER_CALLS}."), &|h| {
                format!("{h} {NO_BROWSER_CALLS_ZH}。")
            }),
        ),
        Observation::NetworkError(_) if reach.answered() => (
            Outcome::NoBrowserCalls,
            say(
                &|h| {
                    format!(
                        "{h} is {NO_BROWSER_CALLS}: it sends no CORS headers for this page, so \
                         the page may not read its answers. Apps, SDKs and terminals are not \
                         affected; to call it from a web page, go through your own backend or ask \
                         the operator to allow this origin. The curl line shows the headers it \
                         sends."
                    )
                },
                &|h| {
                    format!(
                        "{h} {NO_BROWSER_CALLS_ZH}：它没有为本页发送 CORS 头，所以本页读不到它的\
                         响应。应用、SDK 和终端不受影响；要在网页中调用它，请经由你自己的后端转发，\
                         或请运营方允许这个来源。curl 命令会显示它返回的响应头。"
                    )
                },
            ),
        ),
        Observation::NetworkError(_) => (
            Outcome::Unreachable,
            say(
                &|h| format!("The browser could not reach {h} (see the reachability check)."),
                &|h| format!("浏览器无法连接 {h}（见可达性检查）。"),
            ),
        ),
        Observation::TimedOut(_) => (
            Outcome::TimedOut,
            say(
                &|_| format!("{url} did not answer within {secs} s."),
                &|_| format!("{url} 在 {secs} 秒内没有响应。"),
            ),
        ),
        Observation::Cancelled => (Outcome::Cancelled, cancelled()),
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
    let f = |v: Option<f64>| fmt_ms(v.unwrap_or(0.0));
    let (warm_lost, warm_sent) = (stats.warm_lost, stats.warm_sent);
    let sentence = OwnedText::by(|l| {
        let cold = match (stats.cold_ms, l) {
            (Some(c), Locale::En) => format!("cold (first request) {}", fmt_ms(c)),
            (Some(c), Locale::ZhCn) => format!("冷请求（第一个请求）{}", fmt_ms(c)),
            (None, _) => l.pick("cold request lost", "冷请求丢失").to_owned(),
        };
        let lost = match l {
            Locale::En => format!("{warm_lost} of {warm_sent} warm requests lost"),
            Locale::ZhCn => format!("{warm_sent} 个热请求中丢失 {warm_lost} 个"),
        };
        let all = matches!(
            (stats.median_ms, stats.min_ms, stats.p90_ms, stats.max_ms),
            (Some(_), Some(_), Some(_), Some(_))
        );
        let figures = match (all, l) {
            (true, Locale::En) => format!(
                "Warm median {}, min {}, p90 {}, max {}, jitter {}; {lost}; {cold}.",
                f(stats.median_ms),
                f(stats.min_ms),
                f(stats.p90_ms),
                f(stats.max_ms),
                f(stats.jitter_ms),
            ),
            (true, Locale::ZhCn) => format!(
                "热请求中位数 {}，最小 {}，p90 {}，最大 {}，抖动 {}；{lost}；{cold}。",
                f(stats.median_ms),
                f(stats.min_ms),
                f(stats.p90_ms),
                f(stats.max_ms),
                f(stats.jitter_ms),
            ),
            (false, Locale::En) => format!("No warm answer: {lost}; {cold}."),
            (false, Locale::ZhCn) => format!("没有热请求得到响应：{lost}；{cold}。"),
        };
        let advice = match outcome {
            Outcome::Slow => l.pick(
                " Slower than usual for a listing: a distant region, a proxy or a busy gateway \
                 adds time.",
                "对列出模型来说偏慢：较远的区域、代理或繁忙的网关都会增加耗时。",
            ),
            Outcome::VerySlow => l.pick(
                " Too slow: clients with short timeouts will fail. Check proxies, VPNs and the \
                 gateway's load.",
                "太慢了：超时较短的客户端会失败。检查代理、VPN 和网关的负载。",
            ),
            Outcome::Jittery => l.pick(
                " Times vary a lot from one request to the next: an unstable network or an \
                 overloaded server.",
                "每次请求的耗时差别很大：网络不稳定，或服务器过载。",
            ),
            Outcome::SomeLost => l.pick(
                " Some requests got no answer: an unstable network or a server that drops \
                 connections. Retries with backoff help.",
                "部分请求没有得到响应：网络不稳定，或服务器在断开连接。带退避的重试会有帮助。",
            ),
            Outcome::MostLost | Outcome::AllLost => l.pick(
                " Most requests got no answer: the server or the network path is failing.",
                "大部分请求没有得到响应：服务器或网络路径出了故障。",
            ),
            _ => "",
        };
        format!("{figures}{advice}")
    });
    let mut r = CheckResult::new(CheckId::Latency, outcome, sentence, curl);
    r.note = Some(OwnedText::by(|l| {
        match (stats.phases, l) {
        (Some(p), Locale::En) => format!(
            "Phases (median of warm requests): DNS {}, connect {}, TLS {}, first byte {}, \
             download {}.",
            fmt_ms(p.dns_ms),
            fmt_ms(p.connect_ms),
            fmt_ms(p.tls_ms),
            fmt_ms(p.first_byte_ms),
            fmt_ms(p.download_ms)
        ),
        (Some(p), Locale::ZhCn) => format!(
            "各阶段耗时（热请求中位数）：DNS {}，连接 {}，TLS {}，首字节 {}，下载 {}。",
            fmt_ms(p.dns_ms),
            fmt_ms(p.connect_ms),
            fmt_ms(p.tls_ms),
            fmt_ms(p.first_byte_ms),
            fmt_ms(p.download_ms)
        ),
        (None, _) => l
            .pick(
                "This server does not send Timing-Allow-Origin, so the browser hides the DNS, \
                 connect, TLS and first-byte times: the figures are whole requests, including a \
                 few ms of the browser's own work. The curl line prints each phase.",
                "这个服务器没有发送 Timing-Allow-Origin，所以浏览器隐藏了 DNS、连接、TLS 和首字节\
                 的耗时：以上数字是整个请求的耗时，含浏览器自身几毫秒的开销。curl 命令会打印每个阶段。",
            )
            .to_owned(),
    }
    }));
    r
}
