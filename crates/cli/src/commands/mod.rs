//! One module per subcommand.

pub mod parse;
pub mod places;
pub mod actors;
pub mod events;
pub mod entities;
pub mod ingest;
pub mod search;
pub mod export;
pub mod event;
pub mod actor;
pub mod stats;
