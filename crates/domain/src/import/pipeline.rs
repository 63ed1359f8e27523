//! OWNER: helper "matching". See mod.rs for the pipeline.
