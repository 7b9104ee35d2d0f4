//! The loader never panics, whatever it is given.

use dualtrack_framework::{Framework, Ladder};
use proptest::prelude::*;

const QUANTA: &str = include_str!("../../../../data/companies/quanta.toml");

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        let _ = Ladder::from_toml("fuzz.toml", &text);
    }

    #[test]
    fn toml_shaped_text_never_panics(text in "(\\[\\[?[a-z.]{1,12}\\]\\]?\n|[a-z_]{1,10} = (\"[a-z_ ]{0,8}\"|-?[0-9]{1,4}|\\[\\]|\\{ ?low = [0-9], high = [0-9] ?\\})\n){0,30}") {
        let _ = Ladder::from_toml("fuzz.toml", &text);
    }

    #[test]
    fn a_damaged_real_ladder_never_panics(cut in 0usize..QUANTA.len(), junk in "\\PC{0,8}") {
        let fw = Framework::embedded().unwrap();
        let mut text = String::new();
        let split = (0..=cut).rev().find(|i| QUANTA.is_char_boundary(*i)).unwrap_or(0);
        text.push_str(&QUANTA[..split]);
        text.push_str(&junk);
        text.push_str(&QUANTA[split..]);
        if let Ok(ladder) = fw.load_ladder("fuzz.toml", &text) {
            let _ = fw.audit(&ladder);
        }
    }
}

#[test]
fn every_reported_position_is_inside_the_text() {
    let text = "id = \"x\"\nname = \"x\"\n[[tracks]]\nid = \"ic\"\nname = \"i\"\n[[equivalences]]\nic = \"a\"\nmanagement = \"b\"\n";
    let err = Ladder::from_toml("x.toml", text).unwrap_err();
    for d in err.diagnostics() {
        assert!(d.line >= 1 && d.line <= text.lines().count(), "{d}");
        assert!(d.column >= 1, "{d}");
    }
}
