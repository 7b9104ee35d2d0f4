//! Which crate may depend on which, read from every `crates/*/Cargo.toml`: engines stay pure
//! (no shell, no storage, no database driver), and the store knows nothing of the shells.

use std::collections::BTreeMap;
use std::path::Path;

/// Engine packages: values in, values out.
const ENGINES: [&str; 6] = [
    "dualtrack-framework",
    "dualtrack-assess",
    "dualtrack-calendar",
    "dualtrack-decide",
    "dualtrack-board",
    "dualtrack-trial",
];
/// What no engine may depend on: the shells, the storage crate and the database driver.
const NOT_FOR_ENGINES: [&str; 4] = ["dualtrack-store", "dualtrack-web", "dualtrack", "sqlx"];
/// What the store may not depend on: the shells.
const NOT_FOR_THE_STORE: [&str; 2] = ["dualtrack-web", "dualtrack"];

/// Package name -> every dependency it names (normal, build, dev, and per target).
fn dependencies() -> BTreeMap<String, Vec<String>> {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(&crates).unwrap() {
        let manifest = entry.unwrap().path().join("Cargo.toml");
        if !manifest.is_file() {
            continue;
        }
        let text = std::fs::read_to_string(&manifest).unwrap();
        let doc: toml::Table = toml::from_str(&text).unwrap();
        let name = doc["package"]["name"].as_str().unwrap().to_owned();
        let mut deps: Vec<String> = Vec::new();
        let mut collect = |section: &toml::Table| {
            for kind in ["dependencies", "build-dependencies", "dev-dependencies"] {
                if let Some(table) = section.get(kind).and_then(toml::Value::as_table) {
                    deps.extend(table.keys().cloned());
                }
            }
        };
        collect(&doc);
        for target in doc
            .get("target")
            .and_then(toml::Value::as_table)
            .into_iter()
        {
            for section in target.values().filter_map(toml::Value::as_table) {
                collect(section);
            }
        }
        out.insert(name, deps);
    }
    out
}

fn offences(deps: &BTreeMap<String, Vec<String>>) -> Vec<String> {
    let mut found = Vec::new();
    for (package, names) in deps {
        let forbidden: &[&str] = if ENGINES.contains(&package.as_str()) {
            &NOT_FOR_ENGINES
        } else if package == "dualtrack-store" {
            &NOT_FOR_THE_STORE
        } else {
            &[]
        };
        for name in names.iter().filter(|n| forbidden.contains(&n.as_str())) {
            found.push(format!("{package} depends on {name}"));
        }
    }
    found
}

#[test]
fn engines_depend_on_no_shell_or_storage_and_the_store_on_no_shell() {
    let deps = dependencies();
    for package in ENGINES.iter().chain(&["dualtrack-store"]) {
        assert!(
            deps.contains_key(*package),
            "{package} not found in crates/"
        );
    }
    assert_eq!(offences(&deps), Vec::<String>::new());
}

#[test]
fn the_check_catches_an_engine_that_reaches_for_the_database() {
    let mut deps = dependencies();
    deps.get_mut("dualtrack-calendar")
        .unwrap()
        .push("sqlx".into());
    deps.get_mut("dualtrack-store")
        .unwrap()
        .push("dualtrack-web".into());
    assert_eq!(
        offences(&deps),
        [
            "dualtrack-calendar depends on sqlx",
            "dualtrack-store depends on dualtrack-web"
        ]
    );
}

/// Every `.rs` file under `crates/*/src`, with its text.
fn sources() -> Vec<(String, String)> {
    fn walk(dir: &Path, out: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                out.push((path.display().to_string(), text));
            }
        }
    }
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&crates).unwrap() {
        let src = entry.unwrap().path().join("src");
        if src.is_dir() {
            walk(&src, &mut out);
        }
    }
    out
}

/// Regression guard for issue #10: four `Track` enums and five `Location` types whose labels
/// and line counting drifted apart. The vocabulary lives in the framework only.
#[test]
fn track_and_location_are_defined_once_in_the_framework() {
    for (path, text) in sources() {
        if path.contains("/framework/src/") {
            continue;
        }
        for definition in ["pub enum Track ", "pub struct Location ", "fn line_column("] {
            assert!(
                !text.contains(definition),
                "{path} defines its own `{}`: use the one in dualtrack-framework",
                definition.trim()
            );
        }
    }
}
