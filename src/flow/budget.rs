//! How much work the walks of one file may do: past it, the file is reported as too complex.

use std::cell::Cell;

/// The most work the walks of one file may do, in units: one per statement or expression visited
/// plus the branch conditions carried there, one per pair of conditions compared. The handlers in
/// `testdata/` take a few hundred; past this (loops nested two dozen deep are walked 2^24 times, an
/// `else if` chain hundreds long compares every condition with every other) the file is reported as
/// too complex instead of running for minutes: about a second in a release build. The count does not
/// depend on the machine, so neither does the result.
pub const MAX_WORK: u64 = 10_000_000;
/// The deepest nesting of statements and expressions the walk follows: it recurses once per level.
pub const MAX_DEPTH: u32 = 2_000;

/// The work limits of one file's walks, shared by every walker of the file (handlers and helpers).
#[derive(Debug, Default)]
pub struct Budget {
    work: Cell<u64>,
    depth: Cell<u32>,
    exceeded: Cell<bool>,
}

impl Budget {
    /// Whether a walk of this file stopped early at [`MAX_WORK`] or [`MAX_DEPTH`].
    pub fn exceeded(&self) -> bool {
        self.exceeded.get()
    }

    /// Spends `units`; false once the budget is exhausted.
    pub(super) fn spend(&self, units: u64) -> bool {
        let work = self.work.get().saturating_add(units);
        self.work.set(work);
        if work > MAX_WORK {
            self.exceeded.set(true);
        }
        !self.exceeded.get()
    }

    /// Enters one level of the walk, spending `units`; false (and nothing entered) when over budget.
    pub(super) fn enter(&self, units: u64) -> bool {
        if !self.spend(units) || self.depth.get() >= MAX_DEPTH {
            self.exceeded.set(true);
            return false;
        }
        self.depth.set(self.depth.get() + 1);
        true
    }

    pub(super) fn leave(&self) {
        self.depth.set(self.depth.get().saturating_sub(1));
    }
}
