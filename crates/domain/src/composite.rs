//! The composite index of the six 766 groups (see issue 5).
