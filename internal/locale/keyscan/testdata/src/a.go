package src

func word(lang, key string) string  { return key }
func other(lang, key string) string { return key }

type printer struct{}

func (printer) T(key string) string { return key }

const k = "const.key"

func use(lang string, p printer, dynamic string) {
	_ = word(lang, "first")
	_ = word(lang, `raw.key`)
	_ = p.T("through.method")
	_ = word(lang, dynamic)
	_ = word(lang, k)
	_ = other(lang, "not.a.message")
	_ = word(lang)
}
