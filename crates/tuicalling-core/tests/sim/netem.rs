//! Network emulation for IM messages: loss, duplication, delay (which also reorders) and send
//! failures, with per-scenario rates drawn from the seed.

use super::rng::Rng;

/// Normal one-way IM delivery delay, ms.
const NORMAL_DELAY_MS: (u64, u64) = (20, 400);
/// Longest injected delay, ms (the issue: "delay up to 10 s").
pub const MAX_DELAY_MS: u64 = 10_000;

/// Fault rates of one scenario, in per-mille.
#[derive(Debug, Clone)]
pub struct Netem {
    /// A delivery to one recipient is lost.
    pub loss_pm: u32,
    /// A delivery to one recipient arrives twice.
    pub dup_pm: u32,
    /// A delivery is delayed anywhere in 0..=10 s (instead of 20..=400 ms): this is what
    /// reorders messages.
    pub long_delay_pm: u32,
    /// A send reports failure.
    pub fail_pm: u32,
    /// A failed send was delivered anyway (the SDK timed out after the server stored it).
    pub ambiguous_pm: u32,
}

/// What the IM SDK reports for one send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SendFate {
    /// Stored by the server; reported ok.
    Ok,
    /// Reported failed; `delivered` when the server stored it anyway.
    Failed {
        /// The message still reaches its recipients.
        delivered: bool,
    },
}

impl Netem {
    /// Rates for one scenario: every fault is off in some scenarios and heavy in others.
    pub fn random(rng: &mut Rng) -> Self {
        Self {
            loss_pm: rng.pick(&[0, 0, 20, 100, 250]),
            dup_pm: rng.pick(&[0, 50, 200]),
            long_delay_pm: rng.pick(&[0, 100, 300, 600]),
            fail_pm: rng.pick(&[0, 0, 20, 100]),
            ambiguous_pm: rng.pick(&[0, 300, 1000]),
        }
    }

    /// One delivery delay, ms.
    pub fn delay(&self, rng: &mut Rng) -> u64 {
        if rng.chance(self.long_delay_pm) {
            rng.range(0, MAX_DELAY_MS)
        } else {
            rng.range(NORMAL_DELAY_MS.0, NORMAL_DELAY_MS.1)
        }
    }

    /// Delays of the copies one recipient gets: none (lost), one, or two (duplicated).
    pub fn copies(&self, rng: &mut Rng) -> (Option<u64>, Option<u64>) {
        if rng.chance(self.loss_pm) {
            return (None, None);
        }
        let first = self.delay(rng);
        let second = rng.chance(self.dup_pm).then(|| self.delay(rng));
        (Some(first), second)
    }

    /// What the SDK reports for a send.
    pub fn send_fate(&self, rng: &mut Rng) -> SendFate {
        if rng.chance(self.fail_pm) {
            SendFate::Failed {
                delivered: rng.chance(self.ambiguous_pm),
            }
        } else {
            SendFate::Ok
        }
    }

    /// Short description for traces.
    pub fn describe(&self) -> String {
        format!(
            "loss {}‰, dup {}‰, long delay {}‰, send failure {}‰ (delivered anyway {}‰)",
            self.loss_pm, self.dup_pm, self.long_delay_pm, self.fail_pm, self.ambiguous_pm
        )
    }
}
