//! The facts a role profile (the JSON of `GET /api/v1/ladder/roles/{id}`) states, as any
//! rendering of it must show them. Shared by the CLI's guide tests and the web's role-page
//! tests, which include this file with `#[path]`, so both check the same list.

/// Every fact of `profile`, in the words a rendering shows.
pub fn profile_facts(profile: &serde_json::Value) -> Vec<String> {
    let s = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_owned();
    let mut facts = vec![s(&profile["rung"]["title"])];
    for e in profile["equivalents"].as_array().into_iter().flatten() {
        facts.push(s(&e["rung"]["title"]));
    }
    if let Some(level) = profile["leadership_level"]["level"]["name"].as_str() {
        facts.push(format!("{level} level"));
    }
    for a in profile["allocation"].as_array().into_iter().flatten() {
        facts.push(s(&a["activity"]));
    }
    for t in profile["staff_plus"]["time_use"]
        .as_array()
        .into_iter()
        .flatten()
    {
        facts.push(s(&t["text"]));
    }
    if let Some(next) = profile["next"]["rung"]["title"].as_str() {
        facts.push("Next rung on this track".to_owned());
        facts.push(next.to_owned());
    }
    for key in ["counterweight", "ceiling"] {
        if let Some(text) = profile[key]["text"].as_str() {
            facts.push(text.to_owned());
        }
    }
    for r in profile["switch"]["landing"]
        .as_array()
        .into_iter()
        .flatten()
    {
        facts.push(s(&r["title"]));
    }
    for r in profile["responsibilities"].as_array().into_iter().flatten() {
        facts.push(s(r));
    }
    facts
}
