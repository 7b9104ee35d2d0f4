//! The shared application state: the store, the loaded engines' data, keys and settings.

use std::sync::Arc;

use dualtrack_board::Store;
use dualtrack_decide::Content;
use dualtrack_framework::Framework;

use crate::cookies::Keys;

/// Settings of one server process.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Mark every cookie `Secure`, for deployments where TLS ends before the proxy can say so
    /// with `X-Forwarded-Proto`.
    pub secure_cookies: bool,
}

/// Everything a handler needs, cheap to clone.
#[derive(Clone, Debug)]
pub struct AppState {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    store: Arc<dyn Store>,
    framework: Framework,
    content: Content,
    keys: Keys,
    config: Config,
}

impl AppState {
    /// State over a connected store and the built-in framework. `keys` must be shared by
    /// every replica of the server.
    ///
    /// # Errors
    /// When the built-in framework or decision content does not load (a build defect,
    /// reported rather than panicking).
    pub fn new(store: Arc<dyn Store>, keys: Keys, config: Config) -> anyhow::Result<Self> {
        Ok(Self::with_content(
            store,
            Framework::embedded()?,
            Content::embedded()?,
            keys,
            config,
        ))
    }

    /// State with a given framework and decision content (an organisation's own data).
    pub fn with_content(
        store: Arc<dyn Store>,
        framework: Framework,
        content: Content,
        keys: Keys,
        config: Config,
    ) -> Self {
        Self {
            inner: Arc::new(Inner {
                store,
                framework,
                content,
                keys,
                config,
            }),
        }
    }

    /// Outlook, switch-back model and plans for the decision report.
    pub fn content(&self) -> &Content {
        &self.inner.content
    }

    pub fn framework(&self) -> &Framework {
        &self.inner.framework
    }

    pub fn store(&self) -> &dyn Store {
        self.inner.store.as_ref()
    }

    pub fn keys(&self) -> &Keys {
        &self.inner.keys
    }

    pub fn config(&self) -> &Config {
        &self.inner.config
    }
}
