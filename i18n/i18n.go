// Package i18n is the shop's message catalog: every string a shopper or
// merchant reads comes from here, in English or Simplified Chinese, and money
// is formatted by one function.
package i18n

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/language"
)

// Supported locales; the first is the fallback.
var Supported = []string{"en", "zh"}

var catalogs = map[string]map[string]string{"en": en, "zh": zh}

var matcher = language.NewMatcher([]language.Tag{language.English, language.SimplifiedChinese})

type ctxKey struct{}

type localeInfo struct {
	locale   string
	currency string
}

// WithLocale returns a context whose T and Money speak locale and price in currency.
func WithLocale(ctx context.Context, locale, currency string) context.Context {
	return context.WithValue(ctx, ctxKey{}, localeInfo{locale: Normalize(locale), currency: currency})
}

func info(ctx context.Context) localeInfo {
	if li, ok := ctx.Value(ctxKey{}).(localeInfo); ok {
		return li
	}
	return localeInfo{locale: "en", currency: "USD"}
}

// Locale returns the context's locale code ("en" or "zh").
func Locale(ctx context.Context) string { return info(ctx).locale }

// Currency returns the context's currency code.
func Currency(ctx context.Context) string { return info(ctx).currency }

// HTMLLang is the value for <html lang> and og:locale's language part.
func HTMLLang(ctx context.Context) string {
	if info(ctx).locale == "zh" {
		return "zh-CN"
	}
	return "en"
}

// Normalize maps any locale string to a supported one, defaulting to English.
func Normalize(locale string) string {
	if _, ok := catalogs[locale]; ok {
		return locale
	}
	if strings.HasPrefix(strings.ToLower(locale), "zh") {
		return "zh"
	}
	return "en"
}

// Match picks the supported locale that best fits an Accept-Language header,
// or "" when the header names none of them.
func Match(acceptLanguage string) string {
	tags, _, err := language.ParseAcceptLanguage(acceptLanguage)
	if err != nil || len(tags) == 0 {
		return ""
	}
	_, idx, conf := matcher.Match(tags...)
	if conf == language.No {
		return ""
	}
	return Supported[idx]
}

// T returns the message for key in the context's locale, formatted with args
// as by fmt.Sprintf. A missing key shows itself so that it is noticed; the
// catalog test makes sure none is missing.
func T(ctx context.Context, key string, args ...any) string {
	return TL(info(ctx).locale, key, args...)
}

// N is T for a sentence about n things: its key's "_one" form when n is 1
// and the language has one ("1 result", not "1 results"). Chinese has no
// plural, so its catalog needs none.
func N[I ~int | ~int64](ctx context.Context, key string, n I, args ...any) string {
	if n == 1 {
		if _, ok := catalogs[Normalize(info(ctx).locale)][key+"_one"]; ok {
			key += "_one"
		}
	}
	return T(ctx, key, args...)
}

// TL is T for an explicit locale, for text made outside a request.
func TL(locale, key string, args ...any) string {
	msg, ok := catalogs[Normalize(locale)][key]
	if !ok {
		if msg, ok = en[key]; !ok {
			return key
		}
	}
	if len(args) > 0 {
		return fmt.Sprintf(msg, args...)
	}
	return msg
}

// Has reports whether key is in the catalog.
func Has(key string) bool {
	_, ok := en[key]
	return ok
}

// listSeparators join the items of a list in running text: Chinese
// enumerates with 、.
var listSeparators = map[string]string{"en": ", ", "zh": "、"}

// List joins items as a list in the context's language: "a, b, c", or
// "a、b、c" in Chinese.
func List(ctx context.Context, items []string) string {
	return strings.Join(items, listSeparators[info(ctx).locale])
}

// chinaZones are the zones of the time Chinese readers call 北京时间.
var chinaZones = map[string]bool{"Asia/Shanghai": true, "Asia/Chongqing": true, "Asia/Chungking": true, "Asia/Harbin": true, "PRC": true}

// FormatTime formats t, in its own zone, by layout for readers of locale.
// Where layout names the zone ("MST"), Chinese reads no abbreviation:
// China's zone is 北京时间 and any other its offset from UTC ("UTC+9"),
// since "CST" is China's time to some and US Central time to others.
func FormatTime(locale string, t time.Time, layout string) string {
	if Normalize(locale) != "zh" || !strings.Contains(layout, "MST") {
		return t.Format(layout)
	}
	zone := "北京时间"
	if !chinaZones[t.Location().String()] {
		zone = utcOffset(t)
	}
	// The zone goes in after formatting: Format would read the 5 of
	// "UTC+5:30" as the seconds.
	const mark = "\x00"
	return strings.Replace(t.Format(strings.Replace(layout, "MST", mark, 1)), mark, zone, 1)
}

// utcOffset is t's offset from UTC as "UTC+8", "UTC-3:30" or "UTC".
func utcOffset(t time.Time) string {
	_, off := t.Zone()
	if off == 0 {
		return "UTC"
	}
	sign := "+"
	if off < 0 {
		sign, off = "-", -off
	}
	s := "UTC" + sign + strconv.Itoa(off/3600)
	if m := off % 3600 / 60; m != 0 {
		s += fmt.Sprintf(":%02d", m)
	}
	return s
}

// currencies holds each currency's symbol (per locale where they differ)
// and minor-unit exponent.
var currencies = map[string]struct {
	en, zh   string
	exponent int
}{
	"USD": {"$", "US$", 2}, "EUR": {"€", "€", 2}, "GBP": {"£", "£", 2}, "CNY": {"¥", "¥", 2},
	"HKD": {"HK$", "HK$", 2}, "TWD": {"NT$", "NT$", 2}, "SGD": {"S$", "S$", 2}, "AUD": {"A$", "A$", 2},
	"CAD": {"CA$", "CA$", 2}, "NZD": {"NZ$", "NZ$", 2}, "CHF": {"CHF ", "CHF ", 2}, "JPY": {"¥", "JP¥", 0},
	"KRW": {"₩", "₩", 0},
}

// Money formats minor units in the context's currency, such as "$1,299.00"
// or, in Chinese, "US$1,299.00".
func Money(ctx context.Context, amount int64) string {
	li := info(ctx)
	return MoneyIn(li.locale, li.currency, amount)
}

// MoneyIn is Money for an explicit locale and currency.
func MoneyIn(locale, currency string, amount int64) string {
	c, ok := currencies[currency]
	if !ok {
		c.en, c.zh, c.exponent = currency+" ", currency+" ", 2
	}
	sym := c.en
	if Normalize(locale) == "zh" {
		sym = c.zh
	}
	sign := ""
	if amount < 0 {
		sign, amount = "-", -amount
	}
	whole := amount
	frac := ""
	if c.exponent > 0 {
		div := int64(1)
		for range c.exponent {
			div *= 10
		}
		whole = amount / div
		frac = fmt.Sprintf(".%0*d", c.exponent, amount%div)
	}
	return sign + sym + group(strconv.FormatInt(whole, 10)) + frac
}

func group(digits string) string {
	if len(digits) <= 3 {
		return digits
	}
	var b strings.Builder
	pre := len(digits) % 3
	if pre > 0 {
		b.WriteString(digits[:pre])
	}
	for i := pre; i < len(digits); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}
