//! When to retry and how long to wait: the backoff schedule and `Retry-After`; no I/O here.

use std::time::{Duration, SystemTime};

use backon::{BackoffBuilder, ExponentialBackoff, ExponentialBuilder};
use http::HeaderMap;
use http::header::RETRY_AFTER;

use super::config::Config;

/// Status codes worth another try: rate limited, or a gateway that could not reach a server.
pub(crate) fn is_retryable_status(status: u16) -> bool {
    matches!(status, 429 | 502 | 503 | 504)
}

/// The `Retry-After` header as a wait from `now`: delay-seconds, or an HTTP date (a date in
/// the past is no wait). `None` when absent or unreadable.
pub(crate) fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // Too many digits to fit is "a very long time", which the cap then refuses.
        return Some(value.parse().map(Duration::from_secs).unwrap_or(Duration::MAX));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

/// The waits between the tries of one call.
pub(crate) struct Schedule {
    steps: ExponentialBackoff,
    max_backoff: Duration,
}

impl Schedule {
    pub(crate) fn new(config: &Config) -> Self {
        let steps = ExponentialBuilder::new()
            .with_jitter()
            .with_factor(2.0)
            .with_min_delay(config.initial_backoff)
            .with_max_delay(config.max_backoff)
            .with_max_times(config.max_attempts.saturating_sub(1) as usize)
            .build();
        Schedule { steps, max_backoff: config.max_backoff }
    }

    /// The wait before the next try, or `None` when no try is left.
    pub(crate) fn next_wait(&mut self) -> Option<Duration> {
        self.steps.next().map(|wait| wait.min(self.max_backoff))
    }
}

#[cfg(test)]
mod tests {
    use http::HeaderValue;

    use super::*;

    fn headers(value: &'static str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, HeaderValue::from_static(value));
        headers
    }

    #[test]
    fn retryable_statuses() {
        let retryable: Vec<u16> = (100..600).filter(|&status| is_retryable_status(status)).collect();
        assert_eq!(retryable, [429, 502, 503, 504]);
    }

    #[test]
    fn retry_after_seconds_and_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_445_412_480); // 2015-10-21 07:28:00 UTC
        assert_eq!(retry_after(&HeaderMap::new(), now), None);
        assert_eq!(retry_after(&headers("30"), now), Some(Duration::from_secs(30)));
        assert_eq!(retry_after(&headers(" 0 "), now), Some(Duration::ZERO));
        assert_eq!(retry_after(&headers("99999999999999999999999"), now), Some(Duration::MAX));
        assert_eq!(retry_after(&headers("Wed, 21 Oct 2015 07:28:30 GMT"), now), Some(Duration::from_secs(30)));
        assert_eq!(retry_after(&headers("Wed, 21 Oct 2015 07:27:00 GMT"), now), Some(Duration::ZERO));
        for bad in ["-1", "1.5", "soon", ""] {
            assert_eq!(retry_after(&headers(bad), now), None, "{bad}");
        }
    }

    #[test]
    fn schedule_doubles_with_jitter_and_stops() {
        let config = Config::new()
            .max_attempts(6)
            .initial_backoff(Duration::from_millis(100))
            .max_backoff(Duration::from_millis(500));
        for _ in 0..50 {
            let mut schedule = Schedule::new(&config);
            let waits: Vec<Duration> = std::iter::from_fn(|| schedule.next_wait()).collect();
            assert_eq!(waits.len(), 5, "{waits:?}");
            let ms = |wait: &Duration| wait.as_millis();
            assert!((100..200).contains(&ms(&waits[0])), "{waits:?}");
            assert!((200..400).contains(&ms(&waits[1])), "{waits:?}");
            assert!((400..=500).contains(&ms(&waits[2])), "{waits:?}");
            assert!(waits[3..].iter().all(|wait| ms(wait) == 500), "{waits:?}");
        }
    }

    #[test]
    fn one_attempt_means_no_wait() {
        let mut schedule = Schedule::new(&Config::new().max_attempts(1));
        assert_eq!(schedule.next_wait(), None);
        let mut schedule = Schedule::new(&Config::new().max_attempts(0));
        assert_eq!(schedule.next_wait(), None);
    }
}
