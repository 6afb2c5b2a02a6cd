package auth

import (
	"net"
	"net/netip"
	"time"
)

// The login limit counts every sign-in before its password is checked, in
// one atomic step with the check, so that however many sign-ins run at once
// no more are checked than the limit allows; a sign-in that succeeds is
// taken back off the counts afterwards. It never locks an account out:
//
//   - An account has a few free failures (LoginLimit); after them each
//     further try must wait a delay after the last failure that doubles
//     with each failure (LoginDelay, 2×, 4×, …), up to LoginMaxDelay.
//     Failures count towards the delays for LoginBackoffFor, much longer
//     than the delays, so that a steady attacker keeps the longest delay
//     instead of earning the free failures again.
//   - An address from which the account has signed in before (a known
//     address, remembered for LoginKnownFor) is exempt from the account's
//     delays and from the address limit: it has the same free failures and
//     rising delays of its own, counted for that account from that address
//     only. Guesses from elsewhere cannot keep the account's owner out.
//   - An address has LoginAddressLimit failures in the window, over every
//     account, after which its tries wait until the oldest of them leaves
//     the window.

// rule is the login limit's arithmetic, the same for every way of
// counting.
type rule struct {
	free     int           // failures per account (or known address) before delays
	address  int           // failures per address in the window
	window   time.Duration // how long a failure counts for the address limit
	horizon  time.Duration // how long a failure counts for the delays
	delay    time.Duration // the first delay
	maxDelay time.Duration
	knownFor time.Duration // how long an address stays known after a success
}

func ruleOf(cfg Config) rule {
	return rule{free: cfg.LoginLimit, address: cfg.LoginAddressLimit, window: cfg.LoginWindow,
		horizon: max(cfg.LoginBackoffFor, cfg.LoginWindow), delay: cfg.LoginDelay, maxDelay: cfg.LoginMaxDelay, knownFor: cfg.LoginKnownFor}
}

// limitKeys are the counting keys of a sign-in.
type limitKeys struct {
	account string // the account, from every address
	address string // the address, over every account
	pair    string // the account from the address
	known   string // the mark that the address is known for the account
}

// keysOf returns the keys of a sign-in to email from remote. An IPv6
// address counts by its /64, which one client usually holds whole.
func keysOf(email, remote string) limitKeys {
	host := remote
	if h, _, err := net.SplitHostPort(remote); err == nil {
		host = h
	}
	if ip, err := netip.ParseAddr(host); err == nil {
		if ip.Is6() && !ip.Is4In6() {
			p, _ := ip.Prefix(64)
			host = p.String()
		} else {
			host = ip.Unmap().String()
		}
	}
	return limitKeys{account: "account:" + email, address: "address:" + host,
		pair: "pair:" + email + " " + host, known: "known:" + email + " " + host}
}

// counted are the keys a sign-in is counted under.
func (k limitKeys) counted() []string { return []string{k.account, k.address, k.pair} }

// wait returns how long a sign-in with keys k must wait at now, given the
// failures of its keys within the window (oldest first) and the times of
// the known mark (a time after now: the address is known): 0 if it may go
// ahead.
func (r rule) wait(fs map[string][]time.Time, k limitKeys, now time.Time) time.Duration {
	for _, until := range fs[k.known] {
		if until.After(now) {
			return r.backoff(fs[k.pair], now)
		}
	}
	return max(r.backoff(fs[k.account], now), r.hard(fs[k.address], now))
}

// backoff is the rising delay after fs (oldest first): none for the first
// free failures, then delay, 2×delay, … up to maxDelay after the last one.
func (r rule) backoff(fs []time.Time, now time.Time) time.Duration {
	n := len(fs)
	if r.free <= 0 || n < r.free {
		return 0
	}
	d := r.maxDelay
	if shift := n - r.free; shift < 30 && r.delay<<shift < r.maxDelay {
		d = r.delay << shift
	}
	last := fs[0]
	for _, t := range fs {
		if t.After(last) {
			last = t
		}
	}
	return max(last.Add(d).Sub(now), 0)
}

// hard is the address limit: once the failures of fs (oldest first) in
// the window reach it, the wait until the failure that made the count
// reach the limit leaves the window.
func (r rule) hard(all []time.Time, now time.Time) time.Duration {
	var fs []time.Time
	for _, t := range all {
		if now.Sub(t) < r.window {
			fs = append(fs, t)
		}
	}
	if r.address <= 0 || len(fs) < r.address {
		return 0
	}
	return max(fs[len(fs)-r.address].Add(r.window).Sub(now), 0)
}
