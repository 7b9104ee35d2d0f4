//! Employee verification through a real SMTP server: Python's aiosmtpd, started by the test on
//! a free port, writes each message it receives to a folder; the test reads the delivered
//! message, takes the link out of it and follows it.
//!
//! Without aiosmtpd the tests print how to install it and pass, unless
//! `DUALTRACK_REQUIRE_SMTP=1` (CI), where its absence fails them.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::Request;
use dualtrack_web::{Config, Mailer};

use crate::test::accounts::ask_for_link;
use crate::test::common::{TestApp, link_path};

/// Receives mail on 127.0.0.1:PORT and writes each message to DIR as NNNN.eml.
const SERVER: &str = r#"
import os, sys, time
from aiosmtpd.controller import Controller

out, port = sys.argv[1], int(sys.argv[2])

class Keep:
    async def handle_DATA(self, server, session, envelope):
        name = os.path.join(out, "%04d" % len(os.listdir(out)))
        with open(name + ".tmp", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        os.rename(name + ".tmp", name + ".eml")
        return "250 Message accepted for delivery"

controller = Controller(Keep(), hostname="127.0.0.1", port=port)
controller.start()
print("ready", flush=True)
try:
    while True:
        time.sleep(1)
finally:
    controller.stop()
"#;

/// An SMTP server for one test; stopped when dropped.
struct SmtpServer {
    child: Child,
    port: u16,
    inbox: PathBuf,
    _dir: tempfile::TempDir,
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn aiosmtpd_available() -> bool {
    Command::new("python3")
        .args(["-c", "import aiosmtpd"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Starts the server, or `None` (after saying why) when aiosmtpd is missing and not required.
fn start_smtp() -> Option<SmtpServer> {
    if !aiosmtpd_available() {
        assert!(
            std::env::var("DUALTRACK_REQUIRE_SMTP").as_deref() != Ok("1"),
            "DUALTRACK_REQUIRE_SMTP=1 but python3 cannot import aiosmtpd: \
             python3 -m pip install aiosmtpd"
        );
        println!("skipped: python3 -m pip install aiosmtpd");
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let inbox = dir.path().join("inbox");
    std::fs::create_dir(&inbox).unwrap();
    let script = dir.path().join("smtp_server.py");
    std::fs::write(&script, SERVER).unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = Command::new("python3")
        .arg(&script)
        .arg(&inbox)
        .arg(port.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut line = String::new();
    let stdout = child.stdout.take().unwrap();
    std::io::BufRead::read_line(&mut std::io::BufReader::new(stdout), &mut line).unwrap();
    assert_eq!(line.trim(), "ready", "the SMTP server did not start");
    Some(SmtpServer {
        child,
        port,
        inbox,
        _dir: dir,
    })
}

/// Waits for the `n`th message (1-based) to arrive and returns it decoded.
async fn delivered(inbox: &Path, n: usize) -> dualtrack_web::mail::OutboxMessage {
    let deadline = Instant::now() + Duration::from_secs(20);
    let path = inbox.join(format!("{:04}.eml", n - 1));
    loop {
        if let Ok(bytes) = std::fs::read(&path) {
            return dualtrack_web::mail::parse_message(
                &String::from_utf8_lossy(&bytes),
                chrono::Utc::now(),
            );
        }
        assert!(Instant::now() < deadline, "no message {n} arrived");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn app_on(server: &SmtpServer) -> TestApp {
    let mailer = Mailer::smtp(
        &format!("smtp://127.0.0.1:{}", server.port),
        Some("Board <board@dualtrack.test>"),
    )
    .unwrap();
    TestApp::with_config(Config {
        mailer,
        ..Config::default()
    })
    .await
}

async fn sign_up(app: &mut TestApp, email: &str) {
    app.submit(
        "/signup",
        "/signup",
        &[("email", email), ("password", "a long enough password")],
    )
    .await
    .assert_status(303);
}

#[tokio::test]
async fn a_link_delivered_by_smtp_verifies_once() {
    let Some(server) = start_smtp() else { return };
    let mut app = app_on(&server).await;
    sign_up(&mut app, "ana@mailbox.example").await;
    let sent = ask_for_link(&mut app, "lumenfold", "ana@lumenfold.example").await;
    sent.assert_status(200);
    assert!(sent.text().contains("We sent a link to"));
    assert!(
        !sent.text().contains("local outbox"),
        "mail really went out"
    );
    let mail = delivered(&server.inbox, 1).await;
    assert_eq!(mail.to, "ana@lumenfold.example");
    assert!(mail.subject.contains("Lumenfold"), "{}", mail.subject);
    let link = link_path(&mail.body);
    assert!(
        mail.body.contains(&format!("http://dualtrack.test{link}")),
        "{}",
        mail.body
    );

    // Another member who gets the link cannot use it.
    let mut other = TestApp::new_sharing(&app);
    sign_up(&mut other, "eve@mailbox.example").await;
    other.get(&link).await.assert_status(403);

    let used = app.get(&link).await;
    used.assert_status(303);
    assert_eq!(used.location(), "/account?done=verified");
    assert!(
        app.get("/account")
            .await
            .text()
            .contains("You are a verified employee of")
    );
    let again = app.get(&link).await;
    again.assert_status(410);
    assert!(again.text().contains("already been used"));
}

#[tokio::test]
async fn with_smtp_there_is_no_outbox_page_and_outsiders_get_no_mail() {
    let Some(server) = start_smtp() else { return };
    let mut app = app_on(&server).await;
    sign_up(&mut app, "ana@mailbox.example").await;
    ask_for_link(&mut app, "lumenfold", "ana@gmail.example")
        .await
        .assert_status(403);
    ask_for_link(&mut app, "kestrel-maps", "ana@lumenfold.example")
        .await
        .assert_status(403);
    let mut request = Request::get("/dev/outbox").body(Body::empty()).unwrap();
    request
        .extensions_mut()
        .insert(ConnectInfo(std::net::SocketAddr::from((
            [127, 0, 0, 1],
            5000,
        ))));
    app.request(request).await.assert_status(404);
    // A refused address gets nothing: the first delivered message is the accepted one.
    ask_for_link(&mut app, "lumenfold", "ana@lumenfold.example")
        .await
        .assert_status(200);
    let mail = delivered(&server.inbox, 1).await;
    assert_eq!(mail.to, "ana@lumenfold.example");
    assert_eq!(std::fs::read_dir(&server.inbox).unwrap().count(), 1);
}
