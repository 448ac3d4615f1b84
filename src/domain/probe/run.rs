//! One run of the connection check as a state machine: [`Run::next_step`] says which request
//! to make, [`Run::record`] takes what the browser saw, [`Run::report`] is everything a panel
//! shows. The caller performs the requests one at a time; the machine never asks for more than
//! [`MAX_REQUESTS`] in all (the smoke test included), and stops the latency check after a few
//! losses in a row so a dead server costs seconds, not minutes.

use serde::Serialize;

use crate::domain::locale::{OwnedText, Text};

use super::stats::{latency_stats, LatencyStats, Sample, Thresholds};
use super::url::check_url;
use super::verdict::{latency_result, reach_result, read_result};
use super::{
    cancelled, models_url, CheckId, CheckResult, Method, Mode, Observation, Outcome, RequestSpec,
    MAX_REQUESTS, MAX_WARM, TIMEOUT_MS,
};

/// Where a run is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RunState {
    Idle,
    Running,
    Done,
    Cancelled,
}

impl RunState {
    /// Stable identifier, used in `data-state`.
    pub fn id(self) -> &'static str {
        match self {
            RunState::Idle => "idle",
            RunState::Running => "running",
            RunState::Done => "done",
            RunState::Cancelled => "cancelled",
        }
    }
}

/// The next request to make.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub check: CheckId,
    pub request: RequestSpec,
}

/// How far a run is: `done` of `total` steps, and what happens now (in every locale).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Progress {
    pub done: u32,
    pub total: u32,
    pub label: OwnedText,
}

/// Everything a panel shows of a run.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    pub state: RunState,
    /// The base URL the checks call (`None` when the URL check stopped the run).
    pub base: Option<String>,
    /// Finished checks, in order.
    pub checks: Vec<CheckResult>,
    /// Latency samples so far, in order (the cold one first).
    pub samples: Vec<Sample>,
    pub stats: LatencyStats,
    pub progress: Progress,
    /// Requests made so far.
    pub requests: u32,
}

impl Report {
    /// The report before any run.
    pub fn idle() -> Report {
        Report {
            state: RunState::Idle,
            base: None,
            checks: Vec::new(),
            samples: Vec::new(),
            stats: LatencyStats::default(),
            progress: Progress::default(),
            requests: 0,
        }
    }

    /// The result of one check, if it has finished.
    pub fn check(&self, id: CheckId) -> Option<&CheckResult> {
        self.checks.iter().find(|c| c.check == id)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stage {
    Reach,
    Read,
    Latency,
    Done,
    Cancelled,
}

/// A run of checks 1 to 4 (the smoke test runs apart, after consent).
#[derive(Clone, Debug)]
pub struct Run {
    base: Option<String>,
    page_origin: String,
    warm: u32,
    thresholds: Thresholds,
    stage: Stage,
    checks: Vec<CheckResult>,
    reach: Option<Observation>,
    readable: bool,
    samples: Vec<Sample>,
    losses_in_a_row: u32,
    requests: u32,
}

impl Run {
    /// Starts a run: checks the URL at once. `warm` is clamped to 1..=[`MAX_WARM`].
    /// `page_origin` is the page's own origin (for the CORS curl line and mixed content).
    pub fn new(base_url: &str, warm: u32, page_origin: &str, thresholds: Thresholds) -> Run {
        Run::with_key(base_url, None, warm, page_origin, thresholds)
    }

    /// [`Run::new`], with the user's key (if any) looked at by the URL check: a key for another
    /// platform than the URL's is a warning. The key is not kept and no check sends it.
    pub fn with_key(
        base_url: &str,
        key: Option<&str>,
        warm: u32,
        page_origin: &str,
        thresholds: Thresholds,
    ) -> Run {
        let page_is_https = page_origin.starts_with("https:");
        let key = key.map(str::trim).filter(|k| !k.is_empty());
        let url = check_url(base_url, page_is_https, key);
        // Reach, read, warm samples, and one smoke test must fit the budget.
        let warm = warm.clamp(1, MAX_WARM.min(MAX_REQUESTS - 3));
        let stage = if url.base.is_some() {
            Stage::Reach
        } else {
            Stage::Done
        };
        Run {
            base: url.base,
            page_origin: page_origin.to_owned(),
            warm,
            thresholds,
            stage,
            checks: vec![url.result],
            reach: None,
            readable: false,
            samples: Vec::new(),
            losses_in_a_row: 0,
            requests: 0,
        }
    }

    /// Warm samples planned (after clamping).
    pub fn warm(&self) -> u32 {
        self.warm
    }

    fn warm_taken(&self) -> u32 {
        self.samples.iter().filter(|s| !s.cold).count() as u32
    }

    fn get(&self, mode: Mode) -> RequestSpec {
        RequestSpec {
            method: Method::Get,
            url: models_url(self.base.as_deref().unwrap_or_default()),
            mode,
            headers: Vec::new(),
            body: None,
            timeout_ms: TIMEOUT_MS,
        }
    }

    /// The next request to make, or `None` when the run is over.
    pub fn next_step(&self) -> Option<Step> {
        if self.requests >= MAX_REQUESTS - 1 {
            return None;
        }
        match self.stage {
            Stage::Reach => Some(Step {
                check: CheckId::Reach,
                request: self.get(Mode::NoCors),
            }),
            Stage::Read => Some(Step {
                check: CheckId::Read,
                request: self.get(Mode::Cors),
            }),
            Stage::Latency => Some(Step {
                check: CheckId::Latency,
                request: self.get(if self.readable {
                    Mode::Cors
                } else {
                    Mode::NoCors
                }),
            }),
            Stage::Done | Stage::Cancelled => None,
        }
    }

    /// Takes the observation of the request [`Run::next_step`] asked for.
    pub fn record(&mut self, obs: Observation) {
        if obs == Observation::Cancelled {
            self.cancel();
            return;
        }
        let base = self.base.clone().unwrap_or_default();
        match self.stage {
            Stage::Reach => {
                self.requests += 1;
                let result = reach_result(&obs, &base);
                let answered = obs.answered();
                // The first request of the run is the cold sample.
                self.samples.push(Sample {
                    index: 0,
                    cold: true,
                    ms: obs
                        .answered()
                        .then(|| obs.timing().map(|t| t.total_ms))
                        .flatten(),
                    phases: obs.timing().and_then(|t| t.phases),
                });
                self.checks.push(result);
                self.reach = Some(obs);
                if answered {
                    self.stage = Stage::Read;
                } else {
                    for id in [CheckId::Read, CheckId::Latency] {
                        self.checks.push(CheckResult::new(
                            id,
                            Outcome::Skipped,
                            Text {
                                en: "Skipped: the server could not be reached.",
                                zh: "已跳过：无法连接服务器。",
                            }
                            .into(),
                            String::new(),
                        ));
                    }
                    self.stage = Stage::Done;
                }
            }
            Stage::Read => {
                self.requests += 1;
                let reach = self.reach.clone().unwrap_or(Observation::Cancelled);
                self.readable = matches!(obs, Observation::Response(_));
                self.checks
                    .push(read_result(&obs, &reach, &base, &self.page_origin));
                self.stage = Stage::Latency;
            }
            Stage::Latency => {
                self.requests += 1;
                let ms = obs
                    .answered()
                    .then(|| obs.timing().map(|t| t.total_ms))
                    .flatten();
                self.losses_in_a_row = if ms.is_some() {
                    0
                } else {
                    self.losses_in_a_row + 1
                };
                self.samples.push(Sample {
                    index: self.samples.len() as u32,
                    cold: false,
                    ms,
                    phases: obs.timing().and_then(|t| t.phases),
                });
                if self.warm_taken() >= self.warm
                    || self.losses_in_a_row >= self.thresholds.stop_after_losses
                {
                    let stats = latency_stats(&self.samples);
                    self.checks
                        .push(latency_result(&stats, &self.thresholds, &base, self.warm));
                    self.stage = Stage::Done;
                }
            }
            Stage::Done | Stage::Cancelled => {}
        }
    }

    /// Stops the run: the checks not finished are reported as cancelled.
    pub fn cancel(&mut self) {
        if matches!(self.stage, Stage::Done | Stage::Cancelled) {
            return;
        }
        let done: Vec<CheckId> = self.checks.iter().map(|c| c.check).collect();
        for id in [CheckId::Reach, CheckId::Read, CheckId::Latency] {
            if done.contains(&id) {
                continue;
            }
            let (taken, warm) = (self.warm_taken(), self.warm);
            let sentence = if id == CheckId::Latency && taken > 0 {
                OwnedText {
                    en: format!(
                        "Cancelled after {taken} of {warm} warm requests; the figures below are \
                         from those."
                    ),
                    zh: format!(
                        "在 {warm} 个热请求中完成 {taken} 个后取消；下面的数字来自这些请求。"
                    ),
                }
            } else {
                cancelled()
            };
            self.checks.push(CheckResult::new(
                id,
                Outcome::Cancelled,
                sentence,
                String::new(),
            ));
        }
        self.stage = Stage::Cancelled;
    }

    /// Whether the reachability check saw an answer (`None` before it ran).
    pub fn reachable(&self) -> Option<bool> {
        self.reach.as_ref().map(Observation::answered)
    }

    /// What to show now.
    pub fn report(&self) -> Report {
        let state = match self.stage {
            Stage::Done => RunState::Done,
            Stage::Cancelled => RunState::Cancelled,
            _ => RunState::Running,
        };
        let total = 3 + self.warm;
        let done = match self.stage {
            Stage::Reach => 1,
            Stage::Read => 2,
            Stage::Latency => 3 + self.warm_taken(),
            Stage::Done | Stage::Cancelled => total,
        };
        let text = |en, zh| OwnedText::from(Text { en, zh });
        let (taken, warm) = (self.warm_taken(), self.warm);
        let label = match self.stage {
            Stage::Reach => text("Reaching the server…", "正在连接服务器…"),
            Stage::Read => text(
                "Reading GET /models without a key…",
                "正在不带密钥读取 GET /models…",
            ),
            Stage::Latency => OwnedText {
                en: format!("Measuring latency: {taken} of {warm} warm requests…"),
                zh: format!("正在测量延迟：第 {taken}/{warm} 个热请求…"),
            },
            Stage::Done => text("Done.", "完成。"),
            Stage::Cancelled => cancelled(),
        };
        Report {
            state,
            base: self.base.clone(),
            checks: self.checks.clone(),
            samples: self.samples.clone(),
            stats: latency_stats(&self.samples),
            progress: Progress { done, total, label },
            requests: self.requests,
        }
    }
}
