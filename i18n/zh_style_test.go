package i18n

import (
	"context"
	"maps"
	"regexp"
	"slices"
	"testing"
	"time"
)

// TestListSeparator: Chinese lists things with the enumeration comma 、,
// English with ", ".
func TestListSeparator(t *testing.T) {
	items := []string{"普通会员 300", "白银会员 375", "金卡会员 450"}
	for locale, want := range map[string]string{"zh": "普通会员 300、白银会员 375、金卡会员 450", "en": "普通会员 300, 白银会员 375, 金卡会员 450"} {
		if got := List(WithLocale(context.Background(), locale, "CNY"), items); got != want {
			t.Errorf("List in %s = %q, want %q", locale, got, want)
		}
	}
	if got := List(context.Background(), []string{"one"}); got != "one" {
		t.Errorf("a list of one = %q", got)
	}
}

// TestChineseSaysNin: the shop speaks to shoppers, staff and the owner
// with the polite 您 throughout, never 你 (迷你, "mini", is a word of its
// own).
func TestChineseSaysNin(t *testing.T) {
	ni := regexp.MustCompile(`(^|[^迷])你`)
	for _, key := range slices.Sorted(maps.Keys(zh)) {
		if ni.MatchString(zh[key]) {
			t.Errorf("%s says 你: %q", key, zh[key])
		}
	}
}

// TestTimesNameTheZoneAsReadersDo: "CST" is China's time to some and US
// Central time to others, so Chinese names China's zone 北京时间 and any
// other by its offset from UTC; English keeps the usual abbreviation.
func TestTimesNameTheZoneAsReadersDo(t *testing.T) {
	at := time.Date(2026, 12, 9, 12, 42, 0, 0, time.UTC)
	zone := func(name string) *time.Location {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		return loc
	}
	for _, tt := range []struct {
		locale, zone, layout, want string
	}{
		{"zh", "Asia/Shanghai", "order.time_format", "2026年12月9日 20:42（北京时间）"},
		{"zh", "Asia/Shanghai", "promo.time_format", "12月9日 20:42（北京时间）"},
		{"zh", "Asia/Shanghai", "email.datetime_format", "2026年12月9日 20:42（北京时间）"},
		{"zh", "Asia/Taipei", "order.time_format", "2026年12月9日 20:42（UTC+8）"},
		{"zh", "America/Chicago", "order.time_format", "2026年12月9日 06:42（UTC-6）"},
		{"zh", "Asia/Kolkata", "order.time_format", "2026年12月9日 18:12（UTC+5:30）"},
		{"zh", "UTC", "order.time_format", "2026年12月9日 12:42（UTC）"},
		{"en", "Asia/Shanghai", "order.time_format", "Dec 9, 2026, 20:42 CST"},
		{"en", "America/Chicago", "order.time_format", "Dec 9, 2026, 06:42 CST"},
	} {
		if got := FormatTime(tt.locale, at.In(zone(tt.zone)), TL(tt.locale, tt.layout)); got != tt.want {
			t.Errorf("%s %s %s = %q, want %q", tt.locale, tt.zone, tt.layout, got, tt.want)
		}
	}
	// The admin's fixed layout.
	if got, want := FormatTime("zh", at.In(zone("Asia/Shanghai")), "2006-01-02 15:04 MST"), "2026-12-09 20:42 北京时间"; got != want {
		t.Errorf("admin time = %q, want %q", got, want)
	}
}
