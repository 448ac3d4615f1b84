//! `keydoctor diagnose [FILE]`: prints the diagnosis as JSON.

use super::{parse_flags, read_input, CliError};
use crate::domain::diagnose::diagnose;
use std::io::Read;

pub(super) fn run(args: &[String], stdin: &mut dyn Read) -> Result<String, CliError> {
    let (positional, _) = parse_flags(args, &[], &[])?;
    if positional.len() > 1 {
        return Err(CliError::usage("diagnose takes at most one FILE"));
    }
    let text = read_input(positional.first().copied(), stdin)?;
    let d = diagnose(&text);
    let evidence: Vec<serde_json::Value> = d
        .evidence
        .iter()
        .map(|e| {
            serde_json::json!({
                "kind": e.kind,
                "value": e.value,
                "category": e.category,
            })
        })
        .collect();
    let out = serde_json::json!({
        "category": d.category,
        "title": d.title,
        "meaning": d.meaning,
        "retry_helps": d.retry.id(),
        "http_status": d.facts.http_status,
        // The service that answered: the gateway when there is one, else the provider.
        "provider": d.facts.gateway.as_ref().or(d.facts.provider.as_ref()),
        "upstream_provider": d.facts.provider,
        "gateway": d.facts.gateway,
        "type": d.facts.error_type,
        "code": d.facts.code,
        "message": d.facts.message,
        "request_id": d.facts.request_id,
        "retry_after": d.facts.retry_after,
        "rate_limit_headers": d.facts.rate_limit_headers.iter().map(|(k, v)| serde_json::json!({"name": k, "value": v})).collect::<Vec<_>>(),
        "evidence": evidence,
        "steps": d.steps,
        "also_found": d.also_found,
        "truncated": d.truncated,
    });
    let mut s = serde_json::to_string_pretty(&out)
        .map_err(|e| CliError::usage(format!("cannot print JSON: {e}")))?;
    s.push('\n');
    Ok(s)
}
