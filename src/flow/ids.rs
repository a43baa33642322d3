//! Typed indices into the flow's tables, so a site id cannot index the statement lists (or a
//! `try` id stand for a callback), and the tables they index.

use std::fmt;
use std::marker::PhantomData;
use std::ops::Index;

/// An index into one table of the flow.
pub trait Id: Copy {
    /// The id of the item at `index`.
    fn from_index(index: usize) -> Self;
    /// Where the item is in its table.
    fn index(self) -> usize;
}

macro_rules! define_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(usize);

        impl Id for $name {
            fn from_index(index: usize) -> Self {
                Self(index)
            }

            fn index(self) -> usize {
                self.0
            }
        }

        /// The bare number, as flow dumps print it.
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

define_id!(
    /// Index of a [`super::Site`] in [`super::Flow::sites`].
    SiteId
);
define_id!(
    /// Index of a [`super::List`] in [`super::Flow::lists`].
    ListId
);
define_id!(
    /// A callback the walk entered, numbered in the order entered; indexes
    /// [`super::Flow::callback_parents`].
    CallbackId
);
define_id!(
    /// A `try` statement the walk entered, numbered in the order entered within one walk.
    TryId
);

/// A table indexed by one kind of id: `flow.sites[double.first]` reads as plain indexing, and
/// only a [`SiteId`] can do it.
pub struct IdVec<I, T> {
    items: Vec<T>,
    id: PhantomData<fn(I) -> I>,
}

impl<I: Id, T> IdVec<I, T> {
    /// Appends `item`, returning its id.
    pub fn push(&mut self, item: T) -> I {
        let id = I::from_index(self.items.len());
        self.items.push(item);
        id
    }

    /// The item `id` names, if the table has it.
    pub fn get(&self, id: I) -> Option<&T> {
        self.items.get(id.index())
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The items, in id order.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.items.iter()
    }

    /// The items with their ids, in id order.
    pub fn iter_enumerated(&self) -> impl Iterator<Item = (I, &T)> {
        self.items.iter().enumerate().map(|(index, item)| (I::from_index(index), item))
    }
}

impl<I: Id, T> Index<I> for IdVec<I, T> {
    type Output = T;

    fn index(&self, id: I) -> &T {
        &self.items[id.index()]
    }
}

impl<I, T> Default for IdVec<I, T> {
    fn default() -> Self {
        Self { items: Vec::new(), id: PhantomData }
    }
}

impl<I, T: fmt::Debug> fmt::Debug for IdVec<I, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.items.fmt(f)
    }
}
