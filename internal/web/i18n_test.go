package web

import (
	"strings"
	"testing"
)

func TestMessagesComplete(t *testing.T) {
	for key := range messagesEN {
		if _, ok := messagesNB[key]; !ok {
			t.Errorf("key %q has no Norwegian text", key)
		}
	}
	for key, nb := range messagesNB {
		en, ok := messagesEN[key]
		if !ok {
			t.Errorf("key %q has no English text", key)
		}
		if strings.Count(en, "%") != strings.Count(nb, "%") {
			t.Errorf("key %q: the English and Norwegian texts take different arguments", key)
		}
	}
}

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
