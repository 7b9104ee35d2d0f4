//! Bounded CPU-heavy work: password hashing, calendar analysis, ladder audits and reports.
//!
//! Such work must not run on the async worker threads (it would stall every other request,
//! `/healthz` included) and must not run without bound (argon2 takes ~19 MB per hash, a
//! calendar expansion up to a few hundred MB). A [`Gate`] admits at most `workers` jobs at a
//! time onto tokio's blocking pool, lets at most `queue` more wait for a slot, and refuses the
//! rest at once with [`AppError::Busy`] (503 with `Retry-After`), so a flood of requests costs a
//! refusal rather than memory. Like the throttle, the gate is per process: each replica bounds
//! its own work.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::error::AppError;

/// Seconds a refused caller is told to wait before trying again.
pub const RETRY_AFTER_SECS: u64 = 2;

/// A cap on concurrent jobs of one kind, with a bounded waiting line.
#[derive(Debug, Clone)]
pub struct Gate {
    inner: Arc<GateInner>,
}

#[derive(Debug)]
struct GateInner {
    slots: Arc<Semaphore>,
    waiting: AtomicUsize,
    queue: usize,
    what: &'static str,
}

/// A slot held on a [`Gate`]; the slot frees when this is dropped.
#[derive(Debug)]
pub struct Slot {
    _permit: OwnedSemaphorePermit,
}

/// The number of cores this process may use (at least 1).
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
}

impl Gate {
    /// A gate for `what` (named in the busy message) running at most `workers` jobs at once
    /// with at most `queue` more waiting.
    pub fn new(what: &'static str, workers: usize, queue: usize) -> Self {
        Self {
            inner: Arc::new(GateInner {
                slots: Arc::new(Semaphore::new(workers.max(1))),
                waiting: AtomicUsize::new(0),
                queue,
                what,
            }),
        }
    }

    fn busy(&self) -> AppError {
        AppError::Busy {
            what: self.inner.what,
            retry_after: RETRY_AFTER_SECS,
        }
    }

    /// Take a slot, waiting in line if there is room in the line; refuse when there is not.
    ///
    /// # Errors
    /// [`AppError::Busy`] when every slot is taken and the line is full.
    pub async fn enter(&self) -> Result<Slot, AppError> {
        if let Ok(permit) = self.inner.slots.clone().try_acquire_owned() {
            return Ok(Slot { _permit: permit });
        }
        let inner = &self.inner;
        let queued = inner
            .waiting
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
                (n < inner.queue).then_some(n + 1)
            });
        if queued.is_err() {
            return Err(self.busy());
        }
        let permit = inner.slots.clone().acquire_owned().await;
        inner.waiting.fetch_sub(1, Ordering::AcqRel);
        permit
            .map(|permit| Slot { _permit: permit })
            .map_err(|_| self.busy())
    }

    /// Take a slot without waiting (tests use it to fill a gate).
    pub fn try_enter(&self) -> Option<Slot> {
        self.inner
            .slots
            .clone()
            .try_acquire_owned()
            .ok()
            .map(|permit| Slot { _permit: permit })
    }

    /// Run `job`, which may borrow from the caller, once a slot is free, telling tokio that
    /// this worker thread is about to block (`block_in_place`): the worker's other tasks move
    /// to another thread, so `/healthz` and every other request keep being served. On a
    /// single-threaded runtime (tests) there is no other thread, and the job runs inline.
    ///
    /// # Errors
    /// [`AppError::Busy`] when the gate is full.
    pub async fn run_here<T>(&self, job: impl FnOnce() -> T) -> Result<T, AppError> {
        let _slot = self.enter().await?;
        let multi_thread = matches!(
            tokio::runtime::Handle::current().runtime_flavor(),
            tokio::runtime::RuntimeFlavor::MultiThread
        );
        Ok(if multi_thread {
            tokio::task::block_in_place(job)
        } else {
            job()
        })
    }

    /// Run `job` on the blocking pool once a slot is free.
    ///
    /// # Errors
    /// [`AppError::Busy`] when the gate is full; an internal error if the job panicked.
    pub async fn run<T, F>(&self, job: F) -> Result<T, AppError>
    where
        F: FnOnce() -> T + Send + 'static,
        T: Send + 'static,
    {
        let slot = self.enter().await?;
        let result = tokio::task::spawn_blocking(move || {
            let value = job();
            drop(slot);
            value
        })
        .await;
        result.map_err(AppError::internal)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_full_gate_with_a_full_line_refuses_at_once() {
        let gate = Gate::new("test work", 1, 0);
        let held = gate.try_enter().expect("a free slot");
        let refused = gate.run(|| 1).await.unwrap_err();
        assert!(matches!(refused, AppError::Busy { retry_after, .. } if retry_after > 0));
        assert!(gate.run_here(|| 1).await.is_err());
        drop(held);
        assert_eq!(gate.run(|| 2).await.unwrap(), 2);
        let borrowed = String::from("borrowed");
        assert_eq!(gate.run_here(|| borrowed.len()).await.unwrap(), 8);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn jobs_run_off_the_async_workers_on_a_multi_thread_runtime() {
        let gate = Gate::new("test work", 1, 0);
        let text = String::from("abc");
        assert_eq!(gate.run_here(|| text.len()).await.unwrap(), 3);
    }

    #[tokio::test]
    async fn a_waiting_caller_gets_the_slot_when_it_frees() {
        let gate = Gate::new("test work", 1, 1);
        let held = gate.try_enter().unwrap();
        let waiter = tokio::spawn({
            let gate = gate.clone();
            async move { gate.run(|| 3).await }
        });
        // The line has room for one; a second waiter is refused while the first waits.
        while gate.inner.waiting.load(Ordering::Acquire) == 0 {
            tokio::task::yield_now().await;
        }
        assert!(gate.run(|| 4).await.is_err());
        drop(held);
        assert_eq!(waiter.await.unwrap().unwrap(), 3);
    }
}
