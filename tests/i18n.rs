//! Every text the domain hands the panels exists in English and in Simplified Chinese: key-lint
//! findings, base-URL findings and every verdict of the connection check, table-driven over
//! inputs that reach every id and outcome. A Chinese text must differ from the English one and
//! hold Chinese characters (a copied English string would not); the English texts stay what the
//! command line and the support bundle print.

use std::collections::BTreeSet;

use keydoctor::domain::baseurl::{lint_base_url_for_key, lint_base_url_in, URL_TEXTS};
use keydoctor::domain::keylint::{lint_key, lint_key_in, Detail, FINDING_IDS, FINDING_TEXTS};
use keydoctor::domain::locale::{has_cjk, Locale, OwnedText};
use keydoctor::domain::probe::*;

/// `en` and `zh` are both said, differ, and `zh` is Chinese.
fn check_pair(what: &str, en: &str, zh: &str) {
    assert!(!en.trim().is_empty(), "{what}: empty English text");
    assert!(!zh.trim().is_empty(), "{what}: empty Chinese text");
    assert_ne!(en, zh, "{what}: the Chinese text is the English one");
    assert!(has_cjk(zh), "{what}: no Chinese in {zh:?}");
}

fn check_text(what: &str, t: &OwnedText) {
    check_pair(what, &t.en, &t.zh);
}

#[test]
fn every_key_lint_text_is_in_both_languages() {
    let ids: BTreeSet<&str> = FINDING_TEXTS.iter().map(|t| t.id).collect();
    assert_eq!(
        ids,
        FINDING_IDS.into_iter().collect(),
        "one row per finding id"
    );
    for t in FINDING_TEXTS {
        check_pair(t.id, t.sentence.en, t.sentence.zh);
        check_pair(t.id, t.fix.en, t.fix.zh);
    }
    for d in [
        Detail::Empty,
        Detail::Short { min: 164, len: 40 },
        Detail::Mismatch {
            key: "Anthropic",
            host: "OpenAI",
        },
        Detail::UnknownHeader("X-Api-Kye".into()),
        Detail::ExpectedHeader {
            who: Some("Anthropic"),
            want: "x-api-key",
        },
        Detail::ExpectedHeader {
            who: None,
            want: "authorization",
        },
    ] {
        check_pair(
            &format!("{d:?}"),
            &d.text(Locale::En),
            &d.text(Locale::ZhCn),
        );
    }
}

/// (value, header, base URL): together they raise every key-lint finding.
const KEY_CASES: &[(&str, Option<&str>, Option<&str>)] = &[
    (
        " sk-proj-zpwhxGDcZ9ZZ2iR8nECbX_du0nOe1A4SVOcNh47c3Qe1Pmtw85dqu48K_LSISXJgUHycjiee7vT3BlbkFJR\n",
        None,
        None,
    ),
    ("sk-proj-zpwhxGDcZ9ZZ2iR8 nECbX_du0nOe1A4SVOcNh47c3Qe1Pmtw85dqu48K_LSISXJgUHycjiee7vT3BlbkFJR", None, None),
    ("sk-proj-zpwhxGDcZ9ZZ2iR8\u{200b}nECbX_du0nOe1A4SVOcNh47c3Qe1Pmtw85dqu48K_LSISXJgUHycjiee7vT3BlbkFJR", None, None),
    ("\u{201c}sk-proj-zpwhxGDcZ9ZZ2iR8nECbX_du0nOe1A4SVOcNh47c3Qe1Pmtw85dqu48K_LSISXJgUHycjiee7vT3BlbkFJR\u{201d}", None, None),
    ("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", Some("Authorization"), None),
    ("Bearer Bearer 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", Some("Authorization"), None),
    ("sk-ant-api03-VWq1FvYOlKC3t9LOH6WHhRCChmVY_ieP_coSHIg4hV952XBYO", Some("Authorization"), Some("https://api.anthropic.com/v1")),
    ("sk-ant-api03-VWq1FvYOlKC3t9LOH6WHhRCChmVY_ieP_coSHIg4hV952XBYO", Some("x-api-kye"), None),
    ("Bearer sk-ant-api03-VWq1FvYOlKC3t9LOH6WHhRCChmVY_ieP_coSHIg4hV952XBYO", Some("Authorization"), Some("https://api.openai.com/v1")),
    ("sk-proj-zpwhxGDcZ9ZZ", None, None),
    ("sk-proj-****************3xQa", None, None),
    ("sk-...", None, None),
    ("", None, None),
    ("$OPENAI_API_KEY", None, None),
    ("Bearer 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", Some("Authorization"), Some("https://api.groq.com/openai/v1")),
];

#[test]
fn key_lint_findings_are_said_in_both_languages() {
    let mut seen = BTreeSet::new();
    for (value, header, base) in KEY_CASES {
        let en = lint_key(value, *header, *base);
        let zh = lint_key_in(value, *header, *base, Locale::ZhCn);
        assert_eq!(lint_key_in(value, *header, *base, Locale::En), en);
        assert_eq!(
            en.iter().map(|f| f.id).collect::<Vec<_>>(),
            zh.iter().map(|f| f.id).collect::<Vec<_>>(),
            "the same findings in every language"
        );
        for (e, z) in en.iter().zip(&zh) {
            seen.insert(e.id);
            check_pair(e.id, e.sentence, z.sentence);
            check_pair(e.id, e.fix, z.fix);
            match (&e.detail, &z.detail) {
                (Some(de), Some(dz)) => check_pair(e.id, de, dz),
                (None, None) => {}
                _ => panic!("{}: a detail in one language only", e.id),
            }
        }
    }
    assert_eq!(
        seen,
        FINDING_IDS.into_iter().collect(),
        "every finding reached"
    );
}

const URL_IDS: [&str; 11] = [
    "invalid_url",
    "whitespace",
    "missing_scheme",
    "insecure_http",
    "missing_v1",
    "doubled_v1",
    "endpoint_path_as_base",
    "gemini_openai_compat",
    "query_or_fragment",
    "provider_mismatch",
    "ok",
];

#[test]
fn base_url_findings_are_said_in_both_languages() {
    let ids: BTreeSet<&str> = URL_TEXTS.iter().map(|(id, _, _)| *id).collect();
    assert_eq!(ids, URL_IDS.into_iter().collect(), "one row per finding id");
    for (id, sentence, fix) in URL_TEXTS {
        check_pair(id, sentence.en, sentence.zh);
        check_pair(id, fix.en, fix.zh);
    }
    let cases: &[(&str, Option<&str>)] = &[
        ("", None),
        ("https://api.openai.com/v1 \n", None),
        ("api.openai.com/v1", None),
        ("http://gateway.example.com/v1", None),
        ("https://api.openai.com", None),
        ("https://gw.example.com/v1/v1", None),
        ("https://api.openai.com/v1/chat/completions", None),
        ("https://generativelanguage.googleapis.com/v1beta", None),
        ("https://gw.example.com/v1?x=1", None),
        (
            "https://api.anthropic.com/v1",
            Some("sk-proj-zpwhxGDcZ9ZZ2iR8nECbX_du0nOe1A4SVOcNh47c3Qe1Pmtw85dqu48K_LSISXJgUHycjiee7vT3BlbkFJR"),
        ),
        ("https://api.openai.com/v1", None),
    ];
    let mut seen = BTreeSet::new();
    for (url, key) in cases {
        let en = lint_base_url_for_key(url, *key);
        let zh = lint_base_url_in(url, *key, Locale::ZhCn);
        assert_eq!(en.len(), zh.len(), "{url}");
        for (e, z) in en.iter().zip(&zh) {
            assert_eq!((e.id, &e.suggestion), (z.id, &z.suggestion), "{url}");
            seen.insert(e.id);
            check_pair(e.id, e.sentence, z.sentence);
            check_pair(e.id, e.fix, z.fix);
            match (&e.detail, &z.detail) {
                (Some(de), Some(dz)) => check_pair(e.id, de, dz),
                (None, None) => {}
                _ => panic!("{}: a detail in one language only", e.id),
            }
        }
    }
    assert_eq!(seen, URL_IDS.into_iter().collect(), "every finding reached");
}

fn json(status: u16, body: &str) -> Observation {
    Observation::Response(HttpResponse {
        status,
        content_type: "application/json".into(),
        body: body.into(),
        headers: vec![("retry-after".into(), "20".into())],
        ..Default::default()
    })
}

/// Every check of a run, in every language; `seen` collects the outcomes.
fn check_report(r: &Report, seen: &mut BTreeSet<&'static str>) {
    check_text(&format!("progress {:?}", r.state), &r.progress.label);
    for c in &r.checks {
        check_result(c, seen);
    }
}

fn check_result(c: &CheckResult, seen: &mut BTreeSet<&'static str>) {
    let what = c.outcome.id();
    seen.insert(what);
    check_text(what, &c.sentence);
    if let Some(n) = &c.note {
        check_text(what, n);
    }
    check_pair(what, c.check.title(Locale::En), c.check.title(Locale::ZhCn));
}

/// A run against `base` whose requests see `reach`, `read`, then `warm`.
fn run(base: &str, reach: Observation, read: Observation, warm: &[Observation]) -> Run {
    let mut run = Run::new(
        base,
        warm.len().max(1) as u32,
        "https://kd.example",
        Thresholds::DEFAULT,
    );
    let mut seq = [reach, read].into_iter().chain(warm.iter().cloned());
    while run.next_step().is_some() {
        match seq.next() {
            Some(obs) => run.record(obs),
            None => break,
        }
    }
    run
}

#[test]
fn every_connection_check_verdict_is_said_in_both_languages() {
    let mut seen = BTreeSet::new();
    let t = |ms: f64| Timing {
        total_ms: ms,
        phases: None,
    };
    let with_phases = Timing {
        total_ms: 40.0,
        phases: Some(Phases {
            dns_ms: 1.0,
            connect_ms: 2.0,
            tls_ms: 3.0,
            first_byte_ms: 30.0,
            download_ms: 1.0,
        }),
    };
    let base = "https://gw.example.com/v1";

    // Check 1, every URL outcome (a key for another platform too).
    for (url, key) in [
        ("", None),
        ("  https://gw.example.com/v1\n", None),
        ("https://gw.exa mple.com/v1", None),
        ("gw.example.com/v1", None),
        ("ftp://gw.example.com/v1", None),
        ("https://user:pw@gw.example.com/v1", None),
        ("https:///v1", None),
        ("http://gateway.example.com/v1", None),
        ("https://api.openai.com/v1/chat/completions", None),
        ("https://gw.example.com/v1/v1", None),
        ("https://api.openai.com", None),
        ("https://gw.example.com/v1?x=1", None),
        (
            "https://api.anthropic.com/v1",
            Some("sk-proj-zpwhxGDcZ9ZZ2iR8nECbX_du0nOe1A4SVOcNh47c3Qe1Pmtw85dqu48K_LSISXJgUHycjiee7vT3BlbkFJR"),
        ),
        (base, None),
    ] {
        let r = Run::with_key(url, key, 1, "https://kd.example", Thresholds::DEFAULT);
        check_report(&r.report(), &mut seen);
    }
    // Plain http to a public host from a page served over http: a warning, not a stop.
    check_result(
        &check_url("http://gateway.example.com/v1", false, None).result,
        &mut seen,
    );

    // Checks 2 and 3: every answer the keyless listing can get.
    let up = Observation::Opaque(t(30.0));
    let down = Observation::NetworkError(t(3.0));
    for (reach, read) in [
        (up.clone(), json(401, r#"{"error":{}}"#)),
        (up.clone(), json(200, r#"{"data":[]}"#)),
        (
            up.clone(),
            Observation::Response(HttpResponse {
                status: 200,
                content_type: "text/html".into(),
                body: "<html></html>".into(),
                ..Default::default()
            }),
        ),
        (up.clone(), json(404, "{}")),
        (up.clone(), json(429, "{}")),
        (up.clone(), json(502, "{}")),
        (up.clone(), json(418, "{}")),
        (up.clone(), Observation::Opaque(t(30.0))),
        (up.clone(), down.clone()),
        (up.clone(), Observation::TimedOut(t(5000.0))),
        (Observation::TimedOut(t(5000.0)), up.clone()),
    ] {
        check_report(&run(base, reach, read, &[]).report(), &mut seen);
    }
    // Unreachable: the rest is skipped.
    check_report(
        &run(base, down.clone(), up.clone(), &[]).report(),
        &mut seen,
    );
    let unreachable_read = read_result(&down, &down, base, "https://kd.example");
    check_result(&unreachable_read, &mut seen);
    for obs in [
        up.clone(),
        down.clone(),
        Observation::TimedOut(t(1.0)),
        Observation::Cancelled,
    ] {
        check_result(&reach_result(&obs, base), &mut seen);
        check_result(
            &read_result(&obs, &up, base, "https://kd.example"),
            &mut seen,
        );
    }

    // Check 4: every latency outcome, with and without phases.
    let warm = |ms: &[Option<f64>]| -> Vec<Observation> {
        ms.iter()
            .map(|m| match m {
                Some(ms) => Observation::Opaque(t(*ms)),
                None => Observation::TimedOut(t(5000.0)),
            })
            .collect()
    };
    let steady = |ms: f64| vec![Some(ms); 10];
    let mut some_lost = steady(40.0);
    some_lost.push(None);
    for samples in [
        steady(40.0),
        steady(1_200.0),
        steady(3_500.0),
        [Some(10.0), Some(900.0)].repeat(5),
        some_lost,
        [Some(40.0), None].repeat(5),
        vec![None; 10],
    ] {
        let r = run(base, up.clone(), json(401, "{}"), &warm(&samples));
        check_report(&r.report(), &mut seen);
    }
    let tao = vec![Observation::Opaque(with_phases); 3];
    check_report(
        &run(
            base,
            Observation::Opaque(with_phases),
            json(401, "{}"),
            &tao,
        )
        .report(),
        &mut seen,
    );

    // Progress while running, and a cancel in the middle of the latency check.
    let mut r = Run::new(base, 5, "https://kd.example", Thresholds::DEFAULT);
    check_report(&r.report(), &mut seen);
    r.record(up.clone());
    check_report(&r.report(), &mut seen);
    r.record(json(401, "{}"));
    r.record(up.clone());
    check_report(&r.report(), &mut seen);
    r.cancel();
    check_report(&r.report(), &mut seen);
    let mut r = Run::new(base, 5, "https://kd.example", Thresholds::DEFAULT);
    r.record(Observation::Cancelled);
    check_report(&r.report(), &mut seen);

    // Check 5: every answer of the smoke test, for both requests and an Anthropic gateway.
    let key = "kd-test-key-0123456789abcdef";
    for kind in [SmokeKind::Models, SmokeKind::Chat] {
        for style in [ApiStyle::OpenAi, ApiStyle::Anthropic] {
            for (obs, reachable) in [
                (json(200, r#"{"data":[]}"#), Some(true)),
                (
                    json(
                        401,
                        r#"{"error":{"message":"Incorrect API key provided","type":"invalid_request_error","code":"invalid_api_key"}}"#,
                    ),
                    Some(true),
                ),
                (json(418, "teapot"), Some(true)),
                (down.clone(), Some(true)),
                (down.clone(), Some(false)),
                (Observation::TimedOut(t(1.0)), None),
                (Observation::Cancelled, None),
            ] {
                for locale in Locale::ALL {
                    let r = smoke_result(
                        &obs,
                        reachable,
                        base,
                        style,
                        kind,
                        "gpt-4o-mini",
                        key,
                        &[],
                        locale,
                    );
                    check_result(&r, &mut seen);
                }
            }
        }
        assert_ne!(
            ApiStyle::OpenAi.label(Locale::En),
            ApiStyle::OpenAi.label(Locale::ZhCn)
        );
    }

    // Every outcome but the ones no check ends with has been said in both languages.
    let all = [
        Outcome::UrlOk,
        Outcome::UrlEmpty,
        Outcome::UrlInvalid,
        Outcome::UrlNoScheme,
        Outcome::UrlBadScheme,
        Outcome::UrlCredentials,
        Outcome::UrlMixedContent,
        Outcome::UrlInsecureHttp,
        Outcome::UrlWhitespace,
        Outcome::UrlEndpointPath,
        Outcome::UrlDoubledV1,
        Outcome::UrlMissingV1,
        Outcome::UrlQuery,
        Outcome::UrlProviderMismatch,
        Outcome::Reachable,
        Outcome::Unreachable,
        Outcome::AuthRequired,
        Outcome::OpenWithoutKey,
        Outcome::WrongBaseHtml,
        Outcome::WrongBaseNotFound,
        Outcome::NoBrowserCalls,
        Outcome::RateLimited,
        Outcome::ServerError,
        Outcome::UnexpectedStatus,
        Outcome::Fast,
        Outcome::Slow,
        Outcome::VerySlow,
        Outcome::Jittery,
        Outcome::SomeLost,
        Outcome::MostLost,
        Outcome::AllLost,
        Outcome::KeyWorks,
        Outcome::ApiError,
        Outcome::TimedOut,
        Outcome::Skipped,
        Outcome::Cancelled,
    ];
    let want: BTreeSet<&str> = all.iter().map(|o| o.id()).collect();
    assert_eq!(seen, want, "every outcome reached");
}

/// The English sentences are the ones the bundle and the tests of the connection check know.
#[test]
fn english_sentences_are_unchanged() {
    let base = "https://gw.example.com/v1";
    let up = Observation::Opaque(Timing::default());
    let r = read_result(&json(401, "{}"), &up, base, "https://kd.example");
    assert_eq!(
        r.sentence.en,
        "gw.example.com answered 401 with an error, as an API does without a key: the base URL is right and the API is alive."
    );
    let r = check_url("https://api.openai.com/v1/chat/completions", true, None).result;
    assert_eq!(
        r.sentence.en,
        "A full endpoint path was entered as the base URL. Enter the base only; the SDK appends the endpoint (/chat/completions, /messages). Try https://api.openai.com/v1."
    );
    assert_eq!(
        r.sentence.zh,
        "把完整的接口路径当成了 Base URL。只填 Base URL；SDK 会追加接口路径（/chat/completions、/messages）。试试 https://api.openai.com/v1。"
    );
}
