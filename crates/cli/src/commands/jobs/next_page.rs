//! The command that fetches the following page: the same filters plus `--cursor`, quoted so
//! it can be pasted into a POSIX shell as is.

use dualtrack_board::DEFAULT_LIMIT;

use super::SearchArgs;

/// `dualtrack jobs search <the same filters> --cursor <next>`.
pub fn command(search: &SearchArgs, next: &str) -> String {
    let mut words: Vec<String> = vec!["dualtrack".into(), "jobs".into(), "search".into()];
    let mut push = |flag: &str, value: &str| {
        words.push(flag.into());
        words.push(quote(value));
    };
    if let Some(q) = &search.q {
        push("--q", q);
    }
    for tag in &search.tags {
        push("--tag", tag);
    }
    if let Some(track) = search.track {
        push("--track", dualtrack_framework::Track::from(track).as_str());
    }
    if let Some(past_staff) = search.ic_past_staff {
        push("--ic-past-staff", if past_staff { "true" } else { "false" });
    }
    if let Some(remote) = search.remote {
        push("--remote", if remote { "true" } else { "false" });
    }
    for pref in &search.prefer {
        push("--prefer", pref);
    }
    if search.limit != DEFAULT_LIMIT {
        push("--limit", &search.limit.to_string());
    }
    push("--cursor", next);
    words.join(" ")
}

/// The word itself when it is safe unquoted, else single-quoted with inner quotes escaped.
pub fn quote(word: &str) -> String {
    let safe = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.,/:@+=".contains(c));
    if safe {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::track_arg::TrackArg;

    fn args() -> SearchArgs {
        SearchArgs {
            q: None,
            tags: Vec::new(),
            track: None,
            ic_past_staff: None,
            remote: None,
            limit: DEFAULT_LIMIT,
            cursor: Some("old".into()),
            prefer: Vec::new(),
        }
    }

    #[test]
    fn keeps_every_filter_and_replaces_the_cursor() {
        let search = SearchArgs {
            q: Some("rust storage".into()),
            tags: vec!["deep-work".into(), "writing-culture".into()],
            track: Some(TrackArg::Ic),
            ic_past_staff: Some(true),
            remote: Some(false),
            limit: 5,
            ..args()
        };
        assert_eq!(
            command(&search, "djEuMTcw"),
            "dualtrack jobs search --q 'rust storage' --tag deep-work --tag writing-culture \
             --track ic --ic-past-staff true --remote false --limit 5 --cursor djEuMTcw"
        );
    }

    #[test]
    fn default_limit_is_left_out() {
        assert_eq!(
            command(&args(), "abc"),
            "dualtrack jobs search --cursor abc"
        );
    }

    #[test]
    fn shell_specials_are_quoted() {
        assert_eq!(quote("it's"), r"'it'\''s'");
        assert_eq!(quote("$HOME"), "'$HOME'");
        assert_eq!(quote(""), "''");
        assert_eq!(quote("c++"), "c++");
    }
}
