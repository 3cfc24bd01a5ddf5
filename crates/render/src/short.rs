//! `--format short`: one line per diagnostic, for grep and editors' quickfix
//! lists: `path:line:col: severity[id/kind]: message`.

use std::io::{self, Write};

use super::{Renderer, Report};

pub struct Short;

impl Renderer for Short {
    fn render(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        for d in report.diagnostics {
            let message = d.message.replace(['\n', '\r'], " ");
            writeln!(
                out,
                "{}:{}:{}: {}[{}/{}]: {}",
                d.primary.path,
                d.primary.line,
                d.primary.column,
                d.severity,
                d.rule,
                d.kind,
                message
            )?;
        }
        Ok(())
    }
}
