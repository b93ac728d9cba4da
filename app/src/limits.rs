//! Per-address limits (reports, case-review applications; sign-in keeps its own pair of
//! limits by account and by address): how a client's address is counted, and a limiter that
//! forgets addresses once their quota is restored.

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::num::NonZeroU32;

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
