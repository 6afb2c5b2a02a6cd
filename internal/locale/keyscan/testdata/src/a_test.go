package src

func init() { _ = word("en", "in.a.test") }
