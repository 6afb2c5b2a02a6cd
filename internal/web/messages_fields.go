package web

// fieldFormats translates the messages of the checks of the service form
// (edit_check.go, manage_form.go, manage_edit.go) by their English format,
// for the form shown in Norwegian; TestFieldFormatsTranslated finds every
// format those checks use and fails on one missing here. The JSON API
// answers in English.
var fieldFormats = map[string]map[string]string{
	"nb": {
		"choose one of %s":           "velg en av %s",
		"must not be negative":       "kan ikke være negativt",
		"unknown gender %q":          "ukjent kjønn %q",
		"unknown age band %q":        "ukjent aldersgruppe %q",
		"%q is not an email address": "%q er ikke en e-postadresse",
		"must be a web address starting with https:// or http://":           "må være en nettadresse som begynner med https:// eller http://",
		"must be at most %d characters":                                     "kan ha høyst %d tegn",
		"at most 20 other names":                                            "høyst 20 andre navn",
		"is required":                                                       "må fylles ut",
		"no organisation with id %q":                                        "ingen organisasjon har id %q",
		"a service cannot refer to itself":                                  "en tjeneste kan ikke henvise til seg selv",
		"unknown extent %q (want full or partial)":                          "ukjent omfang %q (full eller delvis)",
		"no %s with id %q":                                                  "ingen %s har id %q",
		"%q is listed twice":                                                "%q står to ganger",
		"must be a whole number of places or clients (or empty if unknown)": "må være et helt antall plasser eller klienter (eller tomt hvis ukjent)",
		"is not a version":                                                  "er ikke en versjon",
		"unknown kind of referral %q":                                       "ukjent type henvisning %q",
		"%q is taken: choose another id":                                    "%q er tatt: velg en annen id",
		"at most %d languages":                                              "høyst %d språk",
		"is not valid UTF-8 text":                                           "er ikke gyldig UTF-8-tekst",
		"holds a control character (%U) at character %d; remove it":         "inneholder et kontrolltegn (%U) ved tegn %d; fjern det",
	},
}
