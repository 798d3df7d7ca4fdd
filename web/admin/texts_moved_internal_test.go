package admin

import (
	"net/url"
	"testing"
)

// TestSwapOptionsKeepsValuesThatWouldClash: an option whose values would
// read alike once swapped (S and M both 均码, saved before such forms were
// refused) keeps its values, as the content-language change keeps it; its
// name still swaps. Another option swaps its values.
func TestSwapOptionsKeepsValuesThatWouldClash(t *testing.T) {
	form := url.Values{
		"option1_name": {"Size"}, "option1_zh": {"尺码"},
		"v0_option1": {"S"}, "v1_option1": {"M"}, "option1:S_zh": {"均码"}, "option1:M_zh": {"均码"},
		"option2_name": {"Colour"},
		"v0_option2":   {"White"}, "v1_option2": {"White"}, "option2:White_zh": {"白色"},
	}
	swapOptions(form, "en", "zh")
	for name, want := range map[string]string{
		"option1_name": "尺码", "option1_en": "Size", "v0_option1": "S", "v1_option1": "M", "option1:S_zh": "均码",
		"option2_name": "Colour", "v0_option2": "白色", "v1_option2": "白色", "option2:白色_en": "White",
	} {
		if got := form.Get(name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	if form.Has("option2:White_zh") {
		t.Error("the swapped value's Chinese translation is still keyed by its English value")
	}
}
