//! `dualtrack serve`: run the web application.

use std::io::{IsTerminal as _, Write as _};
use std::net::SocketAddr;
use std::process::ExitCode;

use anyhow::Context as _;
use dualtrack_web::{AppState, Config, Keys, Mailer};
use tracing_subscriber::EnvFilter;

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Address to listen on; port 0 picks a free port (the chosen address is printed).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,

    /// Database: sqlite://PATH (embedded) or postgres://USER@HOST/DB.
    /// Defaults to dualtrack.sqlite in the data directory.
    #[arg(long, env = "DUALTRACK_DATABASE_URL")]
    pub database_url: Option<String>,

    /// Key that signs sessions' anti-forgery tokens and result cookies. Give every replica
    /// behind one load balancer the same value; without it a random key is used and cookies
    /// stop working when the process restarts.
    #[arg(long, env = "DUALTRACK_SECRET", hide_env_values = true)]
    pub secret: Option<String>,

    /// Mark every cookie Secure (when TLS ends at a proxy that does not send
    /// X-Forwarded-Proto).
    #[arg(long)]
    pub secure_cookies: bool,

    /// Trust the proxy in front: read the client address from the last X-Forwarded-For entry
    /// and https from X-Forwarded-Proto (which also turns on HSTS). Set it only when a proxy
    /// you run overwrites those headers; otherwise clients could forge them.
    #[arg(long, env = "DUALTRACK_TRUST_PROXY")]
    pub trust_proxy: bool,

    /// Password hashes computed at once (each takes about 19 MB); 0 means one per core.
    /// Log-ins beyond the cap wait briefly, then get 503 with Retry-After.
    #[arg(long, default_value_t = 0)]
    pub hash_workers: usize,

    /// Calendar analyses, ladder audits and reports computed at once; 0 means one per core.
    #[arg(long, default_value_t = 0)]
    pub analysis_workers: usize,

    /// Do not add the demonstration companies and listings to an empty database.
    #[arg(long)]
    pub no_seed: bool,

    /// SMTP server for outgoing mail (employee verification links): smtp://HOST:PORT,
    /// smtp://USER:PASS@HOST?tls=required, or smtps://USER:PASS@HOST. Without it, messages
    /// are written to the outbox folder in the data directory and listed at /dev/outbox for
    /// visitors on this machine.
    #[arg(long, env = "DUALTRACK_SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<String>,

    /// The sender of outgoing mail.
    #[arg(long, env = "DUALTRACK_MAIL_FROM", default_value = dualtrack_web::mail::DEFAULT_FROM)]
    pub mail_from: String,

    /// The address people reach this site at, used in links sent by mail
    /// (e.g. https://jobs.example.com). Defaults to http:// and the listening address.
    #[arg(long, env = "DUALTRACK_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// Days an employee's confirmation of a culture tag counts; after that, a tag nobody
    /// confirms again falls back to claimed.
    #[arg(long, default_value_t = dualtrack_board::DEFAULT_CONFIRMATION_MAX_AGE_DAYS,
          value_parser = clap::value_parser!(u32).range(1..=3650))]
    pub confirmation_max_age_days: u32,
}

pub fn run(args: ServeArgs) -> anyhow::Result<ExitCode> {
    init_tracing();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(serve(args))?;
    Ok(ExitCode::SUCCESS)
}

fn init_tracing() {
    // One line per request from tower-http; `RUST_LOG` can raise or lower it.
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info"));
    // A second call (tests) keeps the first subscriber; that is fine.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::stderr().is_terminal())
        .with_writer(std::io::stderr)
        .try_init();
}

async fn serve(args: ServeArgs) -> anyhow::Result<()> {
    let url = crate::database::url(args.database_url.as_deref());
    let store = dualtrack_store::connect(&url).await?;
    if !args.no_seed
        && let Some(added) = dualtrack_store::seed_if_empty(store.as_ref()).await?
    {
        tracing::info!(
            companies = added.companies,
            listings = added.listings,
            "added the demonstration board to the empty database"
        );
    }
    let keys = match args.secret.as_deref() {
        Some(secret) if secret.len() >= 16 => Keys::new(secret.as_bytes()),
        Some(_) => anyhow::bail!("--secret must be at least 16 characters long"),
        None => {
            tracing::warn!(
                "no --secret given: using a random key; sign-ins end when the server restarts"
            );
            Keys::random()
        }
    };
    tokio::spawn(purge_sessions(store.clone()));
    let mailer = match args
        .smtp_url
        .as_deref()
        .filter(|url| !url.trim().is_empty())
    {
        Some(url) => Mailer::smtp(url, Some(&args.mail_from)).context("--smtp-url")?,
        None => {
            let outbox = dualtrack_store::data_dir().join(dualtrack_web::mail::OUTBOX_DIR);
            tracing::info!(
                outbox = %outbox.display(),
                "no --smtp-url: mail is written to the outbox folder and listed at /dev/outbox"
            );
            Mailer::outbox(outbox, Some(&args.mail_from)).context("--mail-from")?
        }
    };
    let listener = tokio::net::TcpListener::bind(args.addr)
        .await
        .with_context(|| format!("cannot listen on {}", args.addr))?;
    let local = listener
        .local_addr()
        .context("cannot read the listening address")?;
    let public_url = args.public_url.unwrap_or_else(|| format!("http://{local}"));
    let state = AppState::new(
        store,
        keys,
        Config {
            secure_cookies: args.secure_cookies,
            trust_proxy: args.trust_proxy,
            hash_workers: args.hash_workers,
            analysis_workers: args.analysis_workers,
            mailer,
            public_url: Some(public_url),
            confirmation_max_age_days: Some(args.confirmation_max_age_days),
            // The trial pages' "today", pinned like the CLI's for tests and demonstrations.
            today: std::env::var_os("DUALTRACK_TODAY").map(|_| crate::clock::today()),
            // DUALTRACK_SEARCH_INDEX=off answers every search from the database (the
            // benchmark's "before"; see docs/PERFORMANCE.md).
            search_index_off: std::env::var("DUALTRACK_SEARCH_INDEX").is_ok_and(|v| v == "off"),
            ..Config::default()
        },
    )?;
    // Weekly trial reminders (SMTP, or the outbox without it); each is recorded, sent once.
    tokio::spawn(dualtrack_web::reminders::run(state.clone()));
    state.search_index().warm();
    let shutdown = shutdown_signal();
    // The address on stdout, alone on its line, so scripts that asked for port 0 can read it.
    println!("dualtrack is serving on http://{local}");
    std::io::stdout().flush().ok();
    let closing = state.clone();
    dualtrack_web::serve(listener, state, shutdown)
        .await
        .context("the web server stopped with an error")?;
    closing.store().close().await;
    tracing::info!("stopped");
    Ok(())
}

/// Delete expired log-ins once an hour, so the sessions table does not grow forever.
async fn purge_sessions(store: std::sync::Arc<dyn dualtrack_store::Store>) {
    let mut every_hour = tokio::time::interval(std::time::Duration::from_secs(60 * 60));
    loop {
        every_hour.tick().await;
        match store.purge_expired_sessions(chrono::Utc::now()).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(sessions = n, "removed expired sessions"),
            Err(err) => tracing::warn!(error = %err, "could not remove expired sessions"),
        }
    }
}

/// Completes on Ctrl-C or SIGTERM, so in-flight requests can finish. The handlers are set
/// up here, before the address is announced: a signal that came before the future is first
/// polled used to kill the process outright, with the store left open.
fn shutdown_signal() -> impl Future<Output = ()> {
    #[cfg(unix)]
    let signals = {
        use tokio::signal::unix::{SignalKind, signal};
        (
            signal(SignalKind::interrupt()),
            signal(SignalKind::terminate()),
        )
    };
    async move {
        #[cfg(unix)]
        match signals {
            (Ok(mut interrupt), Ok(mut terminate)) => {
                tokio::select! {
                    _ = interrupt.recv() => {},
                    _ = terminate.recv() => {},
                }
            }
            // Without handlers the default applies: the signal ends the process.
            _ => std::future::pending::<()>().await,
        }
        #[cfg(not(unix))]
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
        tracing::info!("shutting down: finishing requests in flight");
    }
}
