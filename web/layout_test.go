package web

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestImportsPointOneWay keeps the layout of ARCHITECTURE.md: shop and
// admin pages never import each other, the shared kit imports neither,
// and store imports nothing of the web, the views or the catalogs.
// Test files count too, except the external test packages of web/...,
// which drive the whole server through web/webtest.
func TestImportsPointOneWay(t *testing.T) {
	forbidden := map[string][]string{
		"kit":              {"storefront/web"},
		"shop":             {"storefront/web/admin", "storefront/web/webtest", "storefront/mail"},
		"admin":            {"storefront/web/shop", "storefront/web/webtest"},
		"../mail":          {"storefront/web"},
		"../store":         {"storefront/web", "storefront/mail", "storefront/views", "storefront/i18n", "storefront/store/payment"},
		"../store/pricing": {"storefront/store", "storefront/web", "storefront/views"},
		"../views":         {"storefront/web", "storefront/mail"},
	}
	for dir, bad := range forbidden {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil || len(files) == 0 {
			t.Fatalf("no Go files in %s: %v", dir, err)
		}
		for _, file := range files {
			f, err := parser.ParseFile(token.NewFileSet(), file, nil, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			if strings.HasSuffix(f.Name.Name, "_test") {
				continue
			}
			for _, imp := range f.Imports {
				path, _ := strconv.Unquote(imp.Path.Value)
				for _, b := range bad {
					if path == b || strings.HasPrefix(path, b+"/") {
						t.Errorf("%s imports %s: see ARCHITECTURE.md, which way imports point", file, path)
					}
				}
			}
		}
	}
}
