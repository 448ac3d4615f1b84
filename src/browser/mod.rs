//! The one thin layer that calls web APIs.
