//! Flow snapshots: every file in `testdata/flow/` is analysed and each handler's flow is dumped
//! ([`sendonce::flow::dump`]: sites, which run after an answer, unanswered exits, hand-offs,
//! summaries) into `snapshots/flow__<file>.snap`, so a change to the analysis is reviewed as a
//! diff of what it found.

use std::fs;
use std::path::Path;

use oxc_span::SourceType;
use sendonce::analysis::flow_dumps;

#[test]
fn every_flow_fixture_matches_its_snapshot() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/flow");
    let mut files: Vec<_> = fs::read_dir(&dir).unwrap().map(|entry| entry.unwrap().path()).collect();
    files.sort();
    assert!(files.len() >= 10, "testdata/flow needs its fixtures, has {}", files.len());
    for path in files {
        let text = fs::read_to_string(&path).unwrap();
        let source_type = SourceType::from_path(&path).unwrap();
        let dump = flow_dumps(&text, source_type).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        assert!(dump.contains("handler at"), "{}: no handler found", path.display());
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path("../snapshots");
        settings.set_prepend_module_to_snapshot(false);
        settings.set_input_file(&path);
        settings.set_omit_expression(true);
        settings.bind(|| insta::assert_snapshot!(format!("flow__{name}"), dump));
    }
}
