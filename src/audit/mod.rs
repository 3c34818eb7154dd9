//! Batch audit of exported case files (being written).
