//! Brute-force limits: slow down, then block, repeated failures of one key (an account's
//! log-in, a client address, a verification in progress).
//!
//! A key may fail `free` times without consequence. Each further failure makes the key wait
//! before its next attempt, the wait doubling from `first_delay`; from `block_after` failures
//! on, the key is blocked for `block_for`. Attempts during a wait are refused (429 with
//! `Retry-After`) without being counted or costing a password hash, so a guesser gains
//! nothing by hammering. A success clears the key; failures older than `forget_after` are
//! forgotten.
//!
//! The clock is passed in (`now`), so the policy is tested without sleeping. Memory is
//! bounded: at most `capacity` keys are remembered; when full, expired entries go first, then
//! the entry seen longest ago.
//!
//! State is per process: each replica behind a load balancer counts on its own, so an attacker
//! spread over N replicas gets up to N times the attempts. That bound is still small, and it
//! keeps the web tier free of shared state; see docs/ARCHITECTURE.md, scale path.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How strict one throttle is.
#[derive(Debug, Clone, Copy)]
pub struct Policy {
    /// Failures allowed before any wait.
    pub free: u32,
    /// The wait after the first failure past `free`; it doubles with each further failure.
    pub first_delay: Duration,
    /// Failures after which the key is blocked outright.
    pub block_after: u32,
    /// How long a block lasts.
    pub block_for: Duration,
    /// Failures this old no longer count.
    pub forget_after: Duration,
}

impl Policy {
    /// Per account (log-in) and per verification: a person mistyping gets a few tries, a
    /// guesser is blocked after 20.
    pub const ACCOUNT: Self = Self {
        free: 5,
        first_delay: Duration::from_secs(1),
        block_after: 20,
        block_for: Duration::from_secs(15 * 60),
        forget_after: Duration::from_secs(60 * 60),
    };

    /// Per client address: looser, since many people can share one address (an office NAT).
    pub const ADDRESS: Self = Self {
        free: 20,
        first_delay: Duration::from_secs(1),
        block_after: 100,
        block_for: Duration::from_secs(15 * 60),
        forget_after: Duration::from_secs(60 * 60),
    };

    /// The wait that follows `failures` failures.
    fn wait_after(&self, failures: u32) -> Duration {
        if failures >= self.block_after {
            return self.block_for;
        }
        let Some(over) = failures.checked_sub(self.free).filter(|n| *n > 0) else {
            return Duration::ZERO;
        };
        // Doubling, but never longer than a block.
        let factor = 1u32.checked_shl(over - 1).unwrap_or(u32::MAX);
        self.first_delay
            .checked_mul(factor)
            .map_or(self.block_for, |d| d.min(self.block_for))
    }
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    failures: u32,
    last_failure: Instant,
    /// No attempt is allowed before this moment.
    until: Instant,
}

/// Failure counts per key, bounded in memory.
#[derive(Debug)]
pub struct Throttle {
    policy: Policy,
    capacity: usize,
    entries: Mutex<HashMap<String, Entry>>,
}

/// Keys remembered per throttle at most: about 100 bytes each, so a few MB in all.
pub const DEFAULT_CAPACITY: usize = 50_000;

impl Throttle {
    pub fn new(policy: Policy, capacity: usize) -> Self {
        Self {
            policy,
            capacity: capacity.max(1),
            entries: Mutex::new(HashMap::new()),
        }
    }

    fn entries(&self) -> std::sync::MutexGuard<'_, HashMap<String, Entry>> {
        // A panic while holding the lock cannot leave a half-written entry, so keep going.
        self.entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// `Err(wait)` when `key` must wait before trying again.
    pub fn check(&self, key: &str, now: Instant) -> Result<(), Duration> {
        match self.entries().get(key) {
            Some(entry) if entry.until > now => Err(entry.until - now),
            _ => Ok(()),
        }
    }

    /// Count a failure of `key`; returns the wait it now has before its next attempt.
    pub fn failure(&self, key: &str, now: Instant) -> Duration {
        let mut entries = self.entries();
        if !entries.contains_key(key) && entries.len() >= self.capacity {
            self.make_room(&mut entries, now);
        }
        let entry = entries.entry(key.to_owned()).or_insert(Entry {
            failures: 0,
            last_failure: now,
            until: now,
        });
        if now.saturating_duration_since(entry.last_failure) > self.policy.forget_after {
            entry.failures = 0;
        }
        entry.failures = entry.failures.saturating_add(1);
        entry.last_failure = now;
        let wait = self.policy.wait_after(entry.failures);
        entry.until = now + wait;
        wait
    }

    /// Forget the failures of `key` (after a success).
    pub fn success(&self, key: &str) {
        self.entries().remove(key);
    }

    /// How many keys are remembered.
    pub fn len(&self) -> usize {
        self.entries().len()
    }

    /// Whether no key is remembered.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn make_room(&self, entries: &mut HashMap<String, Entry>, now: Instant) {
        let forget = self.policy.forget_after;
        entries.retain(|_, e| {
            e.until > now || now.saturating_duration_since(e.last_failure) <= forget
        });
        if entries.len() >= self.capacity
            && let Some(oldest) = entries
                .iter()
                .min_by_key(|(_, e)| e.last_failure)
                .map(|(k, _)| k.clone())
        {
            entries.remove(&oldest);
        }
    }
}

/// Whole seconds to put in `Retry-After` for a wait (at least 1).
pub fn retry_secs(wait: Duration) -> u64 {
    wait.as_secs() + u64::from(wait.subsec_nanos() > 0)
}

/// "3 seconds", "15 minutes": a wait in words for the refusal message.
pub fn in_words(wait: Duration) -> String {
    let secs = retry_secs(wait).max(1);
    if secs < 120 {
        format!("{secs} second{}", if secs == 1 { "" } else { "s" })
    } else {
        format!("{} minutes", secs.div_ceil(60))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STRICT: Policy = Policy {
        free: 2,
        first_delay: Duration::from_secs(1),
        block_after: 5,
        block_for: Duration::from_secs(600),
        forget_after: Duration::from_secs(3600),
    };

    #[test]
    fn free_failures_then_doubling_waits_then_a_block() {
        let throttle = Throttle::new(STRICT, 10);
        let t0 = Instant::now();
        assert_eq!(throttle.failure("a", t0), Duration::ZERO);
        assert_eq!(throttle.failure("a", t0), Duration::ZERO);
        assert!(throttle.check("a", t0).is_ok());
        assert_eq!(throttle.failure("a", t0), Duration::from_secs(1));
        assert_eq!(throttle.check("a", t0), Err(Duration::from_secs(1)));
        let t1 = t0 + Duration::from_secs(1);
        assert!(throttle.check("a", t1).is_ok(), "the wait is over");
        assert_eq!(throttle.failure("a", t1), Duration::from_secs(2));
        let t2 = t1 + Duration::from_secs(2);
        assert_eq!(
            throttle.failure("a", t2),
            Duration::from_secs(600),
            "blocked"
        );
        assert!(throttle.check("a", t2 + Duration::from_secs(599)).is_err());
        assert!(throttle.check("a", t2 + Duration::from_secs(600)).is_ok());
        assert!(throttle.check("b", t2).is_ok(), "keys are separate");
    }

    #[test]
    fn success_and_time_forget_failures() {
        let throttle = Throttle::new(STRICT, 10);
        let t0 = Instant::now();
        for _ in 0..3 {
            throttle.failure("a", t0);
        }
        throttle.success("a");
        assert!(throttle.check("a", t0).is_ok());
        for _ in 0..2 {
            throttle.failure("b", t0);
        }
        let later = t0 + Duration::from_secs(3601);
        assert_eq!(
            throttle.failure("b", later),
            Duration::ZERO,
            "old failures expire"
        );
    }

    #[test]
    fn memory_is_bounded() {
        let throttle = Throttle::new(STRICT, 3);
        let t0 = Instant::now();
        for (i, key) in ["a", "b", "c", "d", "e"].iter().enumerate() {
            throttle.failure(key, t0 + Duration::from_millis(i as u64));
        }
        assert_eq!(throttle.len(), 3);
        // A free failure sets no wait from the moment it happened (t0 + 4 ms); asking at t0,
        // before it, saw a 4 ms wait and failed.
        assert!(throttle.check("e", t0 + Duration::from_millis(4)).is_ok());
    }

    #[test]
    fn waits_are_stated_in_words() {
        assert_eq!(in_words(Duration::from_millis(1500)), "2 seconds");
        assert_eq!(in_words(Duration::from_secs(1)), "1 second");
        assert_eq!(in_words(Duration::from_secs(900)), "15 minutes");
        assert_eq!(retry_secs(Duration::from_millis(1)), 1);
    }
}
