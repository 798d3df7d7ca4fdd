// Package themes holds the storefront's embedded themes.
//
// A theme is one CSS file, NAME.css, that sets the design tokens (CSS custom
// properties) on :root; assets/static/app.css styles every page with those
// tokens only, so the owner switches the look of the whole shop by picking a
// theme in admin settings. Each file is served under its own content hash,
// through the same server as the other static files (assets.NewServer).
package themes

import (
	"embed"
	"fmt"
	"net/http"
	"slices"

	"storefront/assets"
)

// Default is the theme of a new shop, and the one used when the configured
// theme no longer exists.
const Default = "classic"

// Theme describes a theme for the admin theme picker.
type Theme struct {
	Name    string // file name without ".css"; what settings store
	Title   string // English display name
	TitleZH string // Chinese display name
	Swatch  string // the theme's primary colour (hex), for the admin preview
}

// all lists the themes in the order the admin shows them. Swatch must equal
// the file's --color-primary; a test checks it.
var all = []Theme{
	{Name: "classic", Title: "Classic", TitleZH: "经典", Swatch: "#1d3f8f"},
	{Name: "fresh", Title: "Fresh", TitleZH: "清新", Swatch: "#0f766e"},
	{Name: "noir", Title: "Noir", TitleZH: "黑金", Swatch: "#d4af37"},
	{Name: "sakura", Title: "Sakura", TitleZH: "樱花", Swatch: "#b03a66"},
}

//go:embed *.css
var files embed.FS

var server = mustServer()

// mustServer builds the theme file server. The files are embedded, so an
// error is a build mistake that the first test run reports.
func mustServer() *assets.Server {
	s, err := assets.NewServer(files, "/themes/")
	if err != nil {
		panic(fmt.Sprintf("themes: %v", err))
	}
	return s
}

// All returns every theme, Default first, in a stable order.
func All() []Theme {
	return slices.Clone(all)
}

// Exists reports whether name is a theme.
func Exists(name string) bool {
	return slices.ContainsFunc(all, func(t Theme) bool { return t.Name == name })
}

// URL returns the content-hashed URL of the theme's stylesheet, for example
// "/themes/5e0c4f1a9b2d/classic.css". An unknown name (a theme removed since
// the owner chose it) gets the Default theme, so the shop never renders
// unstyled.
func URL(name string) string {
	if !Exists(name) {
		name = Default
	}
	return server.URL(name + ".css")
}

// Handler serves the theme stylesheets under /themes/{hash}/{name}.css, with
// the caching rules of assets.Server. Register it for GET on "/themes/".
func Handler() http.Handler {
	return server
}
