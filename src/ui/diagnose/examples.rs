//! Realistic errors to try, one per kind of paste the panel understands.

use crate::domain::locale::Text;

/// One example: a button label and the text it puts in the input.
pub struct Example {
    /// The button's label.
    pub label: Text,
    /// The category the example is meant to show (checked by the end-to-end test).
    pub category: &'static str,
    /// The pasted text.
    pub body: &'static str,
}

/// The examples, in button order.
pub const EXAMPLES: [Example; 5] = [
    Example {
        label: Text {
            en: "OpenAI 429: quota",
            zh: "OpenAI 429：额度用尽",
        },
        category: "quota_exhausted",
        body: r#"openai.RateLimitError: Error code: 429 - {'error': {'message': 'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.', 'type': 'insufficient_quota', 'param': None, 'code': 'insufficient_quota'}}"#,
    },
    Example {
        label: Text {
            en: "Anthropic 401 (Python)",
            zh: "Anthropic 401（Python）",
        },
        category: "invalid_key",
        body: r#"Traceback (most recent call last):
  File "/app/chat.py", line 12, in <module>
    message = client.messages.create(
  File "/usr/local/lib/python3.12/site-packages/anthropic/_base_client.py", line 1063, in _request
    raise self._make_status_error_from_response(err.response) from None
anthropic.AuthenticationError: Error code: 401 - {'type': 'error', 'error': {'type': 'authentication_error', 'message': 'invalid x-api-key'}, 'request_id': 'req_011CVKq3zvXhWz4N9mJm6e2T'}"#,
    },
    Example {
        label: Text {
            en: "Refused on a local proxy",
            zh: "本地代理拒绝连接",
        },
        category: "proxy",
        body: r#"FetchError: request to https://api.openai.com/v1/chat/completions failed, reason: connect ECONNREFUSED 127.0.0.1:7890
    at ClientRequest.<anonymous> (/app/node_modules/node-fetch/lib/index.js:1501:11)
    at ClientRequest.emit (node:events:519:28) {
  type: 'system',
  errno: 'ECONNREFUSED',
  code: 'ECONNREFUSED'
}"#,
    },
    Example {
        label: Text {
            en: "one-api 403 (Chinese)",
            zh: "one-api 403（中文）",
        },
        category: "quota_exhausted",
        body: r#"HTTP/1.1 403 Forbidden
Content-Type: application/json; charset=utf-8

{"error":{"message":"用户额度不足, 剩余额度为: ＄0.000000 (request id: 2025030112451298765432109876)","type":"one_api_error","param":"","code":"insufficient_user_quota"}}"#,
    },
    Example {
        label: Text {
            en: "Gemini 400: bad key",
            zh: "Gemini 400：密钥无效",
        },
        category: "invalid_key",
        body: r#"{
  "error": {
    "code": 400,
    "message": "API key not valid. Please pass a valid API key.",
    "status": "INVALID_ARGUMENT",
    "details": [
      {
        "@type": "type.googleapis.com/google.rpc.ErrorInfo",
        "reason": "API_KEY_INVALID",
        "domain": "googleapis.com",
        "metadata": {
          "service": "generativelanguage.googleapis.com"
        }
      }
    ]
  }
}"#,
    },
];
