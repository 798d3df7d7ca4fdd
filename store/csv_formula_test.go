package store

import "testing"

func TestEscapeCSVFormula(t *testing.T) {
	for in, want := range map[string]string{
		"=HYPERLINK(\"http://evil.example\")": "'=HYPERLINK(\"http://evil.example\")",
		"+1+cmd|' /C calc'!A0":                "'+1+cmd|' /C calc'!A0",
		"-2+3":                                "'-2+3",
		"@SUM(A1)":                            "'@SUM(A1)",
		"\t=1":                                "'\t=1",
		"\r=1":                                "'\r=1",
		"+351 912 345 678":                    "'+351 912 345 678",
		// Numbers are read as numbers, not run: they stay as they are.
		"-5": "-5", "+5": "+5", "12.50": "12.50", "-0.25": "-0.25",
		// Quotes of the shop's own are kept apart from the added one.
		"'=1": "''=1", "''x": "'''x", "'Tis the season": "'Tis the season",
		"": "", "Ana Lima": "Ana Lima", "a=b": "a=b", "龙井": "龙井",
	} {
		got := EscapeCSVFormula(in)
		if got != want {
			t.Errorf("EscapeCSVFormula(%q) = %q, want %q", in, got, want)
		}
		if back := UnescapeCSVFormula(got); back != in {
			t.Errorf("UnescapeCSVFormula(%q) = %q, want %q back", got, back, in)
		}
	}
}

func FuzzCSVFormulaRoundTrip(f *testing.F) {
	for _, s := range []string{"=1", "'=1", "''", "'", "-5", "-x", "@", "\t"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e := EscapeCSVFormula(s)
		if formulaLike(e) {
			t.Errorf("EscapeCSVFormula(%q) = %q still starts a formula", s, e)
		}
		if back := UnescapeCSVFormula(e); back != s {
			t.Errorf("round trip of %q gave %q", s, back)
		}
	})
}
