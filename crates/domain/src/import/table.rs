//! OWNER: helper "reading". See mod.rs for the pipeline.
