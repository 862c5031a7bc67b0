//! One module per subcommand.

pub mod actor;
pub mod actors;
pub mod entities;
pub mod event;
pub mod events;
pub mod export;
pub mod ingest;
pub mod parse;
pub mod places;
pub mod relink;
pub mod search;
pub mod stats;
