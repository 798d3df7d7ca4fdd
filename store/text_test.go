package store

import "testing"

func TestTrimText(t *testing.T) {
	for in, want := range map[string]string{
		"  Ana Lima  ":              "Ana Lima",
		"\u200b\u200b":              "", // zero-width spaces
		"\u202e\u202d\u2066":        "", // direction overrides and an isolate
		"\u200e\u200f\u061c":        "", // direction marks
		"\u3164":                    "", // a Hangul filler
		"\u115f\u1160\uffa0":        "",
		"\ufeff \u2060\u00ad\u034f": "", // BOM, word joiner, soft hyphen, grapheme joiner
		"\u2800\u2800":              "", // blank Braille
		"\u0301":                    "", // a lone combining accent
		"\ufe0f":                    "", // a lone variation selector
		"\u200bAna\u200b":           "Ana",
		"Ana\u202e evil":            "Ana evil",
		"\u202bשלום\u202c":          "שלום",
		"李小龙":                       "李小龙",
		"José":                      "José",
		"❤️":                        "❤️", // the variation selector stays inside
		"👩‍👩‍👧":                     "👩‍👩‍👧",
		"line one\nline two\n":      "line one\nline two",
		"O'Brien-Smith":             "O'Brien-Smith",
		"  ":                        "",
		"-":                         "-",
	} {
		if got := TrimText(in); got != want {
			t.Errorf("TrimText(%+q) = %+q, want %+q", in, got, want)
		}
	}
}
