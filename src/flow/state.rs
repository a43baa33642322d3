//! The abstract state carried along every path: which sends may already have run.

use oxc_span::Span;

use super::facts::Fact;
use super::SiteId;
/// At most this many distinct "already sent here" sites are tracked per point (keeps the walk linear).
pub(super) const MAX_TRACKED_SENDS: usize = 8;

/// The sends that may have run on the paths reaching a point.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct State {
    /// Some path here has sent nothing yet.
    pub(super) unsent: bool,
    /// Conditions every unsent path here satisfies, as clauses (each clause: one of its facts holds).
    pub(super) unsent_facts: Vec<Vec<Fact>>,
    /// Some path here handed the response to code we cannot see.
    pub(super) unknown: bool,
    /// Sends that may have run on some path here (sorted).
    pub(super) sent: Vec<SiteId>,
    /// The last branch an unsent path took past an answer.
    pub(super) unsent_via: Option<Branch>,
}

/// Where an unsent path left the paths that answer, so a path that ends unanswered can be named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Branch {
    /// One side of an `if`: its test, and whether the test held.
    Test { test: Span, taken: bool },
    /// The rejection of the promise at `promise`, which nothing catches
    /// (`User.findOne(q).then((user) => res.json(user));`).
    Rejection { promise: Span },
    /// A read of a name nothing declares (`validationError(res, err)`), in a callback where
    /// nothing catches the ReferenceError.
    Undeclared { name: Span },
}

impl State {
    pub(super) fn entry() -> Self {
        Self { unsent: true, ..Self::default() }
    }

    /// No path reaches this point.
    pub(super) fn is_dead(&self) -> bool {
        !self.unsent && !self.unknown && self.sent.is_empty()
    }

    pub(super) fn join(&mut self, other: &State) {
        match (self.unsent, other.unsent) {
            (true, true) => {
                self.unsent_facts.retain(|f| other.unsent_facts.contains(f));
                self.unsent_via = self.unsent_via.or(other.unsent_via);
            }
            (false, true) => {
                self.unsent_facts = other.unsent_facts.clone();
                self.unsent_via = other.unsent_via;
            }
            _ => {}
        }
        self.unsent |= other.unsent;
        self.unknown |= other.unknown;
        for site in &other.sent {
            if let Err(at) = self.sent.binary_search(site) {
                if self.sent.len() < MAX_TRACKED_SENDS {
                    self.sent.insert(at, *site);
                }
            }
        }
    }

    /// The request methods every unsent path here is known not to have.
    pub(super) fn excluded_methods(&self) -> Vec<String> {
        let mut methods: Vec<String> = self
            .unsent_facts
            .iter()
            .filter(|clause| clause.len() == 1)
            .filter_map(|clause| clause[0].excluded_method())
            .collect();
        methods.sort();
        methods.dedup();
        methods
    }

    /// This state, its unsent paths having taken `branch`.
    pub(super) fn through(mut self, branch: Branch) -> Self {
        if self.unsent {
            self.unsent_via = Some(branch);
        }
        self
    }

    pub(super) fn joined(mut self, other: &State) -> Self {
        self.join(other);
        self
    }
}

pub(super) fn hand_off(mut state: State) -> State {
    if state.unsent {
        state.unsent = false;
        state.unsent_facts.clear();
        state.unknown = true;
    }
    state
}
