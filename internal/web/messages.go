package web

import "maps"

// messages holds the text of the pages, by language and key. A key missing
// in "nb" falls back to "en". The editing pages' text is kept apart
// (messages_editing_*.go) and merged in here.
var messages = map[string]map[string]string{
	"en": merged(messagesEN, messagesEditingEN, messagesDashEN, messagesExportEN, messagesPagesEN, messagesEvidenceEN, messagesStudyFormEN, messagesPathwayEN, messagesFrontEN),
	"nb": merged(messagesNB, messagesEditingNB, messagesDashNB, messagesExportNB, messagesPagesNB, messagesEvidenceNB, messagesStudyFormNB, messagesPathwayNB, messagesFrontNB),
}

// merged returns one map with the keys of every map of ms.
func merged(ms ...map[string]string) map[string]string {
	out := map[string]string{}
	for _, m := range ms {
		maps.Copy(out, m)
	}
	return out
}
