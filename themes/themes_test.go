package themes

import (
	"io/fs"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"storefront/assets"
)

// tokens is the contract between the themes and assets/static/app.css:
// every theme defines all of them.
var tokens = []string{
	"--color-bg", "--color-surface", "--color-text", "--color-muted", "--color-border",
	"--color-primary", "--color-primary-contrast", "--color-primary-text", "--color-accent", "--color-accent-contrast",
	"--color-sale", "--color-sale-contrast", "--color-success", "--color-warning",
	"--color-danger", "--color-focus",
	"--font-body", "--font-heading",
	"--step--1", "--step-0", "--step-1", "--step-2", "--step-3", "--step-4",
	"--radius-sm", "--radius", "--radius-lg",
	"--space-1", "--space-2", "--space-3", "--space-4", "--space-5", "--space-6",
	"--shadow", "--max-width",
}

var commentRE = regexp.MustCompile(`(?s)/\*.*?\*/`)

// rootTokens returns the custom properties set in the first top-level
// :root rule of css (so a later @media variant does not count).
func rootTokens(t *testing.T, css string) map[string]string {
	t.Helper()
	css = commentRE.ReplaceAllString(css, "")
	depth := 0
	for i := 0; i < len(css); i++ {
		switch css[i] {
		case '{':
			depth++
			continue
		case '}':
			depth--
			continue
		}
		if depth != 0 || !strings.HasPrefix(css[i:], ":root") {
			continue
		}
		open := strings.IndexByte(css[i:], '{')
		end := strings.IndexByte(css[i:], '}')
		if open < 0 || end < open {
			t.Fatal("unterminated :root rule")
		}
		decls := make(map[string]string)
		for _, d := range strings.Split(css[i+open+1:i+end], ";") {
			name, value, ok := strings.Cut(d, ":")
			name = strings.TrimSpace(name)
			if !ok || !strings.HasPrefix(name, "--") {
				continue
			}
			if _, dup := decls[name]; dup {
				t.Errorf("%s set twice", name)
			}
			decls[name] = strings.Join(strings.Fields(value), " ")
		}
		return decls
	}
	t.Fatal("no top-level :root rule")
	return nil
}

func themeTokens(t *testing.T, name string) map[string]string {
	t.Helper()
	css, err := fs.ReadFile(files, name+".css")
	if err != nil {
		t.Fatal(err)
	}
	return rootTokens(t, string(css))
}

func TestAllListsDefaultFirst(t *testing.T) {
	got := All()
	if len(got) < 3 {
		t.Fatalf("%d themes, want at least 3", len(got))
	}
	if got[0].Name != Default {
		t.Errorf("first theme %q, want %q", got[0].Name, Default)
	}
	seen := map[string]bool{}
	for _, th := range got {
		if seen[th.Name] {
			t.Errorf("theme %q listed twice", th.Name)
		}
		seen[th.Name] = true
		if th.Title == "" || th.TitleZH == "" {
			t.Errorf("theme %q lacks a display name", th.Name)
		}
		if !Exists(th.Name) {
			t.Errorf("Exists(%q) = false", th.Name)
		}
	}
	for _, name := range []string{"", "nope", "classic.css", "../classic"} {
		if Exists(name) {
			t.Errorf("Exists(%q) = true", name)
		}
	}

	got[0].Name = "changed"
	if All()[0].Name != Default {
		t.Error("All returned the package's own slice")
	}
}

func TestEveryFileIsATheme(t *testing.T) {
	names, err := fs.Glob(files, "*.css")
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, th := range All() {
		want = append(want, th.Name+".css")
	}
	slices.Sort(names)
	slices.Sort(want)
	if !slices.Equal(names, want) {
		t.Errorf("embedded files %v, want one per theme %v", names, want)
	}
}

func TestEveryThemeDefinesEveryToken(t *testing.T) {
	for _, th := range All() {
		got := themeTokens(t, th.Name)
		for _, tok := range tokens {
			if got[tok] == "" {
				t.Errorf("%s: %s not defined", th.Name, tok)
			}
		}
		for tok := range got {
			if !slices.Contains(tokens, tok) {
				t.Errorf("%s: %s is not a shared token; add it to every theme and to this test", th.Name, tok)
			}
		}
	}
}

func TestSwatchIsThePrimaryColour(t *testing.T) {
	for _, th := range All() {
		if got, want := th.Swatch, themeTokens(t, th.Name)["--color-primary"]; got != want {
			t.Errorf("%s: Swatch %q, want --color-primary %q", th.Name, got, want)
		}
	}
}

func TestFontStacksHaveCJKFallbacks(t *testing.T) {
	for _, th := range All() {
		got := themeTokens(t, th.Name)
		for _, tok := range []string{"--font-body", "--font-heading"} {
			for _, family := range []string{`"PingFang SC"`, `"Microsoft YaHei"`, `"Noto Sans CJK SC"`} {
				if !strings.Contains(got[tok], family) {
					t.Errorf("%s: %s lacks %s", th.Name, tok, family)
				}
			}
			if strings.Contains(got[tok], "url(") {
				t.Errorf("%s: %s loads a font file", th.Name, tok)
			}
		}
	}
}

// TestContrast checks the colour pairs app.css puts together against WCAG
// 2.x: 4.5:1 for text, 3:1 for the focus ring.
func TestContrast(t *testing.T) {
	pairs := []struct {
		fg, bg string
		min    float64
	}{
		{"--color-text", "--color-bg", 7},
		{"--color-text", "--color-surface", 4.5},
		{"--color-muted", "--color-bg", 4.5},
		{"--color-muted", "--color-surface", 4.5},
		{"--color-primary", "--color-bg", 4.5},
		{"--color-primary", "--color-surface", 4.5},
		{"--color-primary-contrast", "--color-primary", 4.5},
		{"--color-primary-text", "--color-bg", 4.5},
		{"--color-primary-text", "--color-surface", 4.5},
		{"--color-accent-contrast", "--color-accent", 4.5},
		{"--color-sale", "--color-bg", 4.5},
		{"--color-sale", "--color-surface", 4.5},
		{"--color-sale-contrast", "--color-sale", 4.5},
		{"--color-success", "--color-bg", 4.5},
		{"--color-warning", "--color-bg", 4.5},
		{"--color-danger", "--color-bg", 4.5},
		{"--color-danger", "--color-surface", 4.5},
		{"--color-focus", "--color-bg", 3},
		{"--color-focus", "--color-surface", 3},
	}
	for _, th := range All() {
		got := themeTokens(t, th.Name)
		for _, p := range pairs {
			fg, err := luminance(got[p.fg])
			if err != nil {
				t.Errorf("%s: %s: %v", th.Name, p.fg, err)
				continue
			}
			bg, err := luminance(got[p.bg])
			if err != nil {
				t.Errorf("%s: %s: %v", th.Name, p.bg, err)
				continue
			}
			if ratio := (max(fg, bg) + 0.05) / (min(fg, bg) + 0.05); ratio < p.min {
				t.Errorf("%s: %s on %s contrast %.2f, want at least %.1f", th.Name, p.fg, p.bg, ratio, p.min)
			}
		}
	}
}

// luminance is the WCAG relative luminance of a "#rrggbb" colour.
func luminance(hex string) (float64, error) {
	if len(hex) != 7 || hex[0] != '#' {
		return 0, strconv.ErrSyntax
	}
	v, err := strconv.ParseUint(hex[1:], 16, 32)
	if err != nil {
		return 0, err
	}
	channel := func(c uint64) float64 {
		s := float64(c) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*channel(v>>16&0xff) + 0.7152*channel(v>>8&0xff) + 0.0722*channel(v&0xff), nil
}

// TestAppCSSUsesOnlyThemeTokens keeps app.css and the themes in step: any
// var() it uses must be a token every theme defines, and it defines none of
// its own, so a theme switch restyles everything.
func TestAppCSSUsesOnlyThemeTokens(t *testing.T) {
	data, err := os.ReadFile("../assets/static/app.css")
	if err != nil {
		t.Fatal(err)
	}
	css := commentRE.ReplaceAllString(string(data), "")
	used := regexp.MustCompile(`var\(\s*(--[\w-]+)`).FindAllStringSubmatch(css, -1)
	if len(used) == 0 {
		t.Fatal("app.css uses no tokens")
	}
	for _, m := range used {
		if !slices.Contains(tokens, m[1]) {
			t.Errorf("app.css uses %s, which the themes do not define", m[1])
		}
	}
	if m := regexp.MustCompile(`(?m)[{;\s](--[\w-]+)\s*:`).FindStringSubmatch(css); m != nil {
		t.Errorf("app.css defines %s; tokens belong in the themes", m[1])
	}
}

func TestURLAndHandler(t *testing.T) {
	h := Handler()
	for _, th := range All() {
		u := URL(th.Name)
		if ok, _ := regexp.MatchString(`^/themes/[0-9a-f]{12}/`+th.Name+`\.css$`, u); !ok {
			t.Errorf("URL(%q) = %q", th.Name, u)
			continue
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", u, nil))
		if got, want := w.Code, http.StatusOK; got != want {
			t.Errorf("GET %s: status %d, want %d", u, got, want)
			continue
		}
		want, _ := fs.ReadFile(files, th.Name+".css")
		if w.Body.String() != assets.MinifyCSS(string(want)) {
			t.Errorf("GET %s: body is not %s.css", u, th.Name)
		}
		if got, want := w.Header().Get("Content-Type"), "text/css; charset=utf-8"; got != want {
			t.Errorf("GET %s: Content-Type %q, want %q", u, got, want)
		}
		if got, want := w.Header().Get("Cache-Control"), "public, max-age=31536000, immutable"; got != want {
			t.Errorf("GET %s: Cache-Control %q, want %q", u, got, want)
		}
	}

	if URL("classic") == URL("noir") {
		t.Error("two themes share a URL")
	}
	if got, want := URL("removed-theme"), URL(Default); got != want {
		t.Errorf("URL of an unknown theme = %q, want the default's %q", got, want)
	}

	for _, target := range []string{"/themes/0123456789ab/nope.css", "/themes/x/../themes.go", "/themes/x/%2e%2e/themes.go"} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", target, nil))
		if got, want := w.Code, http.StatusNotFound; got != want {
			t.Errorf("GET %s: status %d, want %d", target, got, want)
		}
	}
}
