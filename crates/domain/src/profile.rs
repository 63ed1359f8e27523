//! Everything the ward profile shows for one ward and indicator (see issue 5).
