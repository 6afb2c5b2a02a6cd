package web

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/gapmap/gapmap/graph"
)

// checkUTF8 refuses a JSON body that holds invalid UTF-8, naming the field
// it is in. encoding/json would replace each bad byte with U+FFFD without
// a word, so the check reads the body once more, with jsontext, which
// stops at the first bad byte and says where it is.
func checkUTF8(body []byte) error {
	if utf8.Valid(body) {
		return nil
	}
	dec := jsontext.NewDecoder(bytes.NewReader(body))
	for {
		_, err := dec.ReadToken()
		if errors.Is(err, io.EOF) {
			break
		}
		var se *jsontext.SyntacticError
		if errors.As(err, &se) && strings.Contains(se.Err.Error(), "UTF-8") {
			field := "body"
			for tok := range se.JSONPointer.Tokens() {
				field = tok // the member of the service: /alt_names/2 is alt_names
				break
			}
			fe := &fieldErrors{}
			fe.add(field, "is not valid UTF-8 text")
			return fe
		}
		if err != nil {
			break // not JSON: decodeInput says so
		}
	}
	return graph.Errorf(graph.EINVALID, "the body is not valid UTF-8 text")
}
