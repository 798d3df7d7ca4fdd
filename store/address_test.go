package store

import (
	"strings"
	"testing"
)

func TestAddressLinesInCountryOrder(t *testing.T) {
	names := map[string]string{"CN": "中国", "US": "United States"}
	tests := []struct {
		name string
		in   Address
		want string
	}{
		{"Chinese, largest first", Address{Name: "林梅", AddressLine1: "徐汇区天钥桥路 100 号", City: "上海市", Region: "上海",
			PostalCode: "200030", Country: "CN"}, "林梅|中国 上海 上海市|徐汇区天钥桥路 100 号|200030"},
		{"Chinese typed by hand", Address{Name: "张伟", AddressLine1: "建国路 88 号", City: "北京", Country: "中国"},
			"张伟|中国 北京|建国路 88 号"},
		{"American", Address{Name: "Ann Lee", AddressLine1: "1 Main St", AddressLine2: "Apt 2", City: "Springfield",
			Region: "IL", PostalCode: "62701", Country: "US"}, "Ann Lee|1 Main St|Apt 2|Springfield, IL 62701|United States"},
		{"British", Address{Name: "Tom Baker", AddressLine1: "4 Mill Lane", City: "Bristol", PostalCode: "BS1 4DJ", Country: "GB"},
			"Tom Baker|4 Mill Lane|Bristol|BS1 4DJ|GB"},
		{"European", Address{Name: "Ana Souza", AddressLine1: "Rua das Flores 22", City: "Porto", PostalCode: "4050-262",
			Country: "Portugal"}, "Ana Souza|Rua das Flores 22|4050-262 Porto|Portugal"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := strings.Join(tt.in.Lines(func(c string) string {
				if n := names[CountryCode(c)]; n != "" {
					return n
				}
				return c
			}), "|")
			if got != tt.want {
				t.Errorf("Lines = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestShopCountryAndTimeZone(t *testing.T) {
	if got := (Settings{Currency: "CNY"}).ShopCountry(); got != "CN" {
		t.Errorf("CNY shop's country = %q", got)
	}
	if got := (Settings{Currency: "CNY", Country: "TW"}).ShopCountry(); got != "TW" {
		t.Errorf("set country = %q", got)
	}
	if got := (Settings{TimeZone: "Asia/Shanghai"}).Location().String(); got != "Asia/Shanghai" {
		t.Errorf("Location = %q", got)
	}
	for _, bad := range []string{"Local", "Mars/Olympus", "../../etc/passwd"} {
		if checkTimeZone(bad) == "" {
			t.Errorf("time zone %q accepted", bad)
		}
	}
	if checkTimeZone(ServerTimeZone()) != "" {
		t.Errorf("the server's own zone %q is refused", ServerTimeZone())
	}
}

func TestPostalCodeByCountry(t *testing.T) {
	for _, tt := range []struct {
		country, code, want string
	}{
		{"HK", "", ""}, {"MO", "", ""}, {"AE", "", ""}, {"IE", "", ""}, {"IE", "D02 X285", ""},
		{"US", "", "checkout.error.required"}, {"CN", "", "checkout.error.required"}, {"", "", "checkout.error.required"},
		{"US", "94107", ""}, {"US", "94107-1234", ""}, {"US", "9410", "checkout.error.postal_code"},
		{"US", "!!!", "checkout.error.postal_code"}, {"US", "<b>94107</b>", "checkout.error.postal_code"},
		{"CN", "200030", ""}, {"中国", "200030", ""}, {"CN", "20003", "checkout.error.postal_code"},
		{"CA", "K1A 0B1", ""}, {"CA", "k1a0b1", ""}, {"CA", "K1A 0B", "checkout.error.postal_code"},
		{"GB", "SW1A 1AA", ""}, {"GB", "BS1 4DJ", ""}, {"GB", "M1 1AE", ""}, {"GB", "12345", "checkout.error.postal_code"},
		{"JP", "100-0001", ""}, {"JP", "1000001", ""}, {"NL", "1012 AB", ""}, {"PT", "1100-048", ""},
		{"PT", "1100", "checkout.error.postal_code"}, {"SE", "114 55", ""}, {"PL", "00-950", ""}, {"BR", "01310-100", ""},
		{"TW", "100", ""}, {"TW", "10048", ""}, {"IN", "110 001", ""},
		// A country off the list (an old order's, typed by hand): any
		// letters and digits, with spaces or hyphens between.
		{"Atlantis", "AB-12 3", ""}, {"Atlantis", "!!!", "checkout.error.postal_code"},
		{"Atlantis", "1234567890123", "checkout.error.postal_code"}, {"Atlantis", "-12", "checkout.error.postal_code"},
	} {
		if got := postalCodeProblem(tt.country, tt.code); got != tt.want {
			t.Errorf("postal code %q in %q: %q, want %q", tt.code, tt.country, got, tt.want)
		}
	}
	// Every country the checkout offers either has a form or may go without.
	for _, c := range Countries {
		if postalFormats[c] == nil && !postalOptional[c] {
			t.Errorf("%s has neither a postal code form nor leave to go without", c)
		}
	}
}
