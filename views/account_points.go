package views

import (
	"context"
	"strconv"
	"strings"
	"time"

	"storefront/i18n"
)

// formatDate is a day in the shopper's language, in the shop's time zone.
func formatDate(ctx context.Context, t time.Time) string {
	return t.In(TimeZone(ctx)).Format(i18n.T(ctx, "account.date_format"))
}

// percent writes basis points as a percentage: 300 is "3%", 12500 "125%",
// 1250 "12.5%".
func percent(bp int64) string {
	s := strconv.FormatInt(bp/100, 10)
	if frac := bp % 100; frac != 0 {
		s += strings.TrimRight("."+strconv.FormatInt(100+frac, 10)[1:], "0")
	}
	return s + "%"
}

// signed is a ledger row's points with their sign: +104, −100.
func signed(n int64) string {
	if n < 0 {
		return "−" + strconv.FormatInt(-n, 10)
	}
	return "+" + strconv.FormatInt(n, 10)
}
