package admin

import (
	"strings"

	"storefront/store"
)

// QRCode is a QR code ready to draw as inline SVG: a square viewBox of
// Size modules (quiet zone included) and one path of the dark modules.
type QRCode struct {
	Size int
	Path string
}

// SecurityPage is /admin/account/security: the signed-in staff member's
// password and two-factor sign-in. Enrolment is set while a secret awaits confirmation;
// RecoveryCodes only right after they were made, the one time they show.
type SecurityPage struct {
	Shell         Shell
	TOTPEnabled   bool
	Enrolment     *store.TOTPEnrolment
	QR            QRCode
	RecoveryCodes []string
	CodesLeft     int
	Notice        string            // catalog key of a done message
	Errors        map[string]string // field → catalog key
	Form          string            // which form the errors belong to: "password", "confirm", "disable" or "codes"
}

// SessionsPage lists the signed-in staff member's own sessions.
type SessionsPage struct {
	Shell    Shell
	Sessions []store.StaffSession
	Current  int64 // this browser's session
	Notice   string
}

// Device names the browser and system a session's User-Agent announces,
// such as "Firefox · Windows", or "" when it names neither.
func Device(userAgent string) string {
	var parts []string
	for _, list := range [][][2]string{uaBrowsers, uaSystems} {
		for _, m := range list {
			if strings.Contains(userAgent, m[0]) {
				parts = append(parts, m[1])
				break
			}
		}
	}
	return strings.Join(parts, " · ")
}

// uaBrowsers and uaSystems are User-Agent tokens, most specific first:
// Edge and Opera also say Chrome, Chrome also says Safari, Android also
// says Linux, iPhones also say Mac OS X.
var (
	uaBrowsers = [][2]string{{"Edg/", "Edge"}, {"OPR/", "Opera"}, {"Firefox/", "Firefox"}, {"Chrome/", "Chrome"},
		{"Safari/", "Safari"}, {"curl/", "curl"}}
	uaSystems = [][2]string{{"iPhone", "iPhone"}, {"iPad", "iPad"}, {"Android", "Android"}, {"CrOS", "ChromeOS"},
		{"Windows", "Windows"}, {"Mac OS X", "macOS"}, {"Linux", "Linux"}}
)

// formErrors are the messages for form, when the errors are its.
func (p SecurityPage) formErrors(form string) map[string]string {
	if p.Form != form {
		return nil
	}
	return p.Errors
}

// groupSecret spaces a TOTP secret in fours, as apps show it, for typing.
func groupSecret(secret string) string {
	var b strings.Builder
	for i, r := range secret {
		if i > 0 && i%4 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}
