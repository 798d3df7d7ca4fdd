package admin

import "testing"

func TestParsePriceChange(t *testing.T) {
	for in, want := range map[string]int64{"-10": -1000, "+5": 500, "5": 500, "12.5%": 1250, "−7.25": -725, " -0.01 ": -1} {
		if got, ok := parsePriceChange(in); !ok || got != want {
			t.Errorf("parsePriceChange(%q) = %d, %v; want %d", in, got, ok, want)
		}
	}
	for _, bad := range []string{"", "0", "-", "--10", "ten", "1,5", "1.234", "+-3"} {
		if _, ok := parsePriceChange(bad); ok {
			t.Errorf("parsePriceChange(%q) accepted", bad)
		}
	}
}
