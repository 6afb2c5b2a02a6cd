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
