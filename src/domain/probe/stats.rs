//! Latency statistics over the samples of a run, and the thresholds that judge them (data,
//! not code: [`Thresholds::DEFAULT`]).
//!
//! Definitions: quantiles interpolate linearly between the closest ranks (the median of an even
//! count is the mean of the middle two); jitter is the mean absolute difference between
//! consecutive answered warm samples (RFC 3550's idea, without its smoothing); a lost sample is
//! a request that failed or timed out. The cold sample (the first request of the run, which may
//! pay for DNS, connect and TLS) is reported apart and left out of every warm figure.

use serde::Serialize;

use super::{Outcome, Phases};

/// One latency sample.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Sample {
    /// Position in the run (0 is the cold one).
    pub index: u32,
    pub cold: bool,
    /// Duration in ms; `None` when the request was lost (failed or timed out).
    pub ms: Option<f64>,
    pub phases: Option<Phases>,
}

/// Medians of each phase over the warm samples that have phases.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct PhaseStats {
    pub dns_ms: f64,
    pub connect_ms: f64,
    pub tls_ms: f64,
    pub first_byte_ms: f64,
    pub download_ms: f64,
}

/// Statistics of one run's samples.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct LatencyStats {
    /// The cold sample's duration (`None`: none yet, or it was lost).
    pub cold_ms: Option<f64>,
    /// The cold sample's phases, when the server allows them.
    pub cold_phases: Option<Phases>,
    /// Warm requests sent, answered and lost.
    pub warm_sent: u32,
    pub warm_answered: u32,
    pub warm_lost: u32,
    /// Over the answered warm samples; `None` when there are none.
    pub min_ms: Option<f64>,
    pub median_ms: Option<f64>,
    pub p90_ms: Option<f64>,
    pub max_ms: Option<f64>,
    pub mean_ms: Option<f64>,
    pub jitter_ms: Option<f64>,
    /// Median phases over warm samples, when the server sends `Timing-Allow-Origin`.
    pub phases: Option<PhaseStats>,
}

impl LatencyStats {
    /// Lost warm samples as a fraction of those sent (0 when none were sent).
    pub fn loss_ratio(&self) -> f64 {
        if self.warm_sent == 0 {
            0.0
        } else {
            f64::from(self.warm_lost) / f64::from(self.warm_sent)
        }
    }
}

/// The q-quantile (0..=1) of sorted values, interpolating between closest ranks.
pub fn quantile(sorted: &[f64], q: f64) -> Option<f64> {
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    // max/min, not f64::clamp: clamp's panic message pulls float formatting into the wasm.
    #[allow(clippy::manual_clamp)]
    let q = if q.is_nan() { 0.5 } else { q.max(0.0).min(1.0) };
    let pos = q * (n - 1) as f64;
    let lo = pos.floor() as usize;
    let hi = pos.ceil() as usize;
    let frac = pos - lo as f64;
    Some(sorted[lo] + (sorted[hi.min(n - 1)] - sorted[lo]) * frac)
}

fn median_of(mut v: Vec<f64>) -> f64 {
    crate::domain::sort::sort_by(&mut v, f64::total_cmp);
    quantile(&v, 0.5).unwrap_or(0.0)
}

/// Statistics of `samples` (in the order they were taken).
pub fn latency_stats(samples: &[Sample]) -> LatencyStats {
    let mut s = LatencyStats::default();
    if let Some(cold) = samples.iter().find(|x| x.cold) {
        s.cold_ms = cold.ms.filter(|m| m.is_finite());
        s.cold_phases = cold.phases;
    }
    let warm: Vec<&Sample> = samples.iter().filter(|x| !x.cold).collect();
    s.warm_sent = warm.len() as u32;
    let answered: Vec<f64> = warm
        .iter()
        .filter_map(|x| x.ms)
        .filter(|m| m.is_finite())
        .map(|m| m.max(0.0))
        .collect();
    s.warm_answered = answered.len() as u32;
    s.warm_lost = s.warm_sent - s.warm_answered;
    if answered.is_empty() {
        return s;
    }
    let mut sorted = answered.clone();
    crate::domain::sort::sort_by(&mut sorted, f64::total_cmp);
    s.min_ms = sorted.first().copied();
    s.max_ms = sorted.last().copied();
    s.median_ms = quantile(&sorted, 0.5);
    s.p90_ms = quantile(&sorted, 0.9);
    s.mean_ms = Some(answered.iter().sum::<f64>() / answered.len() as f64);
    s.jitter_ms = Some(if answered.len() < 2 {
        0.0
    } else {
        answered
            .windows(2)
            .map(|w| (w[1] - w[0]).abs())
            .sum::<f64>()
            / (answered.len() - 1) as f64
    });
    let phased: Vec<Phases> = warm.iter().filter_map(|x| x.phases).collect();
    if !phased.is_empty() {
        let med = |f: fn(&Phases) -> f64| median_of(phased.iter().map(f).collect());
        s.phases = Some(PhaseStats {
            dns_ms: med(|p| p.dns_ms),
            connect_ms: med(|p| p.connect_ms),
            tls_ms: med(|p| p.tls_ms),
            first_byte_ms: med(|p| p.first_byte_ms),
            download_ms: med(|p| p.download_ms),
        });
    }
    s
}

/// What counts as slow, jittery or lossy. Judged in the order of [`LATENCY_RULES`].
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Thresholds {
    /// A warm median above this is slow (warn).
    pub slow_ms: f64,
    /// A warm median above this is very slow (fail).
    pub very_slow_ms: f64,
    /// Jitter above this warns.
    pub jitter_ms: f64,
    /// Losing at least this fraction of warm requests fails; fewer losses warn.
    pub lost_fail_ratio: f64,
    /// The latency check stops after this many losses in a row (so a dead server costs a few
    /// timeouts, not fifty).
    pub stop_after_losses: u32,
}

impl Thresholds {
    pub const DEFAULT: Thresholds = Thresholds {
        slow_ms: 1_000.0,
        very_slow_ms: 3_000.0,
        jitter_ms: 250.0,
        lost_fail_ratio: 0.5,
        stop_after_losses: 3,
    };
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds::DEFAULT
    }
}

/// A latency rule: the outcome when its test holds. The first rule that holds decides.
pub(crate) struct LatencyRule {
    pub outcome: Outcome,
    pub holds: fn(&LatencyStats, &Thresholds) -> bool,
}

/// The latency verdict, as a table: most serious first; [`Outcome::Fast`] when none holds.
pub(crate) const LATENCY_RULES: &[LatencyRule] = &[
    LatencyRule {
        outcome: Outcome::AllLost,
        holds: |s, _| s.warm_sent > 0 && s.warm_answered == 0,
    },
    LatencyRule {
        outcome: Outcome::MostLost,
        holds: |s, t| s.loss_ratio() >= t.lost_fail_ratio,
    },
    LatencyRule {
        outcome: Outcome::VerySlow,
        holds: |s, t| s.median_ms.is_some_and(|m| m > t.very_slow_ms),
    },
    LatencyRule {
        outcome: Outcome::Slow,
        holds: |s, t| s.median_ms.is_some_and(|m| m > t.slow_ms),
    },
    LatencyRule {
        outcome: Outcome::SomeLost,
        holds: |s, _| s.warm_lost > 0,
    },
    LatencyRule {
        outcome: Outcome::Jittery,
        holds: |s, t| s.jitter_ms.is_some_and(|j| j > t.jitter_ms),
    },
];

/// The latency outcome of `stats` under `t`.
pub(crate) fn latency_outcome(stats: &LatencyStats, t: &Thresholds) -> Outcome {
    LATENCY_RULES
        .iter()
        .find(|r| (r.holds)(stats, t))
        .map_or(Outcome::Fast, |r| r.outcome)
}

/// `ms` with one decimal and a unit (`203.4 ms`), written with integer arithmetic so the wasm
/// doesn't carry float formatting. Non-finite values print as `–`.
pub fn fmt_ms(ms: f64) -> String {
    if !ms.is_finite() {
        return "–".to_owned();
    }
    let t = (ms.max(0.0) * 10.0).round() as u64;
    format!("{}.{} ms", t / 10, t % 10)
}
