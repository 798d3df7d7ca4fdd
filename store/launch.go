package store

import (
	"context"
	"crypto/subtle"
	"database/sql"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Limits on the launch settings.
const (
	maxPublicURLLen     = 200
	MinShopPasswordLen  = 4 // a preview password shared with friends, not an account's
	maxShopPasswordLen  = 100
	publicURLFieldError = "setup.error.public_url"
)

// NormalizePublicURL tidies an address as an owner types it: the scheme
// (https:// when none is given) and host in lower case, no trailing slash.
// ok is false for anything that is not a bare http(s) origin: a path, a
// query, a user name or a missing host.
func NormalizePublicURL(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", true
	}
	if !strings.Contains(s, "://") {
		s = "https://" + s
	}
	u, err := url.Parse(s)
	if err != nil || len(s) > maxPublicURLLen {
		return s, false
	}
	u.Scheme, u.Host = strings.ToLower(u.Scheme), strings.ToLower(u.Host)
	if (u.Scheme != "http" && u.Scheme != "https") || u.Hostname() == "" || u.User != nil ||
		strings.Trim(u.Path, "/") != "" || u.RawQuery != "" || u.Fragment != "" || u.Opaque != "" {
		return s, false
	}
	return u.Scheme + "://" + u.Host, true
}

func checkPublicURL(v string) string {
	if n, ok := NormalizePublicURL(v); !ok || n != v {
		return publicURLFieldError
	}
	return ""
}

func checkShopPassword(v string) string {
	switch n := utf8.RuneCountInString(v); {
	case v == "":
		return ""
	case n < MinShopPasswordLen:
		return "setup.error.shop_password_short"
	case n > maxShopPasswordLen:
		return "error.too_long"
	}
	return ""
}

// LaunchSettings is how the world reaches the shop: its public address
// (links in emails, canonical URLs) and whether it is still closed behind
// a password. A blank Password keeps the stored one.
type LaunchSettings struct {
	PublicURL string
	Closed    bool
	Password  string
}

// Validate tidies the values in place and checks them; whether a closed
// shop has a password at all is checked against the stored one on save.
func (in *LaunchSettings) Validate() error {
	v := &ValidationError{}
	if n, ok := NormalizePublicURL(in.PublicURL); ok {
		in.PublicURL = n
	} else {
		v.Add(SettingPublicURL, publicURLFieldError)
	}
	in.Password = strings.TrimSpace(in.Password)
	if msg := checkShopPassword(in.Password); msg != "" {
		v.Add(SettingShopPassword, msg)
	}
	return v.Err()
}

// SaveLaunchSettings saves the launch section as actor edited it from
// version. Closing the shop needs a password, typed now or stored before.
func (s *Store) SaveLaunchSettings(ctx context.Context, actor Actor, version int64, in LaunchSettings) error {
	if err := in.Validate(); err != nil {
		return err
	}
	return s.updateSettings(ctx, actor, SectionLaunch, version, func(_ *sql.Tx, m map[string]string) error {
		m[SettingPublicURL], m[SettingShopClosed] = in.PublicURL, boolSetting(in.Closed)
		if in.Password != "" {
			m[SettingShopPassword] = in.Password
		}
		if in.Closed && m[SettingShopPassword] == "" {
			return &ValidationError{Fields: map[string]string{SettingShopPassword: "setup.error.shop_password_needed"}}
		}
		return nil
	})
}

// ShopPasswordAccount is the name the closed shop's password form is
// throttled under (BeginLogin), as if it were one more account: it cannot
// be an email, so no staff or customer account shares its count.
const ShopPasswordAccount = "shop password"

// ShopPasswordMatches reports whether pw opens the closed shop. The
// comparison takes the same time wherever the first wrong character is.
func (s *Store) ShopPasswordMatches(ctx context.Context, pw string) (bool, error) {
	snap, err := s.settingsSnapshot(ctx)
	if err != nil {
		return false, err
	}
	stored := snap.values[SettingShopPassword]
	pw = strings.TrimSpace(pw)
	return stored != "" && subtle.ConstantTimeCompare([]byte(pw), []byte(stored)) == 1, nil
}

// HasShopPassword reports whether a shop password is stored (the settings
// page says so without showing it).
func (s *Store) HasShopPassword(ctx context.Context) (bool, error) {
	snap, err := s.settingsSnapshot(ctx)
	if err != nil {
		return false, err
	}
	return snap.values[SettingShopPassword] != "", nil
}

// HasStaff reports whether anyone has an account, that is whether the
// owner has finished setup. Every storefront page asks, so once true it
// is remembered: accounts can be disabled but never all removed.
func (s *Store) HasStaff(ctx context.Context) (bool, error) {
	if s.staffExists.Load() {
		return true, nil
	}
	n, err := s.StaffCount(ctx)
	if err != nil {
		return false, err
	}
	if n > 0 {
		s.staffExists.Store(true)
	}
	return n > 0, nil
}

// RecordTestEmail notes that a test email went through the mail server,
// which ticks the setup guide's email step.
func (s *Store) RecordTestEmail(ctx context.Context) error {
	return s.SetSetting(ctx, SettingTestEmailSentAt, strconv.FormatInt(s.Now().Unix(), 10))
}

// HideSetupGuide hides the admin home's setup guide for good.
func (s *Store) HideSetupGuide(ctx context.Context) error {
	return s.SetSetting(ctx, SettingSetupGuideHidden, "1")
}
