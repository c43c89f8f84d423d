//! Exporters: pure functions from an [`ActorGraph`](crate::graph::ActorGraph) to bytes.
//!
//! Each format lives in its own module with a `write(graph, options, out)` function that only
//! serialises; where the bytes go (files, atomic replacement) is [`crate::output`]'s job.
//! Everything written is in a fixed order (nodes by id, edges by source and target id), so the
//! same graph always gives the same bytes.

pub mod dot;
pub mod json;
pub mod svg;
