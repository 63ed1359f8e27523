//! District and city aggregates of ward values (see issue 5).
