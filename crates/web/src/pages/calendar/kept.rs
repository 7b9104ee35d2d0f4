//! Uploads kept in memory so the result page can re-run the analysis with other settings
//! without a second upload. Never on disk; bounded in time, size and count; keyed by an
//! unguessable id that only the uploader's page holds. A restart or another replica simply
//! asks for the file again.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

/// How long an upload stays re-usable.
pub const TTL: Duration = Duration::from_secs(15 * 60);
/// Most uploads kept at once (the oldest goes first).
pub const MAX_UPLOADS: usize = 16;
/// Most bytes kept over all uploads.
pub const MAX_BYTES: usize = 64 * 1024 * 1024;

/// One upload's files: (display name, bytes).
pub type Files = Vec<(String, Vec<u8>)>;

struct Entry {
    at: Instant,
    size: usize,
    files: Arc<Files>,
}

fn store() -> &'static Mutex<HashMap<String, Entry>> {
    static STORE: OnceLock<Mutex<HashMap<String, Entry>>> = OnceLock::new();
    STORE.get_or_init(|| Mutex::new(HashMap::new()))
}

fn evict(map: &mut HashMap<String, Entry>, now: Instant) {
    map.retain(|_, e| now.duration_since(e.at) < TTL);
}

/// Keep `files` (shared, not copied); returns them with the id to ask for them again, or no
/// id when they are too big to keep.
pub fn keep(files: Files) -> (Option<String>, Arc<Files>) {
    let files = Arc::new(files);
    let size: usize = files.iter().map(|(_, b)| b.len()).sum();
    if size > MAX_BYTES {
        return (None, files);
    }
    let Ok(mut map) = store().lock() else {
        return (None, files);
    };
    let now = Instant::now();
    evict(&mut map, now);
    while map.len() >= MAX_UPLOADS || map.values().map(|e| e.size).sum::<usize>() + size > MAX_BYTES
    {
        let Some(oldest) = map.iter().min_by_key(|(_, e)| e.at).map(|(k, _)| k.clone()) else {
            break;
        };
        map.remove(&oldest);
    }
    let id = new_id();
    map.insert(
        id.clone(),
        Entry {
            at: now,
            size,
            files: files.clone(),
        },
    );
    (Some(id), files)
}

/// The files kept under `id`, if still there.
pub fn get(id: &str) -> Option<Arc<Files>> {
    let mut map = store().lock().ok()?;
    evict(&mut map, Instant::now());
    map.get(id).map(|e| e.files.clone())
}

/// 32 random bytes as hex: unguessable, and nothing about the upload in it.
fn new_id() -> String {
    use rand::RngCore as _;
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_uploads_come_back_by_id_and_are_bounded() {
        let id = keep(vec![("a.ics".into(), b"BEGIN:VCALENDAR".to_vec())])
            .0
            .unwrap();
        assert_eq!(id.len(), 64);
        assert_eq!(get(&id).unwrap()[0].0, "a.ics");
        assert!(get("not-an-id").is_none());
        assert!(
            keep(vec![("big.ics".into(), vec![0; MAX_BYTES + 1])])
                .0
                .is_none()
        );
        for _ in 0..MAX_UPLOADS {
            keep(vec![("x.ics".into(), vec![0; 10])]).0.unwrap();
        }
        // The first one was the oldest, so it made room.
        assert!(get(&id).is_none());
    }
}
