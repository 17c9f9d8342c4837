//! Runs one child process and measures it: wall time from spawn to exit, and the child's own
//! peak resident memory (`ru_maxrss` from `wait4`, so earlier children never count). Also the
//! small statistics the report needs. Nothing here knows what is being measured.

use std::fs::File;
use std::io::{self, Read, Seek};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// One finished run.
#[derive(Debug, Clone)]
pub struct Sample {
    pub wall: Duration,
    /// Peak resident set size of the child itself, in bytes.
    pub max_rss: u64,
    /// Standard output and error, for checks and for error messages.
    pub output: String,
}

/// Runs `command` to completion. A non-zero exit is an error that carries the output.
pub fn run(command: &mut Command) -> io::Result<Sample> {
    let mut log = tempfile()?;
    command.stdin(Stdio::null()).stdout(log.try_clone()?).stderr(log.try_clone()?);
    let start = Instant::now();
    let child = command.spawn()?;
    let pid = libc::pid_t::try_from(child.id()).map_err(io::Error::other)?;
    let mut status: libc::c_int = 0;
    // SAFETY: `rusage` is plain old data that `wait4` fills in; the pointers are valid for the call.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = loop {
        // SAFETY: `pid` is our own child, not yet waited for (the `Child` is never waited on).
        let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        if waited == -1 && io::Error::last_os_error().kind() == io::ErrorKind::Interrupted {
            continue;
        }
        break waited;
    };
    let wall = start.elapsed();
    drop(child);
    if waited != pid {
        return Err(io::Error::last_os_error());
    }
    let mut output = String::new();
    log.rewind()?;
    log.read_to_string(&mut output)?;
    let exited_ok = libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    if !exited_ok {
        // The end of a long log is where the reason is.
        let start = output.len().saturating_sub(4000);
        let start = (start..output.len()).find(|&index| output.is_char_boundary(index)).unwrap_or(0);
        return Err(io::Error::other(format!("{command:?} failed ({status:#x}):\n{}", &output[start..])));
    }
    // Linux reports kilobytes.
    let max_rss = u64::try_from(usage.ru_maxrss).unwrap_or(0) * 1024;
    Ok(Sample { wall, max_rss, output })
}

/// An anonymous file for a child's output (a pipe could fill up and block it).
fn tempfile() -> io::Result<File> {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let serial = NEXT.fetch_add(1, Ordering::Relaxed);
    let path = std::env::temp_dir().join(format!("usercom-bench-{}-{serial}.log", std::process::id()));
    let file = File::options().create(true).truncate(true).read(true).write(true).open(&path)?;
    std::fs::remove_file(&path)?;
    Ok(file)
}

/// The median; the mean of the two middle values for an even count. `NaN` when empty.
pub fn median(values: &[f64]) -> f64 {
    if values.is_empty() {
        return f64::NAN;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let middle = sorted.len() / 2;
    if sorted.len().is_multiple_of(2) { (sorted[middle - 1] + sorted[middle]) / 2.0 } else { sorted[middle] }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), 2.5);
        assert!(median(&[]).is_nan());
    }

    #[test]
    fn measures_a_child() {
        let sample = run(Command::new("sh").args(["-c", "echo hello"])).expect("sh runs");
        assert_eq!(sample.output.trim(), "hello");
        assert!(sample.max_rss > 0);
        assert!(run(Command::new("sh").args(["-c", "exit 3"])).is_err());
    }
}
