package web

// messages holds the text of the pages, by language and key. A key missing
// in "nb" falls back to "en".
var messages = map[string]map[string]string{
	"en": messagesEN,
	"nb": messagesNB,
}
