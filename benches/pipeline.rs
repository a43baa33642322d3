//! Criterion benchmarks of each stage of sendonce's pipeline, on the fixtures under `testdata/`.
//!
//! Stages: `prefilter` (the byte test on every fixture), `parse` (oxc, one reused arena),
//! `handlers` (handler discovery on already parsed files, walking everything) and
//! `handlers_guided` (finding the prefilter's evidence and walking only what holds some), `analysis` (parse + handlers + rules,
//! what `--check` does per file), `fix_reparse` (splicing the fixes of the `fix/` fixtures and
//! parsing the result again) and `diff` (rendering their unified diffs).
//! Throughput is reported in bytes of source. The whole-corpus comparison with the peers is
//! `scripts/bench/compare.sh`; see BENCHMARKS.md.
//!
//! Run: `cargo bench --bench pipeline` (quick: `-- --warm-up-time 0.1 --measurement-time 0.2`).

use std::fs;
use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use oxc_allocator::Allocator;
use oxc_parser::Parser;
use sendonce::analysis::{analyze_in, Analysis, Options};
use sendonce::cli::RuleSelection;
use sendonce::config::ProjectConfig;
use sendonce::diagnostic::Applicability;
use sendonce::fix::apply_fixes;
use sendonce::handler::find_handlers;
use sendonce::prefilter::{may_have_findings, Evidence};
use sendonce::prettier::Layout;
use sendonce::report::unified_diff;
use sendonce::source::SourceFile;
use sendonce::walk::EXTENSIONS;

/// Every JS/TS fixture under `testdata/` (node_modules included: it is real code too), decoded,
/// except `testdata/fuzz/`: inputs that once crashed or hung, which run into the analysis' work
/// limits on purpose (one takes half a second) and would be all these stages measured.
fn fixtures() -> Vec<(PathBuf, SourceFile)> {
    let testdata = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata");
    let mut paths = Vec::new();
    let mut stack = vec![testdata.clone()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).expect("testdata/ is readable") {
            let path = entry.expect("a folder entry").path();
            if path == testdata.join("fuzz") {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().and_then(|e| e.to_str()).is_some_and(|e| EXTENSIONS.contains(&e)) {
                paths.push(path);
            }
        }
    }
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let file = SourceFile::from_bytes(&path, fs::read(&path).expect("a fixture is readable"))
                .expect("a fixture decodes");
            (path, file)
        })
        .collect()
}

fn total_bytes<'a>(files: impl IntoIterator<Item = &'a SourceFile>) -> u64 {
    files.into_iter().map(|f| f.text.len() as u64).sum()
}

fn stages(c: &mut Criterion) {
    let files = fixtures();
    assert!(files.len() >= 30, "expected the fixtures under testdata/, found {}", files.len());
    let bytes = total_bytes(files.iter().map(|(_, f)| f));

    let mut group = c.benchmark_group("fixtures");
    group.throughput(Throughput::Bytes(bytes));

    group.bench_function("prefilter", |b| {
        b.iter(|| files.iter().filter(|(_, f)| may_have_findings(black_box(f.text.as_bytes()))).count())
    });

    let mut allocator = Allocator::default();
    group.bench_function("parse", |b| {
        b.iter(|| {
            for (_, file) in &files {
                let parsed = Parser::new(&allocator, black_box(&file.text), file.source_type).parse();
                black_box(parsed.program.body.len());
                allocator.reset();
            }
        })
    });

    // Handler discovery alone: the files are parsed once, outside the measurement.
    let arenas: Vec<Allocator> = files.iter().map(|_| Allocator::default()).collect();
    let programs: Vec<_> = arenas
        .iter()
        .zip(&files)
        .map(|(arena, (_, file))| Parser::new(arena, &file.text, file.source_type).parse().program)
        .collect();
    group.bench_function("handlers", |b| {
        b.iter(|| programs.iter().map(|p| find_handlers(black_box(p), &[], None).len()).sum::<usize>())
    });
    // What `--check` does: find the prefilter's evidence, then walk only the nodes that hold some.
    group.bench_function("handlers_guided", |b| {
        b.iter(|| {
            programs
                .iter()
                .zip(&files)
                .map(|(p, (_, file))| {
                    let evidence = Evidence::find(black_box(file.text.as_bytes()), &[]);
                    find_handlers(black_box(p), &[], Some(&evidence)).len()
                })
                .sum::<usize>()
        })
    });

    group.bench_function("analysis", |b| {
        b.iter(|| {
            for (_, file) in &files {
                let analysis = analyze_in(&allocator, black_box(&file.text), file.source_type, all_rules());
                black_box(analysis.map(|a| a.findings.len()).ok());
                allocator.reset();
            }
        })
    });
    group.finish();

    // The files with a fix: splice the fixes and parse the result again, as `--write` does.
    let fixable: Vec<(String, &SourceFile, Analysis)> = files
        .iter()
        .filter_map(|(path, file)| {
            let analysis = analyze_in(&Allocator::default(), &file.text, file.source_type, all_rules()).ok()?;
            analysis.findings.iter().any(|f| f.fix().is_some()).then(|| (path.display().to_string(), file, analysis))
        })
        .collect();
    assert!(!fixable.is_empty(), "no fixture has a fix");
    let mut group = c.benchmark_group("fixes");
    group.throughput(Throughput::Bytes(total_bytes(fixable.iter().map(|(_, f, _)| *f))));
    group.bench_function("fix_reparse", |b| {
        b.iter(|| {
            for (_, file, analysis) in &fixable {
                let fixes: Vec<_> = analysis
                    .findings
                    .iter()
                    .map(|f| f.fix().filter(|fix| fix.applicability >= Applicability::Safe))
                    .collect();
                let (fixed, _) = apply_fixes(&file.text, &fixes);
                if let Some(fixed) = fixed {
                    let reparsed = Parser::new(&allocator, &fixed, file.source_type).parse();
                    black_box(reparsed.diagnostics.len());
                    allocator.reset();
                }
            }
        })
    });
    let pairs: Vec<(&str, &str, String)> = fixable
        .iter()
        .filter_map(|(name, file, analysis)| {
            let fixes: Vec<_> = analysis.findings.iter().map(|f| f.fix()).collect();
            Some((name.as_str(), file.text.as_str(), apply_fixes(&file.text, &fixes).0?))
        })
        .collect();
    group.bench_function("diff", |b| {
        b.iter(|| {
            pairs.iter().map(|(name, old, new)| unified_diff(name, black_box(old), new, false).len()).sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);

/// Every rule, no `sendonce.json`: what a run without configuration analyses with.
fn all_rules() -> Options<'static> {
    static RULES: std::sync::LazyLock<RuleSelection> = std::sync::LazyLock::new(RuleSelection::default);
    static PROJECT: std::sync::LazyLock<ProjectConfig> = std::sync::LazyLock::new(ProjectConfig::default);
    static LAYOUT: std::sync::LazyLock<Layout> = std::sync::LazyLock::new(Layout::default);
    Options { rules: &RULES, project: &PROJECT, prefilter: true, layout: &*LAYOUT }
}
