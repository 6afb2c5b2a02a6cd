// Package privacy keeps small counts of people from being shown.
//
// gapmap never describes a person, but a count of people can still identify
// someone when it is small: "2 undocumented boys in Tromsø in forced
// criminality". Every count of people that leaves the program (a chart, a
// table, an API response, an export) goes through a Rule and is carried as a
// Count, whose only representations are the suppressed label ("<5") or the
// number as the rule allows it to be shown (rounded, if the rule says so).
// A Count built from a small number does not hold that number at all, so no
// encoder, template or log line can leak it.
package privacy

import "fmt"

// DefaultThreshold is the suppression threshold used when none is set:
// counts from 1 to 4 are shown as "<5".
const DefaultThreshold = 5

// Rule says how counts of people are shown: a count from 1 up to, but not
// including, Threshold is suppressed; a count at or above it is shown, rounded
// to the nearest multiple of Step when Step is more than 1.
//
// The zero Rule is the default rule (threshold 5, no rounding), so a Rule
// that was never configured still suppresses. A Threshold of 1 suppresses
// nothing. Rule mirrors the suppression section of the configuration
// (suppression.threshold, suppression.step).
type Rule struct {
	Threshold int `json:"threshold" yaml:"threshold"`
	Step      int `json:"step,omitempty" yaml:"step,omitempty"`
}

// DefaultRule returns the rule used when none is configured.
func DefaultRule() Rule { return Rule{Threshold: DefaultThreshold} }

// Validate reports whether r is usable: Threshold is 0 (the default) or more,
// and Step is not negative.
func (r Rule) Validate() error {
	if r.Threshold < 0 {
		return fmt.Errorf("privacy: threshold must not be negative, got %d", r.Threshold)
	}
	if r.Step < 0 {
		return fmt.Errorf("privacy: step must not be negative, got %d", r.Step)
	}
	return nil
}

// threshold returns the effective threshold: the default for the zero value.
func (r Rule) threshold() int {
	if r.Threshold <= 0 {
		return DefaultThreshold
	}
	return r.Threshold
}

// Normalize returns r with its defaults filled in, as it is applied.
func (r Rule) Normalize() Rule {
	r.Threshold = r.threshold()
	if r.Step < 0 {
		r.Step = 0
	}
	return r
}

// Label returns how a suppressed count is shown under r, e.g. "<5".
func (r Rule) Label() string { return fmt.Sprintf("<%d", r.threshold()) }

// Suppressed reports whether r hides n: 1 <= n < Threshold. Zero is not
// suppressed: "no one" identifies no one.
func (r Rule) Suppressed(n int) bool { return n > 0 && n < r.threshold() }

// Count applies r to the number of people n and returns the Count to show.
// A negative n is treated as unknown.
func (r Rule) Count(n int) Count {
	if n < 0 {
		return Count{}
	}
	if r.Suppressed(n) {
		return Count{state: suppressed, shown: r.threshold()}
	}
	return Count{state: shown, shown: r.round(n)}
}

// Format applies r to n and returns the text to show: the number, rounded if
// the rule says so, or the suppressed label.
func (r Rule) Format(n int) string { return r.Count(n).String() }

// round rounds n to the nearest multiple of Step (halves up). A positive
// count never rounds down to zero: it becomes Step instead.
func (r Rule) round(n int) int {
	if r.Step <= 1 || n == 0 {
		return n
	}
	m := (n + r.Step/2) / r.Step * r.Step
	if m == 0 {
		m = r.Step
	}
	return m
}
