//! Rate limits: how a client's address is counted, a per-address limiter for the residents'
//! forms (reports, case-review applications) that forgets addresses once their quota is
//! restored, and sign-in's pair of limits by account and by address. Shared plumbing: the
//! state holds the limiters and the capabilities' handlers consult them.

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::{num::NonZeroU32, time::Duration};

/// Community Trigger applications allowed per address each hour.
pub const CASE_REVIEW_TRIES_PER_HOUR: u32 = 10;
/// Responding (issue 13): survey responses finished, links and copies asked for by email, per
/// address each hour (surveys kept one per device; a shared kiosk uses the open policy).
pub const SURVEY_POSTS_PER_HOUR: u32 = 20;

/// The key a client address is counted under, by every per-address limit: an IPv4 address as
/// it is, an IPv6 address by its /64 network (one household or phone gets a whole /64, so
/// counting single IPv6 addresses would let one client use millions of keys), an IPv4-mapped
/// IPv6 address as the IPv4 address it is. Anything else (`unknown`) is cut to 64 characters.
pub fn limiter_key(ip: &str) -> String {
    match ip.trim().parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V4(v4)) => v4.to_string(),
        Ok(std::net::IpAddr::V6(v6)) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
        Err(_) => ip.chars().take(64).collect(),
    }
}

/// So many requests per address in each window (an hour for the forms), counted under
/// [`limiter_key`] (an IPv6 client by its /64); old keys are dropped by [`AddressLimiter::prune`],
/// which the server calls every minute.
pub struct AddressLimiter(DefaultKeyedRateLimiter<String>);

impl AddressLimiter {
    pub fn per_hour(per_hour: u32) -> AddressLimiter {
        AddressLimiter::with_window(per_hour, std::time::Duration::from_secs(3600))
    }

    /// `per_window` requests per address in each `window`.
    pub fn with_window(per_window: u32, window: std::time::Duration) -> AddressLimiter {
        let n = NonZeroU32::new(per_window.max(1)).expect("at least one");
        let quota = Quota::with_period(window / n.get()).expect("non-zero").allow_burst(n);
        AddressLimiter(RateLimiter::keyed(quota))
    }

    pub fn allow(&self, address: &str) -> bool {
        self.0.check_key(&limiter_key(address)).is_ok()
    }

    /// Forgets addresses whose quota has been fully restored, and gives the memory back.
    pub fn prune(&self) {
        self.0.retain_recent();
        self.0.shrink_to_fit();
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_keyed_by_network() {
        assert_eq!(limiter_key("203.0.113.9"), "203.0.113.9");
        assert_eq!(limiter_key("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
        assert_eq!(limiter_key("2001:0db8:0001:0002:ffff:ffff:ffff:ffff"), "2001:db8:1:2::/64");
        assert_ne!(
            limiter_key("2001:db8:1:3::1"),
            limiter_key("2001:db8:1:2::1"),
            "another /64 is another client"
        );
        assert_eq!(limiter_key("::ffff:203.0.113.9"), "203.0.113.9", "IPv4-mapped is the IPv4 address");
        assert_eq!(limiter_key("::1"), "0:0:0:0::/64");
        assert_eq!(limiter_key("unknown"), "unknown");
        assert_eq!(limiter_key(&"x".repeat(1000)).len(), 64);
    }

    #[test]
    fn limits_share_an_ipv6_network_and_are_pruned() {
        let limiter = AddressLimiter::per_hour(2);
        assert!(limiter.allow("2001:db8:5:6::1"));
        assert!(limiter.allow("2001:db8:5:6::2"));
        assert!(!limiter.allow("2001:db8:5:6:ffff:1:2:3"), "the third from one /64 in the hour waits");
        assert!(limiter.allow("2001:db8:5:7::1"), "another network has its own");
        assert!(
            limiter.allow("203.0.113.9") && limiter.allow("203.0.113.9") && !limiter.allow("203.0.113.9")
        );

        let limiter = AddressLimiter::with_window(1, std::time::Duration::from_millis(20));
        for i in 0..30 {
            limiter.allow(&format!("192.0.2.{i}"));
        }
        assert_eq!(limiter.len(), 30);
        std::thread::sleep(std::time::Duration::from_millis(100));
        limiter.prune();
        assert!(limiter.is_empty(), "{} addresses left", limiter.len());
    }
}

/// Sign-in attempts allowed per account and per address (four times as many: offices share one).
/// Addresses are keyed by [`limiter_key`]; account keys are capped by [`email_key`]. Old keys
/// are dropped by [`SignInLimiter::prune`], which the server calls every minute.
pub struct SignInLimiter {
    pub(crate) by_account: DefaultKeyedRateLimiter<String>,
    pub(crate) by_address: DefaultKeyedRateLimiter<String>,
}

/// What the limiter says about one attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attempt {
    Allowed,
    /// The address (or its IPv6 /64) used its quota: refused before anything else is looked
    /// at, counted or written down.
    AddressLimited,
    /// The account used its quota.
    AccountLimited,
}

impl SignInLimiter {
    pub fn new(per_15_minutes: u32) -> SignInLimiter {
        SignInLimiter::with_window(per_15_minutes, Duration::from_secs(15 * 60))
    }

    /// `per_window` attempts per account (four times as many per address) in each `window`.
    pub fn with_window(per_window: u32, window: Duration) -> SignInLimiter {
        let quota = |n: u32| {
            let n = NonZeroU32::new(n.max(1)).expect("at least one");
            Quota::with_period(window / n.get()).expect("non-zero period").allow_burst(n)
        };
        SignInLimiter {
            by_account: RateLimiter::keyed(quota(per_window)),
            by_address: RateLimiter::keyed(quota(per_window.saturating_mul(4))),
        }
    }

    /// Counts an attempt against the address first: once the address has used its quota the
    /// account is not even counted. `email` is `None` for an address that cannot be an
    /// account's (it never becomes a key).
    pub fn check(&self, address: &str, email: Option<&str>) -> Attempt {
        if self.by_address.check_key(&limiter_key(address)).is_err() {
            return Attempt::AddressLimited;
        }
        match email {
            Some(email) if self.by_account.check_key(&email_key(email)).is_err() => Attempt::AccountLimited,
            _ => Attempt::Allowed,
        }
    }

    /// Counts an attempt; false once either the address or the account has used its quota.
    pub fn allow(&self, address: &str, email: &str) -> bool {
        self.check(address, Some(email)) == Attempt::Allowed
    }

    /// Forgets keys whose quota has been fully restored, and gives the memory back.
    pub fn prune(&self) {
        self.by_account.retain_recent();
        self.by_address.retain_recent();
        self.by_account.shrink_to_fit();
        self.by_address.shrink_to_fit();
    }

    /// How many keys (accounts and addresses) are remembered.
    pub fn len(&self) -> usize {
        self.by_account.len() + self.by_address.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The longest email address there can be (RFC 5321 path limit less the angle brackets).
pub const MAX_EMAIL_CHARS: usize = 254;

/// The email as a limiter key and audit label: trimmed, lower case, at most 254 characters, so
/// a 64 KB "email" is never kept whole anywhere.
pub fn email_key(email: &str) -> String {
    crate::db::staff::normalise_email(email)
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_EMAIL_CHARS)
        .collect()
}
