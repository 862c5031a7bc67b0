//! One module per subcommand.

pub mod parse;
pub mod places;
pub mod actors;
pub mod events;
pub mod entities;
