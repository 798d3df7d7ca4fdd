package admin

import "testing"

func TestPercent(t *testing.T) {
	for in, want := range map[string]int64{"0": 0, "12.5": 1250, "8.25": 825, "100": 10000, " 7 % ": 700} {
		if got, err := parsePercent(in); err != nil || got != want {
			t.Errorf("parsePercent(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "-1", "1.234", "abc"} {
		if _, err := parsePercent(bad); err == nil {
			t.Errorf("parsePercent(%q) succeeded", bad)
		}
	}
	for bp, want := range map[int64]string{0: "0", 1250: "12.5", 825: "8.25", 10000: "100", 5: "0.05"} {
		if got := formatPercent(bp); got != want {
			t.Errorf("formatPercent(%d) = %q, want %q", bp, got, want)
		}
	}
}
