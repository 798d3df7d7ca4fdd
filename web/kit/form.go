package kit

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ReadForm parses r's form (its query and a form-encoded body; a
// multipart body once its handler has parsed it) and checks that every
// name and value is text: valid UTF-8 without control characters other
// than tab and line breaks. A form that is not is refused with 422 and a
// page saying so, rather than echoed into pages, emails and exports; a
// body too large is 413, one that does not parse 400. It reports whether
// the handler may go on.
//
// It is the one check of this kind: web runs it before every page (so no
// handler can forget it), and the handlers that read a multipart body run
// it again once they have. What a field may contain beyond that (trimmed,
// with something visible in it) is store.TrimText's to decide, next to
// the rules of each field.
func (d *Deps) ReadForm(w http.ResponseWriter, r *http.Request) bool {
	// A query that does not parse is read as far as it goes, as r.URL.Query
	// does; only the body's errors are the sender's.
	_, queryErr := url.ParseQuery(r.URL.RawQuery)
	err := r.ParseForm()
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		d.ClientError(w, r, http.StatusRequestEntityTooLarge)
		return false
	case err != nil && (queryErr == nil || err.Error() != queryErr.Error()):
		d.ClientError(w, r, http.StatusBadRequest)
		return false
	}
	if !formIsText(r.Form) || (r.MultipartForm != nil && !formIsText(r.MultipartForm.Value)) {
		d.errorPage(w, r, http.StatusUnprocessableEntity, "error.form_text.title", "error.form_text.msg")
		return false
	}
	return true
}

func formIsText(form url.Values) bool {
	for name, values := range form {
		if !isText(name) {
			return false
		}
		for _, v := range values {
			if !isText(v) {
				return false
			}
		}
	}
	return true
}

// isText reports whether s is something a person could have typed: valid
// UTF-8, and no control character but tab, line feed and carriage return.
func isText(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsFunc(s, func(r rune) bool {
		return unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r'
	})
}
