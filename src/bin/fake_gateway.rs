//! A fake OpenAI-compatible gateway for the connection check's tests, benchmarks and demos.
//!
//! Standard library only: a `TcpListener` on 127.0.0.1 (never any other address), a thread per
//! connection, HTTP/1.1 with keep-alive. One server serves every scenario; the behaviour is
//! chosen by *flag segments* at the start of the path, in any order and combination, before the
//! API path itself:
//!
//! ```text
//! fake-gateway [--port N] [--key KEY] [--keep] [--verbose]
//!   --port N    port to listen on (0, the default, picks a free one)
//!   --key KEY   the key that counts as valid (default: kd-test-key-0123456789abcdef)
//!   --keep      keep running when standard input closes (default: stop)
//!   --verbose   print `<method> <path> <status>` on stderr for every request (never headers)
//! prints `listening 127.0.0.1:PORT` as its only stdout line; stops on EOF of stdin (unless
//! --keep) or on GET /__shutdown.
//!
//! flag segments (before the API path):
//!   cors            CORS on: Access-Control-Allow-Origin: *, exposed headers, preflights answered
//!   nocors          CORS off (the default): a browser can reach the server but not read it
//!   tao             Timing-Allow-Origin: * (Resource Timing phases visible to any page)
//!   html            an nginx-style HTML 404 page on every path
//!   ratelimit       429 with Retry-After: 20 and x-ratelimit-* headers on every API call
//!   credits         a valid key gets one-api's 403 "insufficient user quota" (no key: 401)
//!   delay/MS/JIT    wait MS milliseconds ± JIT (uniform) before answering (not preflights)
//!   hang            read the request, never answer (until the client or the server goes)
//!   close           answer with Connection: close (every request is a cold one)
//!   anthropic       Anthropic style: x-api-key; CORS only when the request carries
//!                   anthropic-dangerous-direct-browser-access (implies cors for such requests)
//!   gemini          Gemini style: x-goog-api-key or Authorization: Bearer; bad key -> 400
//!                   API_KEY_INVALID
//!
//! API paths (after the flags):
//!   GET  /v1/models, /v1beta/openai/models           401 JSON without the key, 200 list with it
//!   POST /v1/chat/completions, .../openai/chat/...   same auth; 200 completion "pong"
//!   POST /v1/messages                                 (anthropic) same auth; 200 message
//!   anything else                                     HTML 404 (like a web server, not an API)
//!
//! control paths: GET /__shutdown (stop), GET /__log (JSON: every request so far, logged as it
//! arrives, with start and end times in ms since the server started and status 0 until it is
//! answered, for checking request counts and concurrency).
//! ```
//!
//! Examples: `/cors/v1` is a healthy gateway a browser may call, `/v1` one it may not,
//! `/cors/tao/delay/200/20/v1` a slow one with visible phases, `/cors/html/v1` a wrong base URL.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

const DEFAULT_KEY: &str = "kd-test-key-0123456789abcdef";
/// Largest request head or body accepted (bytes).
const MAX_HEAD: usize = 64 * 1024;
const MAX_BODY: usize = 1024 * 1024;
/// Idle keep-alive connections are closed after this.
const IDLE: Duration = Duration::from_secs(30);

/// One logged request.
struct LogEntry {
    method: String,
    path: String,
    status: u16,
    start_ms: f64,
    end_ms: f64,
}

struct Server {
    key: String,
    verbose: bool,
    started: Instant,
    stop: AtomicBool,
    seed: AtomicU64,
    log: Mutex<Vec<LogEntry>>,
}

/// The behaviour flags read from the path.
#[derive(Default, Debug)]
struct Flags {
    cors: bool,
    tao: bool,
    html: bool,
    ratelimit: bool,
    credits: bool,
    delay_ms: u64,
    jitter_ms: u64,
    hang: bool,
    close: bool,
    anthropic: bool,
    gemini: bool,
}

/// A parsed request.
struct Request {
    method: String,
    path: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Request {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A response about to be written.
struct Response {
    status: u16,
    content_type: &'static str,
    headers: Vec<(String, String)>,
    body: String,
}

impl Response {
    fn json(status: u16, body: String) -> Response {
        Response {
            status,
            content_type: "application/json",
            headers: Vec::new(),
            body,
        }
    }

    fn html(status: u16, body: String) -> Response {
        Response {
            status,
            content_type: "text/html; charset=utf-8",
            headers: Vec::new(),
            body,
        }
    }

    fn header(mut self, name: &str, value: &str) -> Response {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }
}

fn main() {
    let mut port: u16 = 0;
    let mut key = DEFAULT_KEY.to_owned();
    let mut keep = false;
    let mut verbose = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--port" => match args.next().and_then(|p| p.parse().ok()) {
                Some(p) => port = p,
                None => fail("--port needs a number"),
            },
            "--key" => match args.next() {
                Some(k) if !k.is_empty() => key = k,
                _ => fail("--key needs a value"),
            },
            "--keep" => keep = true,
            "--verbose" => verbose = true,
            "-h" | "--help" => {
                println!("usage: fake-gateway [--port N] [--key KEY] [--keep] [--verbose]");
                return;
            }
            other => fail(&format!("unknown argument {other}")),
        }
    }
    // Loopback only, whatever the arguments: this server must never be reachable from outside.
    let listener = match TcpListener::bind(("127.0.0.1", port)) {
        Ok(l) => l,
        Err(e) => fail(&format!("cannot listen on 127.0.0.1:{port}: {e}")),
    };
    let addr = listener
        .local_addr()
        .expect("bound listener has an address");
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0x9E37_79B9_7F4A_7C15);
    let server = Arc::new(Server {
        key,
        verbose,
        started: Instant::now(),
        stop: AtomicBool::new(false),
        seed: AtomicU64::new(nanos | 1),
        log: Mutex::new(Vec::new()),
    });
    println!("listening {addr}");
    let _ = std::io::stdout().flush();

    if !keep {
        thread::spawn(|| {
            let mut sink = Vec::new();
            let _ = std::io::stdin().lock().read_to_end(&mut sink);
            std::process::exit(0);
        });
    }

    for stream in listener.incoming() {
        if server.stop.load(Ordering::SeqCst) {
            break;
        }
        let Ok(stream) = stream else { continue };
        let server = Arc::clone(&server);
        thread::spawn(move || serve_connection(&server, stream));
    }
}

fn fail(msg: &str) -> ! {
    eprintln!("fake-gateway: {msg}");
    std::process::exit(2);
}

fn serve_connection(server: &Arc<Server>, stream: TcpStream) {
    let _ = stream.set_nodelay(true);
    let _ = stream.set_read_timeout(Some(IDLE));
    let Ok(write_half) = stream.try_clone() else {
        return;
    };
    let mut out = write_half;
    let mut reader = BufReader::new(stream);
    loop {
        let Some(req) = read_request(&mut reader) else {
            return;
        };
        let flags = parse_flags(&req.path).0;
        let entry = log_start(server, &req);
        if req.path == "/__shutdown" {
            let _ = write_response(&mut out, &Response::json(200, "{\"ok\":true}".into()), true);
            server.stop.store(true, Ordering::SeqCst);
            std::process::exit(0);
        }
        if flags.hang && req.method != "OPTIONS" {
            hang(server, reader.get_ref());
            return;
        }
        let resp = respond(server, &req, &flags);
        if req.method != "OPTIONS" && flags.delay_ms + flags.jitter_ms > 0 {
            thread::sleep(Duration::from_millis(delay(server, &flags)));
        }
        let close = flags.close
            || req
                .header("connection")
                .is_some_and(|v| v.eq_ignore_ascii_case("close"));
        let ok = write_response(&mut out, &resp, close).is_ok();
        log_end(server, &req, entry, resp.status);
        if !ok || close {
            let _ = out.shutdown(Shutdown::Both);
            return;
        }
    }
}

/// Holds a connection open without answering, until the client closes it or the server stops.
fn hang(server: &Server, stream: &TcpStream) {
    let _ = stream.set_read_timeout(Some(Duration::from_millis(200)));
    let mut buf = [0u8; 512];
    let mut s = stream;
    while !server.stop.load(Ordering::SeqCst) {
        match s.read(&mut buf) {
            Ok(0) => return,
            Ok(_) => {}
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(_) => return,
        }
    }
}

/// Logs a request as it arrives (status 0 until answered); returns its index in the log.
fn log_start(server: &Server, req: &Request) -> Option<usize> {
    if req.path.starts_with("/__") {
        return None;
    }
    let now = server.started.elapsed().as_secs_f64() * 1000.0;
    let mut l = server.log.lock().ok()?;
    l.push(LogEntry {
        method: req.method.clone(),
        path: req.path.clone(),
        status: 0,
        start_ms: now,
        end_ms: now,
    });
    Some(l.len() - 1)
}

/// Records the answer of a logged request.
fn log_end(server: &Server, req: &Request, entry: Option<usize>, status: u16) {
    // The path only: a key never appears in it, and headers are never printed.
    if server.verbose {
        eprintln!("{} {} {}", req.method, req.path, status);
    }
    let now = server.started.elapsed().as_secs_f64() * 1000.0;
    if let (Some(i), Ok(mut l)) = (entry, server.log.lock()) {
        if let Some(e) = l.get_mut(i) {
            e.status = status;
            e.end_ms = now;
        }
    }
}

/// The delay for one answer: `delay_ms` ± `jitter_ms`, uniform (xorshift, seeded by the clock).
fn delay(server: &Server, flags: &Flags) -> u64 {
    if flags.jitter_ms == 0 {
        return flags.delay_ms;
    }
    let mut x = server.seed.load(Ordering::Relaxed);
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    server.seed.store(x, Ordering::Relaxed);
    let span = 2 * flags.jitter_ms + 1;
    (flags.delay_ms + x % span).saturating_sub(flags.jitter_ms)
}

/// Reads one request; `None` at the end of the connection or on a malformed request.
fn read_request(reader: &mut BufReader<TcpStream>) -> Option<Request> {
    let mut head = Vec::new();
    loop {
        let mut line = Vec::new();
        let n = reader.read_until(b'\n', &mut line).ok()?;
        if n == 0 {
            return None;
        }
        if head.is_empty() && (line == b"\r\n" || line == b"\n") {
            continue; // stray blank line between requests
        }
        let end = line == b"\r\n" || line == b"\n";
        head.extend_from_slice(&line);
        if end {
            break;
        }
        if head.len() > MAX_HEAD {
            return None;
        }
    }
    let head = String::from_utf8_lossy(&head);
    let mut lines = head.lines();
    let mut first = lines.next()?.split_whitespace();
    let method = first.next()?.to_owned();
    let target = first.next()?.to_owned();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| {
            let (n, v) = l.split_once(':')?;
            Some((n.trim().to_owned(), v.trim().to_owned()))
        })
        .collect();
    let len = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse::<usize>().ok())
        .unwrap_or(0);
    if len > MAX_BODY {
        return None;
    }
    let mut body = vec![0u8; len];
    reader.read_exact(&mut body).ok()?;
    let path = target.split(['?', '#']).next().unwrap_or("/").to_owned();
    Some(Request {
        method,
        path,
        headers,
        body,
    })
}

/// Splits the flag segments off the path: the flags and the API path that follows them.
fn parse_flags(path: &str) -> (Flags, String) {
    let mut flags = Flags::default();
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let mut i = 0;
    while i < segs.len() {
        match segs[i] {
            "cors" => flags.cors = true,
            "nocors" => flags.cors = false,
            "tao" => flags.tao = true,
            "html" => flags.html = true,
            "ratelimit" => flags.ratelimit = true,
            "credits" => flags.credits = true,
            "hang" => flags.hang = true,
            "close" => flags.close = true,
            "anthropic" => flags.anthropic = true,
            "gemini" => flags.gemini = true,
            "delay" => {
                let ms = segs.get(i + 1).and_then(|s| s.parse::<u64>().ok());
                let jit = segs.get(i + 2).and_then(|s| s.parse::<u64>().ok());
                match (ms, jit) {
                    (Some(ms), Some(jit)) => {
                        flags.delay_ms = ms.min(60_000);
                        flags.jitter_ms = jit.min(ms);
                        i += 2;
                    }
                    (Some(ms), None) => {
                        flags.delay_ms = ms.min(60_000);
                        i += 1;
                    }
                    _ => break,
                }
            }
            _ => break,
        }
        i += 1;
    }
    let rest = format!("/{}", segs[i.min(segs.len())..].join("/"));
    (flags, rest)
}

/// Whether this request may read the answer from a browser (CORS headers are sent).
fn cors_allowed(flags: &Flags, req: &Request) -> bool {
    if flags.anthropic {
        let asked_in_preflight = req
            .header("access-control-request-headers")
            .is_some_and(|h| {
                h.to_ascii_lowercase()
                    .contains("anthropic-dangerous-direct-browser-access")
            });
        let sent = req
            .header("anthropic-dangerous-direct-browser-access")
            .is_some_and(|v| v.eq_ignore_ascii_case("true"));
        return flags.cors || asked_in_preflight || sent;
    }
    flags.cors
}

fn respond(server: &Server, req: &Request, flags: &Flags) -> Response {
    let (_, api) = parse_flags(&req.path);
    let cors = cors_allowed(flags, req);
    let mut resp = if req.method == "OPTIONS" {
        preflight(req, cors)
    } else if req.path == "/__log" {
        log_response(server)
    } else {
        api_response(server, req, flags, &api)
    };
    if cors {
        resp = resp.header("Access-Control-Allow-Origin", "*").header(
            "Access-Control-Expose-Headers",
            "retry-after, x-request-id, x-ratelimit-limit-requests, \
             x-ratelimit-remaining-requests, x-ratelimit-reset-requests, \
             x-ratelimit-limit-tokens, x-ratelimit-remaining-tokens, x-ratelimit-reset-tokens",
        );
    }
    if flags.tao {
        resp = resp.header("Timing-Allow-Origin", "*");
    }
    resp
}

fn preflight(req: &Request, cors: bool) -> Response {
    if !cors {
        // A server without CORS: the preflight gets no Access-Control-* headers, so it fails.
        return Response::html(
            405,
            "<html><body>405 Method Not Allowed</body></html>".into(),
        );
    }
    let asked = req
        .header("access-control-request-headers")
        .unwrap_or("")
        .to_owned();
    let mut r = Response {
        status: 204,
        content_type: "text/plain",
        headers: Vec::new(),
        body: String::new(),
    }
    .header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
    .header("Access-Control-Max-Age", "600");
    if !asked.is_empty() {
        r = r.header("Access-Control-Allow-Headers", &asked);
    }
    r
}

fn log_response(server: &Server) -> Response {
    let entries = server.log.lock().map(|l| {
        l.iter()
            .map(|e| {
                format!(
                    "{{\"method\":{},\"path\":{},\"status\":{},\"start_ms\":{:.3},\"end_ms\":{:.3}}}",
                    json_str(&e.method),
                    json_str(&e.path),
                    e.status,
                    e.start_ms,
                    e.end_ms
                )
            })
            .collect::<Vec<_>>()
            .join(",")
    });
    Response::json(200, format!("[{}]", entries.unwrap_or_default()))
        .header("Access-Control-Allow-Origin", "*")
}

fn json_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn html_404(path: &str) -> Response {
    let mut safe = String::new();
    for c in path.chars().take(200) {
        match c {
            '<' => safe.push_str("&lt;"),
            '>' => safe.push_str("&gt;"),
            '&' => safe.push_str("&amp;"),
            c => safe.push(c),
        }
    }
    Response::html(
        404,
        format!(
            "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n\
             <center><h1>404 Not Found</h1></center>\r\n<p>{safe}</p>\r\n\
             <hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
        ),
    )
}

/// Which credential the request carries, by the style of the server.
fn presented_key<'a>(req: &'a Request, flags: &Flags) -> Option<&'a str> {
    let bearer = || {
        req.header("authorization").and_then(|v| {
            let v = v.trim();
            v.get(..7)
                .filter(|p| p.eq_ignore_ascii_case("bearer "))
                .map(|_| v[7..].trim())
        })
    };
    if flags.anthropic {
        req.header("x-api-key").map(str::trim)
    } else if flags.gemini {
        req.header("x-goog-api-key").map(str::trim).or_else(bearer)
    } else {
        bearer()
    }
}

fn api_response(server: &Server, req: &Request, flags: &Flags, api: &str) -> Response {
    if flags.html {
        return html_404(&req.path);
    }
    let prefix = if flags.gemini {
        "/v1beta/openai"
    } else {
        "/v1"
    };
    let Some(endpoint) = api.strip_prefix(prefix) else {
        return html_404(&req.path);
    };
    let known = matches!(
        (req.method.as_str(), endpoint),
        ("GET", "/models") | ("POST", "/chat/completions")
    ) || (flags.anthropic && req.method == "POST" && endpoint == "/messages");
    if !known {
        return html_404(&req.path);
    }
    let request_id = format!("req_fake{:08x}", server.seed.load(Ordering::Relaxed) as u32);
    if flags.ratelimit {
        return Response::json(
            429,
            r#"{"error":{"message":"Rate limit reached for requests per min (RPM): Limit 60, Used 60, Requested 1. Please try again in 20s.","type":"requests","param":null,"code":"rate_limit_exceeded"}}"#.into(),
        )
        .header("Retry-After", "20")
        .header("x-ratelimit-limit-requests", "60")
        .header("x-ratelimit-remaining-requests", "0")
        .header("x-ratelimit-reset-requests", "20s")
        .header("x-request-id", &request_id);
    }
    let key = presented_key(req, flags);
    if key != Some(server.key.as_str()) {
        return unauthorized(flags, key.is_some()).header("x-request-id", &request_id);
    }
    if flags.credits {
        return Response::json(
            403,
            r#"{"error":{"message":"用户额度不足, 剩余额度: ＄0.000000 (request id: 20250101000000000000000)","type":"one_api_error","param":"","code":"insufficient_user_quota"}}"#.into(),
        );
    }
    let model = model_of(&req.body).unwrap_or_else(|| "fake-model-1".into());
    let body = match (endpoint, flags.anthropic) {
        ("/models", true) => r#"{"data":[{"type":"model","id":"claude-fake-1","display_name":"Claude Fake 1","created_at":"2025-01-01T00:00:00Z"}],"has_more":false,"first_id":"claude-fake-1","last_id":"claude-fake-1"}"#.to_owned(),
        ("/models", false) => r#"{"object":"list","data":[{"id":"fake-model-1","object":"model","created":1700000000,"owned_by":"keydoctor"},{"id":"fake-model-2","object":"model","created":1700000000,"owned_by":"keydoctor"}]}"#.to_owned(),
        ("/messages", _) => format!(
            r#"{{"id":"msg_fake","type":"message","role":"assistant","model":{},"content":[{{"type":"text","text":"pong"}}],"stop_reason":"max_tokens","usage":{{"input_tokens":8,"output_tokens":1}}}}"#,
            json_str(&model)
        ),
        _ => format!(
            r#"{{"id":"chatcmpl-fake","object":"chat.completion","created":1700000000,"model":{},"choices":[{{"index":0,"message":{{"role":"assistant","content":"pong"}},"finish_reason":"length"}}],"usage":{{"prompt_tokens":8,"completion_tokens":1,"total_tokens":9}}}}"#,
            json_str(&model)
        ),
    };
    Response::json(200, body).header("x-request-id", &request_id)
}

fn unauthorized(flags: &Flags, had_key: bool) -> Response {
    if flags.anthropic {
        return Response::json(
            401,
            r#"{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}"#.into(),
        );
    }
    if flags.gemini {
        if !had_key {
            return Response::json(
                401,
                r#"[{"error":{"code":401,"message":"Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.","status":"UNAUTHENTICATED"}}]"#.into(),
            );
        }
        return Response::json(
            400,
            r#"[{"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID","domain":"googleapis.com"}]}}]"#.into(),
        );
    }
    if had_key {
        Response::json(
            401,
            r#"{"error":{"message":"Incorrect API key provided: kd-t****cdef. You can find your API key at https://platform.openai.com/account/api-keys.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}"#.into(),
        )
    } else {
        Response::json(
            401,
            r#"{"error":{"message":"You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).","type":"invalid_request_error","param":null,"code":null}}"#.into(),
        )
    }
}

/// The `"model"` of a JSON request body, found without a JSON parser.
fn model_of(body: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(body).ok()?;
    let at = text.find("\"model\"")?;
    let rest = text[at + 7..].trim_start().strip_prefix(':')?.trim_start();
    let rest = rest.strip_prefix('"')?;
    let end = rest.find('"')?;
    Some(rest[..end].chars().take(100).collect())
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        204 => "No Content",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        429 => "Too Many Requests",
        _ => "Unknown",
    }
}

fn write_response(out: &mut TcpStream, resp: &Response, close: bool) -> std::io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\n\
         Server: keydoctor-fake-gateway\r\nConnection: {}\r\n",
        resp.status,
        reason(resp.status),
        resp.content_type,
        resp.body.len(),
        if close { "close" } else { "keep-alive" }
    );
    for (n, v) in &resp.headers {
        head.push_str(n);
        head.push_str(": ");
        head.push_str(v);
        head.push_str("\r\n");
    }
    head.push_str("\r\n");
    let mut bytes = head.into_bytes();
    bytes.extend_from_slice(resp.body.as_bytes());
    out.write_all(&bytes)?;
    out.flush()
}
