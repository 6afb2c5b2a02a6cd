package middleware

import "testing"

func TestAcceptLanguage(t *testing.T) {
	for _, test := range []struct{ header, def, want string }{
		{"", "en", "en"},
		{"", "nb", "nb"},
		{"nb-NO,nb;q=0.9", "en", "nb"},
		{"nn", "en", "nb"},
		{"no", "en", "nb"},
		{"de-DE,de;q=0.9,en;q=0.8,nb;q=0.7", "nb", "en"},
		{"sv-SE", "nb", "nb"},
	} {
		if got := acceptLanguage(test.header, test.def); got != test.want {
			t.Errorf("acceptLanguage(%q, %q) = %q, want %q", test.header, test.def, got, test.want)
		}
	}
}
