package hsds

// languageNames are the English names of the languages services in Norway
// and Europe are most often offered in, by ISO 639-1 (or 639-3) code, for
// HSDS's language name. Another code is written as its own name.
var languageNames = map[string]string{
	"am": "Amharic", "ar": "Arabic", "bg": "Bulgarian", "bn": "Bengali", "cs": "Czech",
	"da": "Danish", "de": "German", "el": "Greek", "en": "English", "es": "Spanish",
	"et": "Estonian", "fa": "Persian", "fi": "Finnish", "fr": "French", "hr": "Croatian",
	"hu": "Hungarian", "it": "Italian", "ku": "Kurdish", "lt": "Lithuanian", "lv": "Latvian",
	"mn": "Mongolian", "nb": "Norwegian Bokmål", "nl": "Dutch", "nn": "Norwegian Nynorsk",
	"no": "Norwegian", "pl": "Polish", "prs": "Dari", "ps": "Pashto", "pt": "Portuguese",
	"ro": "Romanian", "ru": "Russian", "se": "Northern Sami", "sk": "Slovak", "so": "Somali",
	"sq": "Albanian", "sr": "Serbian", "sv": "Swedish", "sw": "Swahili", "th": "Thai",
	"ti": "Tigrinya", "tl": "Tagalog", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu",
	"vi": "Vietnamese", "zh": "Chinese",
}

// languageName returns the English name of a language code.
func languageName(code string) string {
	if n, ok := languageNames[code]; ok {
		return n
	}
	return code
}
