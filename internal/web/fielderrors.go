package web

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/web/render"
)

// fieldErrors collects the problems of every field of an input, so a form
// shows them all at once and an API client gets them all in one problem.
// As an error it is EINVALID.
type fieldErrors struct {
	list []fieldProblem
	// lang is the language of a form's messages: with "nb", the messages
	// of internal/locale's fields domain are written in Norwegian. The API's stay English.
	lang string
}

// formErrors returns the fieldErrors of a form shown in lang.
func formErrors(lang string) *fieldErrors { return &fieldErrors{lang: lang} }

// add records a problem of field; the first one of a field is kept.
func (fe *fieldErrors) add(field, format string, args ...any) {
	if fe.has(field) {
		return
	}
	if fe.lang != "" && fieldWords.Has(fe.lang, format) {
		format = fieldWords.Text(fe.lang, format)
	}
	fe.list = append(fe.list, fieldProblem{Field: field, Message: fmt.Sprintf(format, args...)})
}

// addErr records err, a *graph.Error or an *auth.Error from validation,
// under its field (genders[1] counts as genders), or under fallback if it
// names none.
func (fe *fieldErrors) addErr(err error, fallback string) {
	field, msg := fallback, render.ErrorMessage(err)
	if f, m, ok := render.ErrorFault(err); ok {
		msg = m
		if f != "" {
			field = indexSuffix.ReplaceAllString(f, "")
		}
	}
	if f := fieldWords.Text(fe.lang, msg); fe.lang != "" && fieldWords.Has(fe.lang, msg) && !strings.Contains(f, "%") {
		msg = f // a message with no value in it, translated whole
	}
	fe.add(field, "%s", msg)
}

var indexSuffix = regexp.MustCompile(`\[\d+\]$`)

func (fe *fieldErrors) has(field string) bool {
	for _, p := range fe.list {
		if p.Field == field {
			return true
		}
	}
	return false
}

// empty reports whether no field is at fault.
func (fe *fieldErrors) empty() bool { return fe == nil || len(fe.list) == 0 }

// byField returns the message of each field, for the form's template.
func (fe *fieldErrors) byField() map[string]string {
	m := map[string]string{}
	if fe != nil {
		for _, p := range fe.list {
			m[p.Field] = p.Message
		}
	}
	return m
}

func (fe *fieldErrors) problems() []fieldProblem {
	if fe == nil {
		return nil
	}
	return fe.list
}

// FieldProblems lists every field at fault, for the problem of an API
// request (render.NewProblem).
func (fe *fieldErrors) FieldProblems() []fieldProblem { return fe.problems() }

// err returns fe as an error, or nil if it is empty.
func (fe *fieldErrors) err() error {
	if fe.empty() {
		return nil
	}
	return fe
}

func (fe *fieldErrors) Error() string {
	parts := make([]string, len(fe.list))
	for i, p := range fe.list {
		parts[i] = p.Field + ": " + p.Message
	}
	return strings.Join(parts, "; ")
}

// Unwrap makes fe an EINVALID *graph.Error for graph.ErrorCode and
// graph.ErrorMessage.
func (fe *fieldErrors) Unwrap() error {
	if fe.empty() {
		return nil
	}
	return &graph.Error{Code: graph.EINVALID, Message: fe.Error()}
}
