//! sendonce: find and fix Node HTTP handlers that send a response more than once.
//!
//! The pipeline: [`walk`] collects files, [`prefilter`] skips those that cannot
//! have a finding, [`analysis`] parses each other one with oxc,
//! finds its [`handler`]s (where the prefilter's evidence is) and runs the [`rules`], [`fix`] applies their edits
//! (as wide as the file's [`prettier`] settings allow),
//! [`report`] renders diffs and findings, and [`write`] puts fixed files on
//! disk atomically. [`run_with_args`] is the whole command line, so tests can
//! drive it in-process.

pub mod analysis;
pub mod cli;
pub mod completions;
pub mod config;
pub mod diagnostic;
pub mod error;
pub mod fix;
pub mod flow;
pub mod framework;
pub mod generate;
pub mod git;
pub mod handler;
pub mod prefilter;
pub mod prettier;
pub mod report;
pub mod rules;
pub mod sends;
pub mod source;
pub mod supervise;
pub mod suppress;
pub mod walk;
pub mod write;

mod runner;

pub use runner::{prepare_process, run_with_args};
