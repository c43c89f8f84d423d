//! SVG drawings rendered by Graphviz (through `graphviz-rust`'s exec of the `dot` program).

use graphviz_rust::cmd::Format;
use thiserror::Error;

/// Why a drawing could not be rendered.
#[derive(Debug, Error)]
pub enum RenderError {
    #[error(
        "Graphviz is not installed (the `dot` program was not found on PATH); install the \
         `graphviz` package (Debian/Ubuntu: apt-get install graphviz, macOS: brew install graphviz)"
    )]
    Missing,
    #[error("Graphviz failed to render the drawing: {0}")]
    Failed(String),
}

/// Whether Graphviz's `dot` program can be run.
pub fn graphviz_available() -> bool {
    std::process::Command::new("dot")
        .arg("-V")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Renders DOT text to SVG; the engine is the one the DOT's `layout` attribute names.
pub fn render(dot: &str) -> Result<Vec<u8>, RenderError> {
    graphviz_rust::exec_dot(dot.to_string(), vec![Format::Svg.into()]).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            RenderError::Missing
        } else {
            RenderError::Failed(e.to_string().trim().to_string())
        }
    })
}
