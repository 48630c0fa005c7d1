//! Flywheel's desktop app and command line. The binary (`main.rs`) only parses arguments; this
//! library holds everything else so that tests can drive the real app.

pub mod app;
pub mod chart;
pub mod cli;
pub mod command;
pub mod cpu_render;
pub mod data_view;
pub mod deck;
pub mod export;
pub mod files;
pub mod lens;
pub mod notices;
pub mod panels;
pub mod pdf;
pub mod presenter;
pub mod render;
pub mod scenario_state;
pub mod settings;
pub mod shown_text;
pub mod theme;
pub mod views;
