//! The connection check's domain, natively: statistics, URL sanity, verdicts, whole runs
//! against scripted answers, the smoke test's requests and curl lines. Assertions are on kinds
//! (outcomes, verdicts, categories), not on wording, except the promised no-CORS phrase.
#![cfg(not(target_arch = "wasm32"))]

use keydoctor::domain::diagnose::Category;
use keydoctor::domain::locale::Locale;
use keydoctor::domain::probe::*;

const KEY: &str = "sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789";

fn sample(index: u32, ms: Option<f64>) -> Sample {
    Sample {
        index,
        cold: index == 0,
        ms,
        phases: None,
    }
}

/// A cold sample of 50 ms, then the warm ones.
fn samples(warm: &[Option<f64>]) -> Vec<Sample> {
    let mut v = vec![sample(0, Some(50.0))];
    v.extend(
        warm.iter()
            .enumerate()
            .map(|(i, ms)| sample(i as u32 + 1, *ms)),
    );
    v
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

/// Warm samples, then the expected min, median, p90, max, jitter and losses.
type StatsRow = (&'static [Option<f64>], f64, f64, f64, f64, f64, u32);

/// An answer, whether the server was reachable, and the expected outcome, verdict, category.
type SmokeRow = (
    Observation,
    Option<bool>,
    Outcome,
    Verdict,
    Option<Category>,
);

#[test]
fn statistics_table() {
    let table: &[StatsRow] = &[
        (&[Some(10.0)], 10.0, 10.0, 10.0, 10.0, 0.0, 0),
        (&[Some(10.0), Some(20.0)], 10.0, 15.0, 19.0, 20.0, 10.0, 0),
        (
            &[Some(30.0), Some(10.0), Some(20.0)],
            10.0,
            20.0,
            28.0,
            30.0,
            15.0,
            0,
        ),
        (
            &[
                Some(1.0),
                Some(2.0),
                Some(3.0),
                Some(4.0),
                Some(5.0),
                Some(6.0),
                Some(7.0),
                Some(8.0),
                Some(9.0),
                Some(10.0),
            ],
            1.0,
            5.5,
            9.1,
            10.0,
            1.0,
            0,
        ),
        // Losses are left out of every figure, and jitter skips over them.
        (
            &[Some(100.0), None, Some(120.0), None],
            100.0,
            110.0,
            118.0,
            120.0,
            20.0,
            2,
        ),
    ];
    for (warm, min, median, p90, max, jitter, lost) in table {
        let s = latency_stats(&samples(warm));
        let ctx = format!("{warm:?}");
        assert!(close(s.min_ms, *min), "min {ctx}: {:?}", s.min_ms);
        assert!(
            close(s.median_ms, *median),
            "median {ctx}: {:?}",
            s.median_ms
        );
        assert!(close(s.p90_ms, *p90), "p90 {ctx}: {:?}", s.p90_ms);
        assert!(close(s.max_ms, *max), "max {ctx}: {:?}", s.max_ms);
        assert!(
            close(s.jitter_ms, *jitter),
            "jitter {ctx}: {:?}",
            s.jitter_ms
        );
        assert_eq!(s.warm_lost, *lost, "lost {ctx}");
        assert_eq!(s.warm_sent, warm.len() as u32);
        // The cold sample is apart.
        assert!(close(s.cold_ms, 50.0));
    }
}

#[test]
fn cold_sample_never_counts_as_warm() {
    // A slow cold request (new connection) must not move the warm median.
    let mut v = samples(&[Some(10.0), Some(10.0), Some(10.0)]);
    v[0].ms = Some(5_000.0);
    let s = latency_stats(&v);
    assert!(close(s.median_ms, 10.0));
    assert!(close(s.max_ms, 10.0));
    assert!(close(s.cold_ms, 5_000.0));
}

#[test]
fn statistics_of_nothing() {
    let s = latency_stats(&[]);
    assert_eq!(s.median_ms, None);
    assert_eq!(s.cold_ms, None);
    assert_eq!(s.warm_sent, 0);
    let s = latency_stats(&samples(&[None, None]));
    assert_eq!(s.median_ms, None);
    assert_eq!(s.warm_lost, 2);
    assert_eq!(quantile(&[], 0.5), None);
    // Non-finite durations never poison the figures.
    let s = latency_stats(&samples(&[Some(f64::NAN), Some(7.0)]));
    assert!(close(s.median_ms, 7.0));
}

#[test]
fn ms_formatting_without_floats() {
    for (ms, want) in [
        (0.0, "0.0 ms"),
        (203.44, "203.4 ms"),
        (203.46, "203.5 ms"),
        (-3.0, "0.0 ms"),
        (f64::NAN, "–"),
    ] {
        assert_eq!(fmt_ms(ms), want);
    }
}

/// Runs a whole check where every warm request takes `warm_ms` (or is lost) and returns the
/// latency outcome.
fn latency_outcome_of(warm: &[Option<f64>]) -> Outcome {
    let mut run = Run::new(
        "http://127.0.0.1:9/v1",
        warm.len() as u32,
        "http://127.0.0.1:8",
        Thresholds::DEFAULT,
    );
    let t = |ms: f64| Timing {
        total_ms: ms,
        phases: None,
    };
    run.record(Observation::Opaque(t(30.0)));
    run.record(Observation::Response(HttpResponse {
        status: 401,
        content_type: "application/json".into(),
        body: "{}".into(),
        ..Default::default()
    }));
    for ms in warm {
        if run.next_step().is_none() {
            break;
        }
        run.record(match ms {
            Some(ms) => Observation::Opaque(t(*ms)),
            None => Observation::TimedOut(t(5_000.0)),
        });
    }
    let report = run.report();
    assert_eq!(report.state, RunState::Done);
    report.check(CheckId::Latency).expect("latency ran").outcome
}

#[test]
fn latency_verdict_table() {
    let steady = |ms: f64, n: usize| vec![Some(ms); n];
    let table: Vec<(Vec<Option<f64>>, Outcome)> = vec![
        (steady(40.0, 10), Outcome::Fast),
        (steady(1_200.0, 10), Outcome::Slow),
        (steady(3_500.0, 10), Outcome::VerySlow),
        (
            [Some(10.0), Some(900.0)].repeat(5), // jitter 890 ms
            Outcome::Jittery,
        ),
        (
            {
                let mut v = steady(40.0, 9);
                v.push(None);
                v
            },
            Outcome::SomeLost,
        ),
        ([Some(40.0), None].repeat(5), Outcome::MostLost),
        (vec![None; 10], Outcome::AllLost),
    ];
    for (warm, want) in table {
        assert_eq!(latency_outcome_of(&warm), want, "{warm:?}");
        assert!(matches!(
            want.verdict(),
            Verdict::Pass | Verdict::Warn | Verdict::Fail
        ));
    }
}

#[test]
fn latency_stops_after_losses_in_a_row() {
    // A dead server costs three timeouts, not fifty.
    let mut run = Run::new(
        "http://127.0.0.1:9/v1",
        50,
        "http://127.0.0.1:8",
        Thresholds::DEFAULT,
    );
    let t = Timing::default();
    run.record(Observation::Opaque(t));
    run.record(Observation::NetworkError(t));
    let mut n = 0;
    while run.next_step().is_some() {
        run.record(Observation::TimedOut(t));
        n += 1;
    }
    assert_eq!(n, Thresholds::DEFAULT.stop_after_losses);
    let r = run.report();
    assert_eq!(r.check(CheckId::Latency).unwrap().outcome, Outcome::AllLost);
}

#[test]
fn url_table() {
    // (typed, page is https, outcome, base the checks use)
    let table: &[(&str, bool, Outcome, Option<&str>)] = &[
        (
            "https://api.openai.com/v1",
            true,
            Outcome::UrlOk,
            Some("https://api.openai.com/v1"),
        ),
        (
            "https://api.openai.com/v1/",
            true,
            Outcome::UrlOk,
            Some("https://api.openai.com/v1"),
        ),
        (
            "  https://api.openai.com/v1\n",
            true,
            Outcome::UrlWhitespace,
            Some("https://api.openai.com/v1"),
        ),
        ("", true, Outcome::UrlEmpty, None),
        ("api.openai.com/v1", true, Outcome::UrlNoScheme, None),
        ("ftp://api.openai.com/v1", true, Outcome::UrlBadScheme, None),
        (
            "https://user:pw@api.openai.com/v1",
            true,
            Outcome::UrlCredentials,
            None,
        ),
        (
            "https://api.open ai.com/v1",
            true,
            Outcome::UrlInvalid,
            None,
        ),
        ("https:///v1", true, Outcome::UrlInvalid, None),
        (
            "http://gateway.example.com/v1",
            true,
            Outcome::UrlMixedContent,
            None,
        ),
        (
            "http://gateway.example.com/v1",
            false,
            Outcome::UrlInsecureHttp,
            Some("http://gateway.example.com/v1"),
        ),
        (
            "http://127.0.0.1:3000/v1",
            true,
            Outcome::UrlOk,
            Some("http://127.0.0.1:3000/v1"),
        ),
        (
            "https://api.openai.com/v1/chat/completions",
            true,
            Outcome::UrlEndpointPath,
            Some("https://api.openai.com/v1"),
        ),
        (
            "https://gw.example.com/v1/v1",
            true,
            Outcome::UrlDoubledV1,
            Some("https://gw.example.com/v1/v1"),
        ),
        (
            "https://api.openai.com",
            true,
            Outcome::UrlMissingV1,
            Some("https://api.openai.com"),
        ),
        (
            "https://generativelanguage.googleapis.com/v1beta",
            true,
            Outcome::UrlMissingV1,
            Some("https://generativelanguage.googleapis.com/v1beta"),
        ),
        (
            "https://gw.example.com/v1?x=1",
            true,
            Outcome::UrlQuery,
            Some("https://gw.example.com/v1"),
        ),
    ];
    for (typed, https, outcome, base) in table {
        let c = check_url(typed, *https, None);
        assert_eq!(c.result.outcome, *outcome, "{typed:?}");
        assert_eq!(c.result.verdict, outcome.verdict());
        assert_eq!(c.base.as_deref(), *base, "{typed:?}");
    }
    // A key for another platform than the URL's is named (the key itself goes nowhere).
    let run = Run::with_key(
        "https://api.anthropic.com/v1",
        Some(KEY),
        1,
        "https://kd.example",
        Thresholds::DEFAULT,
    );
    let url = run.report().checks[0].clone();
    assert_eq!(url.outcome, Outcome::UrlProviderMismatch);
    assert!(!format!("{:?}", run.report()).contains(&KEY[..12]));
    // Every preset is a clean base URL.
    for p in PRESETS.iter().filter(|p| !p.base_url.is_empty()) {
        assert_eq!(
            check_url(p.base_url, true, None).result.outcome,
            Outcome::UrlOk,
            "{}",
            p.id
        );
    }
}

fn json(status: u16, body: &str) -> Observation {
    Observation::Response(HttpResponse {
        status,
        content_type: "application/json".into(),
        body: body.into(),
        ..Default::default()
    })
}

fn html(status: u16) -> Observation {
    Observation::Response(HttpResponse {
        status,
        content_type: "text/html".into(),
        body: "<html><body>404 Not Found</body></html>".into(),
        ..Default::default()
    })
}

#[test]
fn reach_and_read_table() {
    let t = Timing::default();
    let up = Observation::Opaque(t);
    let down = Observation::NetworkError(t);
    let base = "http://127.0.0.1:9/v1";
    assert_eq!(reach_result(&up, base).outcome, Outcome::Reachable);
    assert_eq!(reach_result(&down, base).outcome, Outcome::Unreachable);
    assert_eq!(
        reach_result(&Observation::TimedOut(t), base).outcome,
        Outcome::TimedOut
    );
    // (read observation, reach observation, outcome)
    let table: Vec<(Observation, &Observation, Outcome)> = vec![
        (json(401, r#"{"error":{}}"#), &up, Outcome::AuthRequired),
        (json(403, r#"{"error":{}}"#), &up, Outcome::AuthRequired),
        (json(200, r#"{"data":[]}"#), &up, Outcome::OpenWithoutKey),
        (html(404), &up, Outcome::WrongBaseHtml),
        (html(200), &up, Outcome::WrongBaseHtml),
        (
            json(404, r#"{"error":"not found"}"#),
            &up,
            Outcome::WrongBaseNotFound,
        ),
        (json(429, "{}"), &up, Outcome::RateLimited),
        (json(502, "{}"), &up, Outcome::ServerError),
        (json(418, "{}"), &up, Outcome::UnexpectedStatus),
        (down.clone(), &up, Outcome::NoBrowserCalls),
        (down.clone(), &down, Outcome::Unreachable),
        (Observation::TimedOut(t), &up, Outcome::TimedOut),
    ];
    for (obs, reach, want) in table {
        let r = read_result(&obs, reach, base, "http://127.0.0.1:8");
        assert_eq!(r.outcome, want, "{obs:?}");
        assert_eq!(r.verdict, want.verdict());
        assert!(r.curl.starts_with("curl "), "{}", r.curl);
    }
}

// The product promise: a server that refuses browser reads is "reachable, but ...", not down.
#[test]
fn no_cors_server_is_reachable_not_down() {
    let mut run = Run::new(
        "http://127.0.0.1:9/v1",
        3,
        "http://127.0.0.1:8",
        Thresholds::DEFAULT,
    );
    let t = Timing {
        total_ms: 2.0,
        phases: None,
    };
    assert_eq!(run.next_step().unwrap().request.mode, Mode::NoCors);
    run.record(Observation::Opaque(t));
    assert_eq!(run.next_step().unwrap().request.mode, Mode::Cors);
    run.record(Observation::NetworkError(t));
    // Latency falls back to no-cors requests, which still time a server that answers.
    while let Some(step) = run.next_step() {
        assert_eq!(step.request.mode, Mode::NoCors);
        run.record(Observation::Opaque(t));
    }
    let r = run.report();
    let reach = r.check(CheckId::Reach).unwrap();
    let read = r.check(CheckId::Read).unwrap();
    assert_eq!(reach.verdict, Verdict::Pass);
    assert_eq!(read.outcome, Outcome::NoBrowserCalls);
    assert_eq!(read.verdict, Verdict::Warn);
    assert!(
        read.sentence.en.contains(NO_BROWSER_CALLS),
        "{}",
        read.sentence.en
    );
    assert!(
        read.sentence.zh.contains(NO_BROWSER_CALLS_ZH),
        "{}",
        read.sentence.zh
    );
    assert!(
        read.curl.contains("Origin: http://127.0.0.1:8"),
        "{}",
        read.curl
    );
    assert_eq!(r.check(CheckId::Latency).unwrap().outcome, Outcome::Fast);
}

#[test]
fn whole_run_against_a_healthy_gateway() {
    let mut run = Run::new(
        "http://127.0.0.1:9/cors/v1",
        10,
        "http://127.0.0.1:8",
        Thresholds::DEFAULT,
    );
    assert_eq!(run.report().state, RunState::Running);
    let mut urls = Vec::new();
    while let Some(step) = run.next_step() {
        assert_eq!(step.request.method, Method::Get);
        assert!(step.request.headers.is_empty(), "no key before consent");
        assert!(step.request.timeout_ms <= TIMEOUT_MS);
        urls.push(step.request.url.clone());
        run.record(match step.check {
            CheckId::Reach => Observation::Opaque(Timing {
                total_ms: 9.0,
                phases: None,
            }),
            _ => Observation::Response(HttpResponse {
                status: 401,
                content_type: "application/json".into(),
                body: "{}".into(),
                timing: Timing {
                    total_ms: 2.0,
                    phases: Some(Phases {
                        first_byte_ms: 1.5,
                        ..Default::default()
                    }),
                },
                ..Default::default()
            }),
        });
    }
    let r = run.report();
    assert_eq!(r.state, RunState::Done);
    assert_eq!(r.requests, 12);
    assert!(urls
        .iter()
        .all(|u| u == "http://127.0.0.1:9/cors/v1/models"));
    let kinds: Vec<(CheckId, Outcome)> = r.checks.iter().map(|c| (c.check, c.outcome)).collect();
    assert_eq!(
        kinds,
        vec![
            (CheckId::Url, Outcome::UrlOk),
            (CheckId::Reach, Outcome::Reachable),
            (CheckId::Read, Outcome::AuthRequired),
            (CheckId::Latency, Outcome::Fast),
        ]
    );
    assert!(close(r.stats.cold_ms, 9.0));
    assert!(close(r.stats.median_ms, 2.0));
    assert!(r.stats.phases.is_some());
    assert_eq!(r.progress.done, r.progress.total);
}

#[test]
fn unreachable_server_skips_the_rest() {
    let mut run = Run::new(
        "http://127.0.0.1:9/v1",
        10,
        "http://127.0.0.1:8",
        Thresholds::DEFAULT,
    );
    run.record(Observation::NetworkError(Timing::default()));
    assert!(run.next_step().is_none());
    let r = run.report();
    assert_eq!(r.requests, 1);
    assert_eq!(
        r.check(CheckId::Reach).unwrap().outcome,
        Outcome::Unreachable
    );
    assert_eq!(r.check(CheckId::Read).unwrap().outcome, Outcome::Skipped);
    assert_eq!(r.check(CheckId::Latency).unwrap().verdict, Verdict::Skip);
    assert_eq!(run.reachable(), Some(false));
}

#[test]
fn bad_url_sends_nothing() {
    let run = Run::new("ftp://x/v1", 10, "https://kd.example", Thresholds::DEFAULT);
    assert!(run.next_step().is_none());
    assert_eq!(run.report().state, RunState::Done);
    assert_eq!(run.report().requests, 0);
}

#[test]
fn cancel_mid_run() {
    let mut run = Run::new(
        "http://127.0.0.1:9/v1",
        10,
        "http://127.0.0.1:8",
        Thresholds::DEFAULT,
    );
    run.record(Observation::Opaque(Timing::default()));
    run.record(json(401, "{}"));
    run.record(Observation::Opaque(Timing::default()));
    run.record(Observation::Cancelled);
    assert!(run.next_step().is_none());
    let r = run.report();
    assert_eq!(r.state, RunState::Cancelled);
    assert_eq!(
        r.check(CheckId::Latency).unwrap().outcome,
        Outcome::Cancelled
    );
    assert_eq!(r.stats.warm_sent, 1);
    // Cancelling twice, or after the end, changes nothing.
    run.cancel();
    assert_eq!(run.report().checks.len(), r.checks.len());
}

#[test]
fn request_budget_is_never_exceeded() {
    for warm in [0, 1, 10, 50, 51, 1_000, u32::MAX] {
        let mut run = Run::new(
            "http://127.0.0.1:9/v1",
            warm,
            "http://127.0.0.1:8",
            Thresholds::DEFAULT,
        );
        assert!(run.warm() >= 1 && run.warm() <= MAX_WARM);
        let mut n = 0;
        while run.next_step().is_some() {
            run.record(json(401, "{}"));
            n += 1;
        }
        // One more for the smoke test still fits.
        assert!(n < MAX_REQUESTS, "{warm}: {n}");
        assert_eq!(run.report().requests, n);
    }
}

#[test]
fn smoke_requests_per_style() {
    let base = "http://127.0.0.1:9/v1";
    // (style, kind, key header, url suffix, method)
    let table = [
        (
            ApiStyle::OpenAi,
            SmokeKind::Models,
            "Authorization",
            "/v1/models",
            Method::Get,
        ),
        (
            ApiStyle::OpenAi,
            SmokeKind::Chat,
            "Authorization",
            "/v1/chat/completions",
            Method::Post,
        ),
        (
            ApiStyle::Anthropic,
            SmokeKind::Models,
            "x-api-key",
            "/v1/models",
            Method::Get,
        ),
        (
            ApiStyle::Anthropic,
            SmokeKind::Chat,
            "x-api-key",
            "/v1/messages",
            Method::Post,
        ),
        (
            ApiStyle::Gemini,
            SmokeKind::Chat,
            "x-goog-api-key",
            "/v1/chat/completions",
            Method::Post,
        ),
    ];
    for (style, kind, header, suffix, method) in table {
        let req = smoke_request(base, style, kind, &format!(" {KEY}\n"), "m-1");
        assert_eq!(req.mode, Mode::Cors);
        assert_eq!(req.method, method);
        assert!(req.url.ends_with(suffix), "{}", req.url);
        let value = req
            .headers
            .iter()
            .find(|(n, _)| n == header)
            .map(|(_, v)| v.as_str());
        let want = if style == ApiStyle::OpenAi {
            format!("Bearer {KEY}")
        } else {
            KEY.to_owned()
        };
        assert_eq!(value, Some(want.as_str()), "{style:?}");
        let has = |n: &str| req.headers.iter().any(|(h, _)| h == n);
        assert_eq!(
            has("anthropic-dangerous-direct-browser-access"),
            style == ApiStyle::Anthropic
        );
        assert_eq!(has("anthropic-version"), style == ApiStyle::Anthropic);
        if kind == SmokeKind::Chat {
            let body: serde_json::Value =
                serde_json::from_str(req.body.as_deref().unwrap()).unwrap();
            assert_eq!(body["max_tokens"], 1);
            assert_eq!(body["model"], "m-1");
            assert_eq!(body["messages"][0]["content"], "ping");
        }
        // The key is never in a curl line nor in debug output.
        let curl = smoke_curl(base, style, kind, "m-1");
        assert!(curl.contains("$API_KEY"), "{curl}");
        assert!(!curl.contains(KEY));
        assert!(!format!("{req:?}").contains(KEY));
    }
    // A model id with quotes or control characters still makes valid JSON.
    let odd = "m\"o\\d\nel\u{1}";
    let req = smoke_request(base, ApiStyle::OpenAi, SmokeKind::Chat, KEY, odd);
    let body: serde_json::Value = serde_json::from_str(req.body.as_deref().unwrap()).unwrap();
    assert_eq!(body["model"], odd);
    assert_eq!(
        ApiStyle::for_url("https://api.anthropic.com/v1"),
        ApiStyle::Anthropic
    );
    assert_eq!(
        ApiStyle::for_url("https://generativelanguage.googleapis.com/v1beta/openai"),
        ApiStyle::Gemini
    );
    assert_eq!(
        ApiStyle::for_url("http://127.0.0.1:1/anthropic/v1"),
        ApiStyle::OpenAi
    );
}

#[test]
fn smoke_verdict_table() {
    let base = "http://127.0.0.1:9/v1";
    let rl = Observation::Response(HttpResponse {
        status: 429,
        content_type: "application/json".into(),
        headers: vec![("retry-after".into(), "20".into())],
        body: r#"{"error":{"message":"Rate limit reached for requests","type":"requests","code":"rate_limit_exceeded"}}"#.into(),
        ..Default::default()
    });
    // (answer, reachable, outcome, verdict, category)
    let table: Vec<SmokeRow> = vec![
        (
            json(200, r#"{"data":[]}"#),
            Some(true),
            Outcome::KeyWorks,
            Verdict::Pass,
            None,
        ),
        (
            json(
                401,
                r#"{"error":{"message":"Incorrect API key provided: sk-proj-****6789.","type":"invalid_request_error","code":"invalid_api_key"}}"#,
            ),
            Some(true),
            Outcome::ApiError,
            Verdict::Fail,
            Some(Category::InvalidKey),
        ),
        (
            rl,
            Some(true),
            Outcome::ApiError,
            Verdict::Warn,
            Some(Category::RateLimited),
        ),
        (
            json(
                403,
                r#"{"error":{"message":"用户额度不足, 剩余额度: ＄0.000000","type":"one_api_error","code":"insufficient_user_quota"}}"#,
            ),
            Some(true),
            Outcome::ApiError,
            Verdict::Fail,
            Some(Category::QuotaExhausted),
        ),
        (
            json(
                400,
                r#"[{"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT","details":[{"reason":"API_KEY_INVALID"}]}}]"#,
            ),
            Some(true),
            Outcome::ApiError,
            Verdict::Fail,
            Some(Category::InvalidKey),
        ),
        (
            Observation::NetworkError(Timing::default()),
            Some(true),
            Outcome::NoBrowserCalls,
            Verdict::Warn,
            None,
        ),
        (
            Observation::NetworkError(Timing::default()),
            Some(false),
            Outcome::Unreachable,
            Verdict::Fail,
            None,
        ),
        (
            Observation::TimedOut(Timing::default()),
            None,
            Outcome::TimedOut,
            Verdict::Fail,
            None,
        ),
    ];
    for (obs, reachable, outcome, verdict, category) in table {
        let r = smoke_result(
            &obs,
            reachable,
            base,
            ApiStyle::OpenAi,
            SmokeKind::Models,
            "",
            KEY,
            &[],
            Locale::En,
        );
        assert_eq!(r.outcome, outcome, "{obs:?}");
        assert_eq!(r.verdict, verdict, "{obs:?}");
        assert_eq!(
            r.diagnosis.as_ref().map(|d| d.category),
            category,
            "{obs:?}"
        );
        assert!(!r.curl.contains(KEY));
    }
}

// A gateway that echoes the key in its error must not get it shown or handed to panel 1.
#[test]
fn echoed_key_is_scrubbed_from_the_answer() {
    let body = format!(
        r#"{{"error":{{"message":"invalid key {KEY} for {}"}}}}"#,
        &KEY[3..20]
    );
    let obs = json(401, &body);
    let text = answer_text(&obs, KEY).unwrap();
    assert!(
        !text.contains(&KEY[..12]) && !text.contains(&KEY[3..15]),
        "{text}"
    );
    assert!(text.starts_with("HTTP 401"));
    let r = smoke_result(
        &obs,
        Some(true),
        "http://127.0.0.1:9/v1",
        ApiStyle::OpenAi,
        SmokeKind::Models,
        "",
        KEY,
        &[],
        Locale::En,
    );
    let shown = serde_json::to_string(&r).unwrap();
    assert!(!shown.contains(&KEY[5..17]), "{shown}");
    assert_eq!(scrub_key("nothing here", KEY), "nothing here");
    assert_eq!(scrub_key("x", ""), "x");
}

#[test]
fn curl_lines_quote_for_the_shell() {
    assert_eq!(shell_quote("a'b"), r"'a'\''b'");
    let r = reach_result(
        &Observation::NetworkError(Timing::default()),
        "https://it's.example/v1",
    );
    assert!(
        r.curl.contains(r"'https://it'\''s.example/v1/models'"),
        "{}",
        r.curl
    );
}

#[test]
fn outcome_ids_are_unique_and_snake_case() {
    use std::collections::HashSet;
    let all = [
        Outcome::UrlOk,
        Outcome::Reachable,
        Outcome::Unreachable,
        Outcome::AuthRequired,
        Outcome::WrongBaseHtml,
        Outcome::NoBrowserCalls,
        Outcome::RateLimited,
        Outcome::Fast,
        Outcome::KeyWorks,
        Outcome::ApiError,
        Outcome::TimedOut,
        Outcome::Cancelled,
    ];
    let ids: HashSet<&str> = all.iter().map(|o| o.id()).collect();
    assert_eq!(ids.len(), all.len());
    for o in all {
        let json = serde_json::to_string(&o).unwrap();
        assert_eq!(json, format!("\"{}\"", o.id()));
    }
}

/// Regression: the Sanitize panel shares the key as a header value (`Bearer sk-...`), and the
/// smoke test sent `Authorization: Bearer Bearer sk-...`.
#[test]
fn smoke_request_does_not_double_the_bearer_prefix() {
    use keydoctor::domain::probe::{smoke_request, ApiStyle, SmokeKind};
    for key in ["Bearer sk-abc123", "bearer  sk-abc123", "sk-abc123"] {
        let req = smoke_request(
            "https://api.example.com/v1",
            ApiStyle::OpenAi,
            SmokeKind::Models,
            key,
            "",
        );
        let auth = req
            .headers
            .iter()
            .find(|(n, _)| n == "Authorization")
            .map(|(_, v)| v.as_str());
        assert_eq!(auth, Some("Bearer sk-abc123"), "{key}");
    }
}
