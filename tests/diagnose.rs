//! Table-driven tests of the diagnosis engine over real error bodies (`tests/data/errors.jsonl`)
//! and over the traps DESIGN.md names. Asserts categories and codes, never prose.
#![cfg(not(target_arch = "wasm32"))]

use keydoctor::domain::diagnose::{diagnose, diagnose_with, CatalogEntry, Category, Retry};
use keydoctor::domain::locale::Locale;
use serde::Deserialize;

#[derive(Deserialize)]
struct Case {
    id: String,
    provider: Option<String>,
    body: String,
    expected_category: String,
    expected_code: Option<String>,
}

fn corpus() -> Vec<Case> {
    include_str!("data/errors.jsonl")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("valid corpus line"))
        .collect()
}

/// Corpus cases the engine is known to get wrong, each with the reason. Keep this list short
/// and honest: a case leaves it when the engine learns it.
const KNOWN_MISSES: &[(&str, &str)] = &[];

#[test]
fn corpus_categories_at_least_95_percent() {
    let cases = corpus();
    let mut misses = Vec::new();
    for c in &cases {
        let d = diagnose(&c.body);
        if d.category.id() != c.expected_category {
            misses.push(format!(
                "{}: expected {}, got {} (evidence: {:?})",
                c.id,
                c.expected_category,
                d.category.id(),
                d.evidence.iter().map(|e| &e.value).collect::<Vec<_>>()
            ));
        }
    }
    let unexpected: Vec<_> = misses
        .iter()
        .filter(|m| {
            !KNOWN_MISSES
                .iter()
                .any(|(id, _)| m.starts_with(&format!("{id}:")))
        })
        .collect();
    let right = cases.len() - misses.len();
    eprintln!("corpus: {right}/{} right", cases.len());
    assert!(
        unexpected.is_empty(),
        "misses not in KNOWN_MISSES:\n{}",
        unexpected
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert!(
        right * 100 >= cases.len() * 95,
        "{right}/{} right",
        cases.len()
    );
}

#[test]
fn corpus_codes() {
    let mut wrong = Vec::new();
    let cases = corpus();
    let with_code: Vec<_> = cases.iter().filter(|c| c.expected_code.is_some()).collect();
    for c in &with_code {
        let d = diagnose(&c.body);
        if d.facts.code.as_deref() != c.expected_code.as_deref() {
            wrong.push(format!(
                "{}: expected {:?}, got {:?}",
                c.id, c.expected_code, d.facts.code
            ));
        }
    }
    eprintln!(
        "codes: {}/{} right",
        with_code.len() - wrong.len(),
        with_code.len()
    );
    for w in &wrong {
        eprintln!("  {w}");
    }
    assert!(
        wrong.len() * 10 <= with_code.len(),
        "too many wrong codes:\n{}",
        wrong.join("\n")
    );
}

/// The service that answered (gateway first), where the paste names it. Misses left: pastes
/// that name no provider at all (`TypeError: Failed to fetch`, a bare nginx 404 page).
#[test]
fn corpus_providers() {
    let cases = corpus();
    let named: Vec<_> = cases
        .iter()
        .filter(|c| c.provider.as_deref().is_some_and(|p| p != "generic"))
        .collect();
    let right = named
        .iter()
        .filter(|c| {
            let d = diagnose(&c.body);
            d.facts.gateway.as_ref().or(d.facts.provider.as_ref()) == c.provider.as_ref()
        })
        .count();
    eprintln!("providers: {right}/{}", named.len());
    assert!(right * 100 >= named.len() * 90, "{right}/{}", named.len());
}

/// The traps of DESIGN.md, each pinned: `(name, paste, category)`.
const TRAPS: &[(&str, &str, Category)] = &[
    (
        "openai 429 insufficient_quota is not a rate limit",
        r#"Error code: 429 - {'error': {'message': 'You exceeded your current quota, please check your plan and billing details.', 'type': 'insufficient_quota', 'param': None, 'code': 'insufficient_quota'}}"#,
        Category::QuotaExhausted,
    ),
    (
        "one-api answers 403 when the balance is gone",
        r#"403 {"error":{"message":"用户额度不足, 剩余额度: ＄0.000000 (request id: 20250101120000123456789abcdefg)","type":"one_api_error","code":"insufficient_user_quota"}}"#,
        Category::QuotaExhausted,
    ),
    (
        "one-api 403 quota in Chinese only",
        r#"{"error":{"message":"该令牌额度已用尽 (request id: 2025010112000012345)","type":"new_api_error"}}"#,
        Category::QuotaExhausted,
    ),
    (
        "one-api rewrites upstream 429 to group load saturated",
        r#"{"error":{"message":"当前分组上游负载已饱和，请稍后再试 (request id: 20250101)","type":"new_api_error","code":null}}"#,
        Category::RateLimited,
    ),
    (
        "gemini says 400 API_KEY_INVALID for a bad key",
        r#"{"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID","domain":"googleapis.com"}]}}"#,
        Category::InvalidKey,
    ),
    (
        "gemini free tier with limit 0 says retry in 45s",
        r#"{"error":{"code":429,"message":"You exceeded your current quota. * Quota exceeded for metric: generativelanguage.googleapis.com/generate_content_free_tier_requests, limit: 0, model: gemini-2.5-pro\nPlease retry in 45.2s.","status":"RESOURCE_EXHAUSTED"}}"#,
        Category::QuotaExhausted,
    ),
    (
        "gemini free tier limit 0 without the word quota in the first line",
        r#"429 RESOURCE_EXHAUSTED. Quota exceeded for metric: generate_content_free_tier_input_token_count, limit: 0. Please retry in 45s."#,
        Category::QuotaExhausted,
    ),
    (
        "anthropic says 400 for credit balance too low",
        r#"anthropic.BadRequestError: Error code: 400 - {'type': 'error', 'error': {'type': 'invalid_request_error', 'message': 'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.'}}"#,
        Category::QuotaExhausted,
    ),
    (
        "anthropic 403 request not allowed is a region block",
        r#"Error code: 403 - {'type': 'error', 'error': {'type': 'forbidden', 'message': 'Request not allowed'}}"#,
        Category::RegionBlocked,
    ),
    (
        "a refused 127.0.0.1:7890 is the proxy, not the API",
        "APIConnectionError: request to https://api.openai.com/v1/chat/completions failed, reason: connect ECONNREFUSED 127.0.0.1:7890",
        Category::Proxy,
    ),
    (
        "a refused local port that is the API itself is a connection failure",
        "request to http://localhost:11434/v1/chat/completions failed, reason: connect ECONNREFUSED 127.0.0.1:11434",
        Category::ConnectFailed,
    ),
];

#[test]
fn design_traps() {
    for (name, paste, want) in TRAPS {
        let d = diagnose(paste);
        assert_eq!(d.category, *want, "{name}: evidence {:?}", d.evidence);
    }
}

/// More shapes than the corpus holds: statuses, codes and phrases in both languages.
const MORE: &[(&str, Category)] = &[
    ("HTTP/1.1 401 Unauthorized", Category::InvalidKey),
    ("Error: 401 {\"error\":{\"message\":\"无效的令牌\",\"type\":\"one_api_error\"}}", Category::InvalidKey),
    ("curl: (6) Could not resolve host: api.openai.con", Category::Dns),
    ("curl: (7) Failed to connect to api.example.com port 443 after 3 ms: Couldn't connect to server", Category::ConnectFailed),
    ("curl: (28) Operation timed out after 30001 milliseconds with 0 bytes received", Category::Timeout),
    ("curl: (60) SSL certificate problem: self-signed certificate in certificate chain", Category::Tls),
    ("curl: (56) CONNECT tunnel failed, response 407", Category::Proxy),
    ("Access to fetch at 'https://api.openai.com/v1/models' from origin 'https://example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.", Category::Cors),
    ("<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>", Category::UpstreamError),
    ("<html><head><title>504 Gateway Time-out</title></head><body>nginx</body></html>", Category::Timeout),
    ("{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\",\"message\":\"model: claude-3-opus-latest\"}}", Category::ModelNotFound),
    ("{\"error\":{\"message\":\"当前分组 default 下对于模型 gpt-5 无可用渠道 (request id: 2025)\",\"type\":\"new_api_error\"}}", Category::ModelNotFound),
    ("{\"error\":{\"message\":\"请求超时，请稍后重试\",\"type\":\"upstream_error\"}}", Category::Timeout),
    ("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}", Category::UpstreamError),
    ("HTTP 200\ndata: {\"error\":{\"message\":\"Rate limit reached for gpt-4o in organization org-x on requests per min (RPM): Limit 3, Used 3\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}", Category::RateLimited),
    ("{\"error\":{\"message\":\"Your account is not active, please check your billing details on our website.\",\"type\":\"billing_not_active\",\"code\":\"billing_not_active\"}}", Category::QuotaExhausted),
    ("{\"error\":{\"code\":\"DeploymentNotFound\",\"message\":\"The API deployment for this resource does not exist.\"}}", Category::ModelNotFound),
    ("openai.APITimeoutError: Request timed out.", Category::Timeout),
    ("httpx.ConnectError: [Errno 111] Connection refused", Category::ConnectFailed),
    ("Error: getaddrinfo EAI_AGAIN api.anthropic.com", Category::Dns),
    ("Error: self-signed certificate in certificate chain\n  code: 'SELF_SIGNED_CERT_IN_CHAIN'", Category::Tls),
    ("请求失败：连接被拒绝", Category::ConnectFailed),
    ("错误：您的账户已欠费，请充值后再试", Category::QuotaExhausted),
    ("当前模型不存在或无权访问", Category::ModelNotFound),
    ("{\"error\":{\"message\":\"This model's maximum context length is 8192 tokens\",\"code\":\"context_length_exceeded\"}}", Category::ContextLength),
    ("{\"error\":{\"code\":\"content_policy_violation\",\"message\":\"Your request was rejected as a result of our safety system.\"}}", Category::ContentFiltered),
    ("404 page not found", Category::WrongEndpoint),
    ("Cannot POST /v1/v1/chat/completions", Category::WrongEndpoint),
    ("Error code: 402 - {'error': {'message': 'Insufficient Balance', 'type': 'unknown_error'}}", Category::QuotaExhausted),
    ("{\"error\":{\"message\":\"Incorrect API key provided: sk-proj-****abcd.\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}", Category::InvalidKey),
    ("{\"error\":{\"message\":\"Project `proj_abc` does not have access to model `o3`\",\"type\":\"invalid_request_error\",\"code\":\"model_not_found\"}}", Category::ModelNotFound),
    ("litellm.BudgetExceededError: Budget has been exceeded! Current cost: 10.2, Max budget: 10.0", Category::QuotaExhausted),
    ("Error 407 Proxy Authentication Required", Category::Proxy),
    ("TypeError: Failed to fetch", Category::Unknown),
    ("", Category::Unknown),
    ("hello world", Category::Unknown),
];

#[test]
fn more_shapes() {
    let mut wrong = Vec::new();
    for (paste, want) in MORE {
        let d = diagnose(paste);
        if d.category != *want {
            wrong.push(format!(
                "{paste:.60}: want {want:?}, got {:?} {:?}",
                d.category, d.evidence
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn retry_follows_the_category_table() {
    assert_eq!(diagnose("429 Too Many Requests").retry, Retry::WithBackoff);
    assert_eq!(diagnose("HTTP 401 Unauthorized").retry, Retry::No);
    assert_eq!(diagnose("503 Service Unavailable").retry, Retry::Yes);
}

#[test]
fn facts_are_pulled_out() {
    let d = diagnose(
        "HTTP/1.1 429 Too Many Requests\nretry-after: 20\nx-ratelimit-limit-requests: 500\nx-ratelimit-remaining-requests: 0\nx-request-id: req_abc123def456ghi789\n\n{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}",
    );
    assert_eq!(d.category, Category::RateLimited);
    assert_eq!(d.facts.http_status, Some(429));
    assert_eq!(d.facts.code.as_deref(), Some("rate_limit_exceeded"));
    assert_eq!(
        d.facts.request_id.as_deref(),
        Some("req_abc123def456ghi789")
    );
    assert_eq!(d.facts.retry_after.as_deref(), Some("20 s"));
    assert_eq!(d.facts.rate_limit_headers.len(), 3);
    assert_eq!(d.facts.message.as_deref(), Some("Rate limit reached"));
}

#[test]
fn builtin_operator_codes() {
    for (code, want) in [
        ("INVALID_API_KEY", Category::InvalidKey),
        ("API_KEY_DISABLED", Category::KeyRevoked),
        ("API_KEY_EXPIRED", Category::KeyRevoked),
        ("ACCESS_DENIED", Category::PermissionDenied),
        ("API_KEY_QUOTA_EXHAUSTED", Category::QuotaExhausted),
        ("USER_INACTIVE", Category::KeyRevoked),
    ] {
        let d = diagnose(&format!(
            "{{\"error\":{{\"code\":\"{code}\",\"message\":\"x\"}}}}"
        ));
        assert_eq!(d.category, want, "{code}");
        assert_eq!(d.facts.code.as_deref(), Some(code));
    }
}

#[test]
fn several_errors_pick_the_actionable_and_mention_others() {
    let log = "2025-01-01 10:00:00 ERROR connect ETIMEDOUT 1.2.3.4:443\n2025-01-01 10:00:05 ERROR Error code: 401 - {'error': {'message': 'Incorrect API key provided: sk-abc***', 'code': 'invalid_api_key'}}";
    let d = diagnose(log);
    assert_eq!(d.category, Category::InvalidKey);
    assert!(
        d.also_found.contains(&Category::Timeout),
        "{:?}",
        d.also_found
    );
}

#[test]
fn chinese_locale_steps() {
    let d = diagnose_with("429 Too Many Requests", &[], Locale::ZhCn);
    assert!(d
        .steps
        .iter()
        .all(|s| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))));
}

#[test]
fn operator_catalog_by_body_code() {
    let catalog = vec![CatalogEntry {
        code: "E1234".into(),
        category: Category::QuotaExhausted,
        title: None,
        steps: vec![],
    }];
    let d = diagnose_with(
        "{\"error\":{\"code\":\"e1234\",\"message\":\"nope\"}}",
        &catalog,
        Locale::En,
    );
    assert_eq!(d.category, Category::QuotaExhausted);
}

/// Real-world shapes from providers and gateways the corpus does not cover (written from their
/// documented error bodies), to keep the rules general.
const WIDER: &[(&str, Category)] = &[
    (r#"{"error":{"message":"You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).","type":"invalid_request_error","param":null,"code":null}}"#, Category::InvalidKey),
    (r#"{"error": {"message": "Request too large for gpt-4o in organization org-abc on tokens per min (TPM): Limit 30000, Requested 45000.", "type": "tokens", "param": null, "code": "rate_limit_exceeded"}}"#, Category::ContextLength),
    (r#"{"error":{"message":"That model is currently overloaded with other requests. You can retry your request.","type":"server_error","param":null,"code":null}}"#, Category::UpstreamError),
    (r#"{"type":"error","error":{"type":"permission_error","message":"Your API key does not have permission to use the specified resource."}}"#, Category::PermissionDenied),
    (r#"{"type":"error","error":{"type":"rate_limit_error","message":"Number of request tokens has exceeded your per-minute rate limit; see the response headers for current usage. Please reduce the prompt length or the maximum tokens requested, or try again later."}}"#, Category::RateLimited),
    (r#"{"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 210000 tokens > 200000 maximum"}}"#, Category::ContextLength),
    (r#"API Error: 401 {"type":"error","error":{"type":"authentication_error","message":"OAuth token has expired. Please obtain a new token or refresh your existing token."}}"#, Category::KeyRevoked),
    (r#"{"error":{"code":403,"message":"Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.","status":"PERMISSION_DENIED"}}"#, Category::InvalidKey),
    (r#"{"error":{"code":403,"message":"Your API key was reported as leaked. Please use another API key.","status":"PERMISSION_DENIED"}}"#, Category::KeyRevoked),
    (r#"{"error":{"code":404,"message":"models/gemini-pro is not found for API version v1beta, or is not supported for generateContent.","status":"NOT_FOUND"}}"#, Category::ModelNotFound),
    (r#"{"error":{"code":503,"message":"The model is overloaded. Please try again later.","status":"UNAVAILABLE"}}"#, Category::UpstreamError),
    (r#"{"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED"}}"#, Category::RateLimited),
    (r#"{"error":{"code":400,"message":"Request contains an invalid argument.","status":"INVALID_ARGUMENT"}}"#, Category::BadRequest),
    (r#"[GoogleGenerativeAI Error]: Error fetching from https://generativelanguage.googleapis.com/v1beta/models/gemini-pro:generateContent: [429 Too Many Requests] Resource has been exhausted"#, Category::RateLimited),
    (r#"{"error":{"code":"404","message": "Resource not found"}}"#, Category::WrongEndpoint),
    ("botocore.errorfactory.ResourceNotFoundException: An error occurred (ResourceNotFoundException) when calling the InvokeModel operation: Model use case details have not been submitted for this account.", Category::PermissionDenied),
    ("botocore.errorfactory.ExpiredTokenException: An error occurred (ExpiredTokenException) when calling the InvokeModel operation: The security token included in the request is expired", Category::KeyRevoked),
    ("ValidationException: Input is too long for requested model.", Category::ContextLength),
    (r#"{"error":{"message":"No auth credentials found","code":401}}"#, Category::InvalidKey),
    (r#"{"error":{"message":"Key limit exceeded (total limit). Manage it using https://openrouter.ai/settings/keys","code":403}}"#, Category::QuotaExhausted),
    (r#"{"error":{"message":"Rate limit exceeded: free-models-per-day. Add 10 credits to unlock 1000 free model requests per day","code":429}}"#, Category::QuotaExhausted),
    (r#"{"error":{"message":"google/gemini-2.0-flash-exp:free is temporarily rate-limited upstream. Please retry shortly.","code":429}}"#, Category::RateLimited),
    (r#"{"error":{"message":"Provider returned error","code":502,"metadata":{"provider_name":"Together"}}}"#, Category::UpstreamError),
    (r#"{"error":{"message":"The model `llama3-70b-8192` has been decommissioned and is no longer supported.","type":"invalid_request_error","code":"model_decommissioned"}}"#, Category::ModelNotFound),
    (r#"{"error":{"message":"model \"llama3\" not found, try pulling it first","type":"api_error","param":null,"code":null}}"#, Category::ModelNotFound),
    ("litellm.BudgetExceededError: ExceededBudget: User=abc over budget. Spend=12.1, Budget=10.0", Category::QuotaExhausted),
    ("requests.exceptions.ConnectionError: HTTPSConnectionPool(host='api.openai.com', port=443): Max retries exceeded with url: /v1/chat/completions (Caused by NewConnectionError('<urllib3.connection.HTTPSConnection object at 0x7f>: Failed to establish a new connection: [Errno 110] Connection timed out'))", Category::Timeout),
    ("do request failed: Post \"https://api.openai.com/v1/chat/completions\": dial tcp 104.18.6.192:443: i/o timeout", Category::Timeout),
    ("Post \"https://api.openai.com/v1/chat/completions\": dial tcp: lookup api.openai.com on 127.0.0.53:53: no such host", Category::Dns),
    ("tls: failed to verify certificate: x509: certificate signed by unknown authority", Category::Tls),
    ("stream error: exceeded retry limit, last status: 429 Too Many Requests", Category::RateLimited),
    ("You've hit your usage limit. Upgrade to Pro, or try again in 2 days 4 hours.", Category::QuotaExhausted),
    (r#"{"error":{"code":"1113","message":"余额不足或无可用资源包,请充值。"}}"#, Category::QuotaExhausted),
    (r#"{"error":{"code":"1302","message":"您当前使用该API的并发数过高，请降低并发，或联系客服增加限额。"}}"#, Category::RateLimited),
    (r#"{"error":{"code":"1211","message":"模型不存在，请检查模型代码。"}}"#, Category::ModelNotFound),
    (r#"{"error":{"code":"1003","message":"Authorization Token过期，请重新生成/获取。"}}"#, Category::KeyRevoked),
    (r#"{"error":{"code":"1301","message":"系统检测到输入或生成内容可能包含不安全或敏感内容，请您避免输入易产生敏感内容的提示语。"}}"#, Category::ContentFiltered),
    (r#"{"code":"InvalidApiKey","message":"Invalid API-key provided.","request_id":"abc-123-def"}"#, Category::InvalidKey),
    (r#"{"code":"Arrearage","message":"Access denied, please make sure your account is in good standing."}"#, Category::QuotaExhausted),
    (r#"{"code":"Throttling.RateQuota","message":"Requests rate limit exceeded, please try again later."}"#, Category::RateLimited),
    (r#"{"error_code":17,"error_msg":"Open api daily request limit reached"}"#, Category::QuotaExhausted),
    (r#"{"error_code":18,"error_msg":"Open api qps request limit reached"}"#, Category::RateLimited),
    (r#"{"error":{"code":"AccountOverdueError","message":"The request failed because your account has an overdue balance."}}"#, Category::QuotaExhausted),
    (r#"{"code":30001,"message":"Sorry, your account balance is insufficient","data":null}"#, Category::QuotaExhausted),
    (r#"{"error":{"message":"您的 IP 不在令牌允许访问的列表中 (request id: 2025)","type":"new_api_error"}}"#, Category::PermissionDenied),
    (r#"{"error":{"message":"该令牌状态不可用 (request id: 2025)","type":"new_api_error"}}"#, Category::KeyRevoked),
    ("<html><head><title>401 Authorization Required</title></head><body><center><h1>401 Authorization Required</h1></center><hr><center>openresty</center></body></html>", Category::InvalidKey),
    ("<!DOCTYPE html><html><head><title>Attention Required! | Cloudflare</title></head><body><h1>Sorry, you have been blocked</h1><h2>You are unable to access openai.com</h2></body></html>", Category::PermissionDenied),
    ("< HTTP/2 401\n< content-type: application/json\n{\"error\":{\"message\":\"Invalid Authentication\",\"type\":\"invalid_authentication_error\"}}", Category::InvalidKey),
    ("Error: connect ECONNREFUSED ::1:11434", Category::ConnectFailed),
    ("net::ERR_NAME_NOT_RESOLVED", Category::Dns),
    ("GET https://api.example.com/v1/models net::ERR_CERT_AUTHORITY_INVALID", Category::Tls),
];

#[test]
fn wider_shapes() {
    let mut wrong = Vec::new();
    for (paste, want) in WIDER {
        let d = diagnose(paste);
        if d.category != *want {
            wrong.push(format!(
                "{paste:.70}: want {want:?}, got {:?} {:?}",
                d.category,
                d.evidence
                    .iter()
                    .map(|e| (&e.value, e.weight))
                    .collect::<Vec<_>>()
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Regression: a URL with `user:password@` in the paste put the password into the steps
/// (through the `{base}` of "run curl {base}/models").
#[test]
fn url_credentials_never_reach_the_steps() {
    let d = diagnose(
        "curl: (7) Failed to connect to https://admin:s3cr3tPassw0rd@gw.example.com/v1/models",
    );
    assert!(
        d.steps.iter().all(|s| !s.contains("s3cr3tPassw0rd")),
        "{:?}",
        d.steps
    );
    assert_eq!(d.facts.host.as_deref(), Some("gw.example.com"));
}

/// The held-out sets of real pastes (`tests/data/errors_wild*.jsonl`), each gathered from
/// public issue threads and docs by someone who had not seen the rules; same bar as the corpus.
/// Right before each was used to add rules: wild2 97/130, wild3 99/125, wild4 98/129,
/// wild5 83/93, wild6 55/76, wild7 44/57, wild8 39/54, wild9 28/38, wild10 48/54.
const WILD_SETS: &[(&str, &str)] = &[
    // The first: OpenAI, Anthropic, gateways, SDKs and CLIs.
    ("wild", include_str!("data/errors_wild.jsonl")),
    // Gathered after the rules had learned from the first.
    ("wild2", include_str!("data/errors_wild2.jsonl")),
    // Noisy logs, more SDKs and runtimes, Chinese gateways' explainer pages.
    ("wild3", include_str!("data/errors_wild3.jsonl")),
    // Providers' own documented error tables, gateway message files, more agents.
    ("wild4", include_str!("data/errors_wild4.jsonl")),
    // SDKs across languages (Vercel AI SDK, litellm, LangChain, LlamaIndex, Spring AI,
    // async-openai, PHP, Go), Bedrock, Vertex, Groq, local servers.
    ("wild5", include_str!("data/errors_wild5.jsonl")),
    // The Chinese ecosystem: Zhipu, DashScope, Kimi, iFlytek, Hunyuan, MiniMax, relays, Dify.
    ("wild6", include_str!("data/errors_wild6.jsonl")),
    // Coding agents and IDE tools, desktop chat apps, gateways, raw HTTP client errors.
    ("wild7", include_str!("data/errors_wild7.jsonl")),
    // More Chinese apps and providers, Windows network errors in Chinese.
    ("wild8", include_str!("data/errors_wild8.jsonl")),
    // Providers not seen before (NVIDIA NIM, Cerebras, SambaNova, DeepInfra, Snowflake Cortex,
    // SageMaker, watsonx, Workers AI) and workflow tools (n8n, Langflow, Flowise).
    ("wild9", include_str!("data/errors_wild9.jsonl")),
    // The transport side across languages and systems: DNS, refused and reset connections,
    // timeouts, TLS, proxies, CORS, HTML error pages.
    ("wild10", include_str!("data/errors_wild10.jsonl")),
];

#[test]
fn every_held_out_set_at_least_90_percent() {
    let failed: Vec<String> = WILD_SETS
        .iter()
        .filter_map(|(name, data)| wild(data, name).err())
        .collect();
    assert!(failed.is_empty(), "{}", failed.join("; "));
}

/// Diagnoses every case of a set; prints `name: right/total right` and the misses.
fn wild(data: &str, name: &str) -> Result<(), String> {
    let cases: Vec<Case> = data
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("valid line"))
        .collect();
    let mut misses = Vec::new();
    for c in &cases {
        let d = diagnose(&c.body);
        if d.category.id() != c.expected_category {
            misses.push(format!(
                "{}: expected {}, got {} ({:?})",
                c.id,
                c.expected_category,
                d.category.id(),
                d.evidence
                    .iter()
                    .map(|e| (&e.value, e.weight))
                    .collect::<Vec<_>>()
            ));
        }
    }
    let right = cases.len() - misses.len();
    eprintln!("{name}: {right}/{} right", cases.len());
    for m in &misses {
        eprintln!("  {m}");
    }
    if right * 100 >= cases.len() * 90 {
        Ok(())
    } else {
        Err(format!("{name}: {right}/{} right", cases.len()))
    }
}

/// Regression: the "Host" fact showed the documentation link an error message carries
/// (`platform.openai.com/docs/...`) instead of the API the call went to.
#[test]
fn host_is_the_api_not_the_docs_link() {
    let d = diagnose("openai.RateLimitError: Error code: 429 - {'error': {'message': 'You exceeded your current quota. Read the docs: https://platform.openai.com/docs/guides/error-codes', 'code': 'insufficient_quota'}}");
    assert_eq!(d.facts.host, None);
    let d = diagnose("See https://help.openai.com/en; request to https://api.openai.com/v1/chat/completions failed, reason: connect ETIMEDOUT 1.2.3.4:443");
    assert_eq!(d.facts.host.as_deref(), Some("api.openai.com"));
    assert!(
        d.steps
            .iter()
            .any(|s| s.contains("https://api.openai.com/v1/models")),
        "{:?}",
        d.steps
    );
}
