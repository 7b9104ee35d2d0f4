//! `dualtrack admin`: running the board. `admin create EMAIL` makes the first administrator
//! (or any later one): it creates the account when the address has none, with a password read
//! from standard input (`--password-stdin`) or typed at a hidden prompt, or promotes the
//! existing account. Either way the act goes into the audit log.

use std::io::{IsTerminal as _, Read as _};
use std::process::ExitCode;

use anyhow::Context as _;
use chrono::Utc;
use dualtrack_board::{NewAccount, NewAuditEntry, Role, Store, normalize_email};

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Uses the same database as `dualtrack serve` (--database-url, default \
                  dualtrack.sqlite in the data directory)."
)]
pub struct AdminArgs {
    #[command(subcommand)]
    pub command: AdminCommand,

    /// Database: sqlite://PATH (embedded) or postgres://USER@HOST/DB.
    /// Defaults to dualtrack.sqlite in the data directory.
    #[arg(
        long,
        env = "DUALTRACK_DATABASE_URL",
        value_name = "URL",
        global = true
    )]
    pub database_url: Option<String>,
}

#[derive(Debug, clap::Subcommand)]
pub enum AdminCommand {
    /// Make EMAIL an administrator, creating the account if it does not exist.
    Create(CreateArgs),
}

#[derive(Debug, clap::Args)]
pub struct CreateArgs {
    /// The administrator's email address.
    pub email: String,

    /// Read the new account's password from standard input (one line) instead of
    /// prompting for it. Ignored when the account exists already.
    #[arg(long)]
    pub password_stdin: bool,
}

pub fn run(args: AdminArgs) -> anyhow::Result<ExitCode> {
    let url = args.database_url.clone();
    let message =
        crate::database::with_store(url.as_deref(), "accounts", async |store| {
            match args.command {
                AdminCommand::Create(create) => create_admin(store, create).await,
            }
        })?;
    println!("{message}");
    Ok(ExitCode::SUCCESS)
}

/// The new account's password: from stdin with `--password-stdin`, else a hidden prompt on a
/// terminal; refused when too short or too long.
fn read_password(args: &CreateArgs) -> anyhow::Result<String> {
    let password = if args.password_stdin {
        let mut text = String::new();
        std::io::stdin()
            .take(4096)
            .read_to_string(&mut text)
            .context("cannot read the password from standard input")?;
        text.lines().next().unwrap_or_default().to_owned()
    } else if std::io::stdin().is_terminal() {
        inquire::Password::new(&format!("Password for {}:", args.email))
            .with_display_mode(inquire::PasswordDisplayMode::Hidden)
            .prompt()
            .context("no password was typed")?
    } else {
        anyhow::bail!(
            "{} has no account yet, so it needs a password: pass --password-stdin and pipe it \
             in, or run this in a terminal to be asked",
            args.email
        );
    };
    dualtrack_web::check_new_password(&password)
        .map_err(|message| anyhow::anyhow!("the password was refused: {message}"))?;
    Ok(password)
}

async fn create_admin(store: &dyn Store, args: CreateArgs) -> anyhow::Result<String> {
    let email = normalize_email(&args.email)?;
    let (account, created) = match store.account_by_email(&email).await? {
        Some(existing) => (existing, false),
        None => {
            let password = read_password(&args)?;
            let password_hash = dualtrack_web::hash_password_now(&password)?;
            let account = store
                .create_account(&NewAccount {
                    email: email.clone(),
                    password_hash,
                    created_at: Utc::now(),
                })
                .await?;
            (account, true)
        }
    };
    if account.role == Role::Admin {
        return Ok(format!(
            "{email} is already an administrator; nothing changed."
        ));
    }
    store.set_account_role(account.id, Role::Admin).await?;
    store
        .record_audit(&NewAuditEntry {
            at: Utc::now(),
            actor: None,
            action: "grant_admin".into(),
            target: format!("account {}", account.id),
            reason: format!("{email} made an administrator from the command line on the server"),
        })
        .await?;
    Ok(if created {
        format!("Created {email} as an administrator. Sign in at /login, then open /admin.")
    } else {
        format!("{email} is now an administrator. Sign in at /login, then open /admin.")
    })
}
