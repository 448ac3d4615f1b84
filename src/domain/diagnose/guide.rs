//! What each category means and what to do about it: titles, meanings and checklists, in every
//! locale. Written for a person in trouble, not for the engine.

use super::types::Category::{self, *};
use crate::domain::locale::Text;

/// The words shown for one category.
pub struct Guide {
    pub title: Text,
    pub meaning: Text,
    pub steps: &'static [Text],
}

macro_rules! t {
    ($en:expr, $zh:expr) => {
        Text { en: $en, zh: $zh }
    };
}

/// The guide for `category`.
pub fn guide(category: Category) -> &'static Guide {
    match category {
        InvalidKey => &INVALID_KEY,
        KeyRevoked => &KEY_REVOKED,
        PermissionDenied => &PERMISSION_DENIED,
        RegionBlocked => &REGION_BLOCKED,
        QuotaExhausted => &QUOTA_EXHAUSTED,
        RateLimited => &RATE_LIMITED,
        ModelNotFound => &MODEL_NOT_FOUND,
        BadRequest => &BAD_REQUEST,
        ContextLength => &CONTEXT_LENGTH,
        ContentFiltered => &CONTENT_FILTERED,
        UpstreamError => &UPSTREAM_ERROR,
        Timeout => &TIMEOUT,
        Dns => &DNS,
        ConnectFailed => &CONNECT_FAILED,
        Tls => &TLS,
        Proxy => &PROXY,
        Cors => &CORS,
        WrongEndpoint => &WRONG_ENDPOINT,
        Unknown => &UNKNOWN,
    }
}

static INVALID_KEY: Guide = Guide {
    title: t!("The API key was not accepted", "API 密钥未被接受"),
    meaning: t!(
        "The server could not match the key to an account: it is missing, mistyped, incomplete, sent in the wrong header, or belongs to another platform.",
        "服务器无法识别这个密钥：密钥缺失、输错、不完整、放错了请求头，或者属于另一个平台。"
    ),
    steps: &[
        t!(
            "Check that the base URL is the right one for this key's platform, product and region (a key for one gateway does not work on another, nor on the official API).",
            "确认 Base URL 与这个密钥所属的平台、产品和地区一致（一个中转站的密钥不能用在另一个中转站或官方 API 上）。"
        ),
        t!(
            "Copy the key again from the console: it must be complete, with no spaces, line breaks, quotes or missing characters at either end.",
            "从控制台重新复制密钥：必须完整，首尾不能有空格、换行、引号，也不能缺字符。"
        ),
        t!(
            "Send it in the header the API expects: `Authorization: Bearer <key>` for OpenAI-compatible APIs, `x-api-key` for Anthropic, `x-goog-api-key` for Gemini, `api-key` for Azure OpenAI.",
            "用 API 要求的请求头发送：OpenAI 兼容接口用 `Authorization: Bearer <key>`，Anthropic 用 `x-api-key`，Gemini 用 `x-goog-api-key`，Azure OpenAI 用 `api-key`。"
        ),
        t!(
            "Make sure the program really uses this key: an old value in an environment variable, a `.env` file or a config file may override it. Restart the program or container after changing it.",
            "确认程序真的在用这个密钥：环境变量、`.env` 或配置文件里的旧值可能覆盖了它。修改后重启程序或容器。"
        ),
        t!(
            "Check in the console that the key still exists and is enabled.",
            "在控制台确认这个密钥仍然存在并处于启用状态。"
        ),
        t!(
            "If the key may have leaked, delete it and create a new one.",
            "如果密钥可能已经泄露，删除它并新建一个。"
        ),
    ],
};

static KEY_REVOKED: Guide = Guide {
    title: t!("The key or account has been disabled or has expired", "密钥或账户已被禁用或已过期"),
    meaning: t!(
        "The key was recognised but can no longer be used: it was disabled, deleted or expired, or the account or organization behind it was deactivated or banned.",
        "密钥能被识别，但已不能再用：它被禁用、删除或已过期，或者所属的账户、组织被停用或封禁。"
    ),
    steps: &[
        t!(
            "Open the console's key page: re-enable the key if it was disabled, or create a new one.",
            "打开控制台的密钥页面：如果密钥被禁用就重新启用，否则新建一个。"
        ),
        t!(
            "Check the key's expiry date and renew it; some platforms expire keys automatically.",
            "查看密钥的到期时间并续期；有些平台会自动让密钥过期。"
        ),
        t!(
            "Check that the account or organization is active (billing, verification, terms); an email from the provider may explain a suspension.",
            "确认账户或组织处于正常状态（付费、认证、条款）；服务商发来的邮件可能说明了停用原因。"
        ),
        t!(
            "Replace the key everywhere it is configured (environment variables, `.env`, CI secrets) and restart the program.",
            "在所有配置了它的地方（环境变量、`.env`、CI 密钥）替换为新密钥，并重启程序。"
        ),
        t!(
            "Retrying with the same key will not help.",
            "用同一个密钥重试不会有用。"
        ),
    ],
};

static PERMISSION_DENIED: Guide = Guide {
    title: t!("The key is valid but not allowed to do this", "密钥有效，但没有权限执行此操作"),
    meaning: t!(
        "The server knows the key but refuses this request: the model is not on the key's allow-list, the API or billing is not enabled for the project, or an IP, organization or project rule blocks it.",
        "服务器认识这个密钥，但拒绝了这次请求：该模型不在密钥的允许列表里、项目没有开通此 API 或付费，或者 IP、组织、项目规则拦截了它。"
    ),
    steps: &[
        t!(
            "Check that the model (or API) is enabled for this key, project or group in the console; some gateways restrict each key to a list of models.",
            "在控制台确认该模型（或 API）已对这个密钥、项目或分组开放；有些中转站会限制每个密钥可用的模型。"
        ),
        t!(
            "Check that billing and the API are enabled for the project (Google Cloud: enable the Generative Language or Vertex AI API; AWS: request model access in Bedrock and check the IAM policy).",
            "确认项目已开通付费和对应的 API（Google Cloud：启用 Generative Language 或 Vertex AI API；AWS：在 Bedrock 申请模型访问并检查 IAM 策略）。"
        ),
        t!(
            "Check IP allow-lists: the server's egress IP is not your browser's. A proxy, VPN or corporate gateway changes it too.",
            "检查 IP 白名单：服务器的出口 IP 与浏览器的不同，代理、VPN 或公司网关也会改变出口 IP。"
        ),
        t!(
            "Check the organization or project the key belongs to; a key scoped to one project cannot use another's resources.",
            "确认密钥所属的组织或项目；限定在某个项目的密钥不能使用其他项目的资源。"
        ),
        t!(
            "Some gateways answer 403 when the balance is exhausted: check the balance too.",
            "有些中转站在余额耗尽时也返回 403：也请检查余额。"
        ),
    ],
};

static REGION_BLOCKED: Guide = Guide {
    title: t!("Not available from this country or region", "当前国家或地区不支持此服务"),
    meaning: t!(
        "The provider refuses requests from the location it sees: the public IP of the machine that makes the call (or its proxy) is in a country or region it does not serve.",
        "服务商拒绝了来自当前位置的请求：发起调用的机器（或其代理）的公网 IP 位于其不提供服务的国家或地区。"
    ),
    steps: &[
        t!(
            "Find out where the call really leaves from: a server, container or CI runner has its own egress IP, different from your browser's.",
            "弄清楚请求实际从哪里发出：服务器、容器或 CI 的出口 IP 与你浏览器的不同。"
        ),
        t!(
            "Check the provider's list of supported countries and regions.",
            "查看服务商支持的国家和地区列表。"
        ),
        t!(
            "If you use a proxy or gateway, make sure its exit is in a supported region and that the program actually goes through it.",
            "如果使用代理或中转站，确认它的出口位于支持的地区，并且程序真的经过了它。"
        ),
        t!(
            "Use an endpoint the provider offers in your region, or an authorised reseller or cloud (Azure OpenAI, Vertex AI, Bedrock).",
            "改用服务商在你所在地区提供的接入点，或授权的渠道和云平台（Azure OpenAI、Vertex AI、Bedrock）。"
        ),
        t!("Retrying from the same place will not help.", "从同一位置重试不会有用。"),
    ],
};

static QUOTA_EXHAUSTED: Guide = Guide {
    title: t!("Out of credits or quota", "余额或额度已用完"),
    meaning: t!(
        "The key works, but the account has no balance or credits left, billing is off, a spend cap was reached, or a daily or monthly quota is used up. Waiting a few seconds will not fix it.",
        "密钥本身可用，但账户没有余额或额度了、未开通付费、达到了消费上限，或者每日/每月额度已经用完。等几秒钟不会好转。"
    ),
    steps: &[
        t!(
            "Open the billing or usage page of the console: check the balance, add credits or a payment method.",
            "打开控制台的账单或用量页面：查看余额，充值或添加付款方式。"
        ),
        t!(
            "Check spend caps and budgets on the key, project or organization, and raise the one that was hit.",
            "检查密钥、项目或组织上的消费上限和预算，提高被触发的那个。"
        ),
        t!(
            "On a free tier, a daily quota resets the next day; a limit of 0 means this model has no free quota at all: enable billing.",
            "免费档的每日额度要到第二天才会重置；额度上限为 0 表示该模型根本没有免费额度：需要开通付费。"
        ),
        t!(
            "After topping up, allow a few minutes, and create a new key if the old one keeps failing (some platforms cache the state).",
            "充值后等几分钟；如果旧密钥仍然失败，新建一个密钥（有些平台会缓存状态）。"
        ),
        t!(
            "On a gateway (one-api, new-api and others), both the user's balance and the key's own quota must be sufficient.",
            "在中转站（one-api、new-api 等）上，用户余额和该令牌自身的额度都必须充足。"
        ),
        t!(
            "Look at the usage page for a spike: a script in a loop or a shared key can drain the balance.",
            "查看用量页面是否有突增：循环调用的脚本或共享的密钥都可能耗尽余额。"
        ),
    ],
};

static RATE_LIMITED: Guide = Guide {
    title: t!("Too many requests: rate limit reached", "请求过多：触发了速率限制"),
    meaning: t!(
        "Requests or tokens per minute, or concurrent requests, went over the limit for this key, organization or upstream group. It clears by itself: retry after a pause.",
        "每分钟的请求数、Token 数或并发数超过了该密钥、组织或上游分组的限制。它会自行恢复：稍等后重试。"
    ),
    steps: &[
        t!(
            "Wait and retry with exponential backoff; honour `Retry-After` when the response has it.",
            "等待后按指数退避重试；如果响应带有 `Retry-After`，按它的时间等待。"
        ),
        t!(
            "Reduce concurrency and batch size; spread requests over time.",
            "降低并发和批量大小，把请求在时间上分散开。"
        ),
        t!(
            "Look at the usage page for spikes: a script calling too often, or teammates sharing the same key.",
            "查看用量页面是否有突增：调用过于频繁的脚本，或者多人共用同一个密钥。"
        ),
        t!(
            "For tokens-per-minute limits, send fewer tokens per request (shorter prompts, lower `max_tokens`).",
            "对于每分钟 Token 数限制，减少每次请求的 Token（缩短提示词、降低 `max_tokens`）。"
        ),
        t!(
            "If it happens all the time, ask for a higher tier or limit; on a gateway, the upstream group may be saturated: try another group or later.",
            "如果经常发生，申请更高的等级或限额；在中转站上可能是上游分组已饱和：换个分组或稍后再试。"
        ),
    ],
};

static MODEL_NOT_FOUND: Guide = Guide {
    title: t!("The model is not available", "模型不可用"),
    meaning: t!(
        "The model or deployment name is unknown here, not enabled for this key or route, or not supported in this way (for example on-demand, or with tools).",
        "这里不认识这个模型或部署名称，它没有对该密钥或线路开放，或者不支持这种调用方式（例如按需调用或工具调用）。"
    ),
    steps: &[
        t!(
            "Check the exact model identifier (spelling, version suffix, date); list the models the key can use with `GET {base}/models`.",
            "核对模型的准确名称（拼写、版本后缀、日期）；用 `GET {base}/models` 列出该密钥可用的模型。"
        ),
        t!(
            "Check that the model is enabled for this key, project or route in the console; on Azure, use the deployment name, not the model name.",
            "在控制台确认该模型已对这个密钥、项目或线路开放；在 Azure 上要用部署名称，而不是模型名称。"
        ),
        t!(
            "On Bedrock, models that need it must be called through an inference profile ID or ARN.",
            "在 Bedrock 上，需要的模型必须通过推理配置文件（inference profile）的 ID 或 ARN 调用。"
        ),
        t!(
            "Check the base URL: the same model name may exist on one platform and not on another.",
            "检查 Base URL：同一个模型名称可能在一个平台存在，在另一个平台不存在。"
        ),
    ],
};

static BAD_REQUEST: Guide = Guide {
    title: t!("The request was rejected as invalid", "请求参数无效"),
    meaning: t!(
        "The server understood the call but not its contents: a parameter is unsupported, out of range or missing, or the JSON body is malformed.",
        "服务器收到了请求，但不接受其中的内容：某个参数不受支持、超出范围或缺失，或者 JSON 请求体格式错误。"
    ),
    steps: &[
        t!(
            "Read the message: it usually names the parameter (`param`) at fault.",
            "阅读错误信息：它通常会指出出错的参数（`param`）。"
        ),
        t!(
            "Check the parameters against this model's documentation: newer models reject some (for example `max_tokens` instead of `max_completion_tokens`, or `temperature`).",
            "对照该模型的文档检查参数：较新的模型会拒绝某些参数（例如要用 `max_completion_tokens` 代替 `max_tokens`，或不支持 `temperature`）。"
        ),
        t!(
            "Validate the JSON body and the message sequence (roles, tool calls each followed by their tool result).",
            "校验 JSON 请求体和消息顺序（角色、每个工具调用后面都要跟着它的工具结果）。"
        ),
        t!(
            "Keep `max_tokens` within the model's output limit.",
            "让 `max_tokens` 不超过模型的输出上限。"
        ),
        t!("Retrying the same request will not help.", "原样重试不会有用。"),
    ],
};

static CONTEXT_LENGTH: Guide = Guide {
    title: t!("The request is too large for the model", "请求超出了模型的长度上限"),
    meaning: t!(
        "The input plus the requested output is more tokens than the model's context window, or more than the per-minute token limit allows in one request.",
        "输入加上要求的输出超过了模型的上下文窗口，或超过了每分钟 Token 限额所允许的单次请求大小。"
    ),
    steps: &[
        t!(
            "Shorten the input: trim the conversation history, summarise or split long documents.",
            "缩短输入：裁剪对话历史，对长文档做摘要或分段。"
        ),
        t!(
            "Lower `max_tokens` so that input plus output fits the context window.",
            "降低 `max_tokens`，让输入加输出不超过上下文窗口。"
        ),
        t!(
            "Use a model with a larger context window.",
            "换用上下文窗口更大的模型。"
        ),
        t!(
            "If the message mentions tokens per minute, the single request exceeds your per-minute limit: make it smaller or ask for a higher tier.",
            "如果信息里提到每分钟 Token 数，说明单次请求就超过了每分钟限额：缩小请求或申请更高等级。"
        ),
    ],
};

static CONTENT_FILTERED: Guide = Guide {
    title: t!("Blocked by a safety or moderation policy", "被安全或内容审核策略拦截"),
    meaning: t!(
        "The prompt or the answer tripped the provider's (or the gateway's) content filter.",
        "提示词或模型的回答触发了服务商（或中转站）的内容过滤。"
    ),
    steps: &[
        t!(
            "Rephrase the prompt and remove content that the policy may flag.",
            "改写提示词，去掉可能被判定违规的内容。"
        ),
        t!(
            "Check the response's safety ratings or filter results to see which category fired.",
            "查看响应中的安全评级或过滤结果，找出触发的类别。"
        ),
        t!(
            "Where the platform allows it, adjust the safety settings or the content filter configuration of the deployment.",
            "在平台允许的情况下，调整安全设置或部署的内容过滤配置。"
        ),
        t!("Retrying the same prompt will usually not help.", "原样重试通常没有用。"),
    ],
};

static UPSTREAM_ERROR: Guide = Guide {
    title: t!("The provider or gateway failed", "服务商或中转站出错"),
    meaning: t!(
        "The error is on the server side: the provider is overloaded or had an internal error, or the gateway could not get an answer from any upstream.",
        "错误出在服务端：服务商过载或内部出错，或者中转站没能从任何上游拿到响应。"
    ),
    steps: &[
        t!(
            "Retry after a short pause, with exponential backoff.",
            "稍等后按指数退避重试。"
        ),
        t!(
            "Check the provider's or gateway's status page.",
            "查看服务商或中转站的状态页面。"
        ),
        t!(
            "If it persists, try another model, region or upstream group.",
            "如果持续出现，换一个模型、地区或上游分组。"
        ),
        t!(
            "Keep the request id: support needs it to find the failed call.",
            "保留请求 ID：客服需要它来查找这次失败的调用。"
        ),
    ],
};

static TIMEOUT: Guide = Guide {
    title: t!("The request timed out", "请求超时"),
    meaning: t!(
        "No answer came in time: the connection could not be made, or the server (or a gateway in between) took longer than the timeout.",
        "没有及时得到响应：连接没能建立，或者服务器（或中间的网关）处理时间超过了超时设置。"
    ),
    steps: &[
        t!(
            "From the same machine, run `curl -v {base}/models` and see where it stops (connecting, TLS, or waiting for the answer).",
            "在同一台机器上运行 `curl -v {base}/models`，看它卡在哪一步（连接、TLS 还是等待响应）。"
        ),
        t!(
            "A connect timeout usually means a firewall, a corporate network or a missing proxy: try another network, such as a phone hotspot.",
            "连接超时通常是防火墙、公司网络或缺少代理造成的：换个网络试试，比如手机热点。"
        ),
        t!(
            "For long generations, raise the client's read timeout or use streaming.",
            "对于耗时较长的生成，调大客户端的读取超时，或改用流式输出。"
        ),
        t!("Retry: timeouts are often transient.", "重试：超时往往是暂时的。"),
    ],
};

static DNS: Guide = Guide {
    title: t!("The host name could not be resolved", "域名无法解析"),
    meaning: t!(
        "The machine could not turn the API's host name into an address: a typo in the base URL, no network, or a DNS problem.",
        "机器无法把 API 的域名解析成地址：Base URL 拼写错误、没有网络，或者 DNS 出了问题。"
    ),
    steps: &[
        t!(
            "Check the host name in the base URL for typos and stray characters.",
            "检查 Base URL 中的域名是否有拼写错误或多余字符。"
        ),
        t!(
            "From the same machine, run `nslookup <host>` or `curl -v {base}/models`.",
            "在同一台机器上运行 `nslookup <域名>` 或 `curl -v {base}/models`。"
        ),
        t!(
            "In Docker or WSL, check the container's DNS settings; a proxy host name in HTTPS_PROXY must resolve too.",
            "在 Docker 或 WSL 中检查容器的 DNS 设置；HTTPS_PROXY 里的代理主机名也必须能解析。"
        ),
        t!(
            "Try another DNS server or network.",
            "换一个 DNS 服务器或网络试试。"
        ),
    ],
};

static CONNECT_FAILED: Guide = Guide {
    title: t!("The connection failed", "连接失败"),
    meaning: t!(
        "The host was found but the connection was refused, reset or dropped before an answer arrived.",
        "找到了主机，但连接被拒绝、被重置，或在收到响应前断开了。"
    ),
    steps: &[
        t!(
            "Check the host and port of the base URL; a local server (`localhost`, `127.0.0.1`) must be running, and inside Docker `localhost` is the container itself.",
            "检查 Base URL 的主机和端口；本地服务（`localhost`、`127.0.0.1`）必须正在运行，而在 Docker 里 `localhost` 指的是容器自己。"
        ),
        t!(
            "From the same machine, run `curl -v {base}/models`.",
            "在同一台机器上运行 `curl -v {base}/models`。"
        ),
        t!(
            "Check proxy and firewall rules and corporate networks; try another network such as a phone hotspot.",
            "检查代理和防火墙规则以及公司网络；换个网络试试，比如手机热点。"
        ),
        t!(
            "A reset in the middle of a long stream can be transient: retry.",
            "长时间流式输出中途被重置可能是暂时的：重试。"
        ),
    ],
};

static TLS: Guide = Guide {
    title: t!("The secure connection (TLS) failed", "安全连接（TLS）失败"),
    meaning: t!(
        "The certificate could not be verified or the TLS handshake failed, often because a corporate proxy or antivirus intercepts HTTPS, or the system's certificates are outdated.",
        "证书无法验证或 TLS 握手失败，常见原因是公司代理或杀毒软件拦截了 HTTPS，或者系统证书过旧。"
    ),
    steps: &[
        t!(
            "If a corporate proxy or antivirus inspects HTTPS, add its root certificate to the client (for Python: `SSL_CERT_FILE` or `REQUESTS_CA_BUNDLE`; for Node: `NODE_EXTRA_CA_CERTS`).",
            "如果公司代理或杀毒软件会检查 HTTPS，把它的根证书加入客户端（Python：`SSL_CERT_FILE` 或 `REQUESTS_CA_BUNDLE`；Node：`NODE_EXTRA_CA_CERTS`）。"
        ),
        t!(
            "Update the system's CA certificates and the language runtime (`pip install -U certifi`).",
            "更新系统的 CA 证书和语言运行时（`pip install -U certifi`）。"
        ),
        t!(
            "Check that the base URL uses `https://` with the right host and port; a proxy port spoken to over TLS gives `wrong version number`.",
            "确认 Base URL 使用 `https://`、主机和端口正确；用 TLS 连接代理端口会报 `wrong version number`。"
        ),
        t!(
            "Do not turn certificate verification off: it would expose the key.",
            "不要关闭证书校验：那会让密钥暴露。"
        ),
    ],
};

static PROXY: Guide = Guide {
    title: t!("The proxy failed", "代理出错"),
    meaning: t!(
        "The call goes through a proxy that is not running, refused the connection, could not be resolved, or wants authentication (407), so it never reached the API.",
        "请求经过的代理没有运行、拒绝了连接、无法解析，或者需要认证（407），所以请求根本没有到达 API。"
    ),
    steps: &[
        t!(
            "Check the proxy settings the program sees: `HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY` (and their lower-case forms), and the client's own proxy option.",
            "检查程序实际读取的代理设置：`HTTPS_PROXY`、`HTTP_PROXY`、`ALL_PROXY`（及其小写形式），以及客户端自己的代理选项。"
        ),
        t!(
            "Make sure the proxy app is running and listening on that port (for example 127.0.0.1:7890 or :1080); inside Docker, 127.0.0.1 is the container, not the host.",
            "确认代理软件正在运行并监听该端口（例如 127.0.0.1:7890 或 :1080）；在 Docker 里，127.0.0.1 指的是容器而不是宿主机。"
        ),
        t!(
            "Match the scheme to the proxy: `http://` for an HTTP proxy, `socks5://` for SOCKS.",
            "代理地址的协议要和代理类型一致：HTTP 代理用 `http://`，SOCKS 代理用 `socks5://`。"
        ),
        t!(
            "If no proxy is needed, unset the variables, or add the API host to `NO_PROXY`.",
            "如果不需要代理，清除这些变量，或把 API 主机加入 `NO_PROXY`。"
        ),
        t!(
            "For 407, give the proxy's user name and password in the proxy URL or settings.",
            "遇到 407 时，在代理地址或设置里填写代理的用户名和密码。"
        ),
    ],
};

static CORS: Guide = Guide {
    title: t!("The browser blocked a cross-origin call", "浏览器拦截了跨域请求"),
    meaning: t!(
        "The API answered (or was reached), but it does not allow calls from a web page on another origin, so the browser hid the response. The API itself may be fine.",
        "API 有响应（或可以访问），但它不允许来自其他源网页的调用，所以浏览器隐藏了响应。API 本身可能没有问题。"
    ),
    steps: &[
        t!(
            "Call the API from a server or back end instead of the browser; most LLM APIs are not meant to be called from web pages, which would expose the key.",
            "改为从服务器或后端调用 API；大多数大模型 API 不打算从网页直接调用，那样会暴露密钥。"
        ),
        t!(
            "If you run the gateway, allow your page's origin and headers (`Access-Control-Allow-Origin`, `Access-Control-Allow-Headers: authorization, content-type`).",
            "如果网关是你自己部署的，允许页面的源和请求头（`Access-Control-Allow-Origin`、`Access-Control-Allow-Headers: authorization, content-type`）。"
        ),
        t!(
            "Anthropic allows browser calls only with the `anthropic-dangerous-direct-browser-access: true` header.",
            "Anthropic 只在带上 `anthropic-dangerous-direct-browser-access: true` 请求头时允许浏览器直接调用。"
        ),
        t!(
            "Check the URL: a wrong path (404) or a doubled slash often shows up as a CORS error.",
            "检查 URL：错误的路径（404）或多余的斜杠也常常表现为 CORS 错误。"
        ),
    ],
};

static WRONG_ENDPOINT: Guide = Guide {
    title: t!("Wrong base URL or path", "Base URL 或路径错误"),
    meaning: t!(
        "The request reached a server, but not the API: the path does not exist (404), or a web page (HTML) came back where JSON was expected. Often `/v1` is missing or doubled, or a full endpoint was pasted as the base URL.",
        "请求到达了服务器，但没有到达 API：路径不存在（404），或者返回了网页（HTML）而不是 JSON。常见原因是少了或多了 `/v1`，或者把完整的接口地址填成了 Base URL。"
    ),
    steps: &[
        t!(
            "Use the base URL from the provider's documentation, usually ending in `/v1` (for example `https://api.openai.com/v1`), without `/chat/completions`.",
            "使用服务商文档里的 Base URL，通常以 `/v1` 结尾（例如 `https://api.openai.com/v1`），不要带 `/chat/completions`。"
        ),
        t!(
            "Check whether the client adds `/v1` itself: then the base must not include it (and the other way round).",
            "确认客户端是否会自动加上 `/v1`：如果会，Base URL 就不能再带（反之亦然）。"
        ),
        t!(
            "Open `{base}/models` with curl: a JSON answer (even 401) means the base is right; an HTML page means it is not.",
            "用 curl 访问 `{base}/models`：返回 JSON（即使是 401）说明地址正确；返回网页说明地址不对。"
        ),
        t!(
            "For Gemini's OpenAI-compatible API the base is `https://generativelanguage.googleapis.com/v1beta/openai/`.",
            "Gemini 的 OpenAI 兼容接口 Base URL 是 `https://generativelanguage.googleapis.com/v1beta/openai/`。"
        ),
    ],
};

static UNKNOWN: Guide = Guide {
    title: t!("No known error recognised", "未能识别出已知错误"),
    meaning: t!(
        "Nothing in this text matches a known failure. If it came from a browser (`Failed to fetch`, `NetworkError`), the browser hides the real reason: it may be CORS, DNS, a refused connection or an offline network.",
        "这段文字里没有匹配到已知的失败原因。如果它来自浏览器（`Failed to fetch`、`NetworkError`），浏览器隐藏了真实原因：可能是跨域、DNS、连接被拒绝或网络断开。"
    ),
    steps: &[
        t!(
            "Paste the full error: the HTTP status and the response body decide most cases.",
            "粘贴完整的错误信息：HTTP 状态码和响应体能判断大多数情况。"
        ),
        t!(
            "For a browser error, open the developer tools console and network tab: the real reason is printed there.",
            "如果是浏览器里的错误，打开开发者工具的控制台和网络面板：真实原因会显示在那里。"
        ),
        t!(
            "From the same machine, run `curl -v {base}/models` and paste its output here.",
            "在同一台机器上运行 `curl -v {base}/models`，把输出粘贴到这里。"
        ),
        t!(
            "Use the connection check below to test the base URL from this browser.",
            "用下方的连接检查从这个浏览器测试 Base URL。"
        ),
    ],
};
