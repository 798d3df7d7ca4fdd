package assets

import (
	"strings"
	"testing"
)

func TestMinifyCSS(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"comments and blank lines", "/* head */\na {\n  color: red;\n}\n\n/* tail */", "a{color:red}"},
		{"descendant pseudo-class keeps its space", ".grid :is(a, b) {\n  margin: 0 auto;\n}", ".grid :is(a,b){margin:0 auto}"},
		{"calc keeps the spaces around + and -", "a { width: calc(100% - 2 * var(--x)); }", "a{width:calc(100% - 2 * var(--x))}"},
		{"media query ranges keep their spaces", "@media (width >= 40em) and (hover: hover) {\n  a:hover { color: blue; }\n}", "@media (width >= 40em) and (hover: hover){a:hover{color:blue}}"},
		{"strings are copied as they are", `a::before { content: "  /* not a comment */  "; }`, `a::before{content:"  /* not a comment */  "}`},
		{"escaped quotes stay in the string", `a { content: 'it\'s ; }'; }`, `a{content:'it\'s ; }'}`},
		{"grid areas", "a {\n  grid-template-areas:\n    \"x y\"\n    \"z z\";\n}", `a{grid-template-areas:"x y" "z z"}`},
		{"important", "a { display: none !important; }", "a{display:none !important}"},
		{"unclosed comment ends the sheet", "a{color:red}/* oops", "a{color:red}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := MinifyCSS(tt.in); got != tt.want {
				t.Errorf("MinifyCSS(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestServedCSSIsMinified checks the stylesheets as served: no comments, no
// indentation, clearly smaller, and the braces still balance.
func TestServedCSSIsMinified(t *testing.T) {
	for _, name := range []string{"app.css", "admin.css"} {
		src, served := string(staticFile(t, name)), string(servedFile(t, name))
		w := get(t, Static, "GET", Static.URL(name), nil)
		if w.Body.String() != served {
			t.Fatalf("%s: served body is not the minified file", name)
		}
		if strings.Contains(served, "/*") || strings.Contains(served, "\n  ") {
			t.Errorf("%s: served CSS still has comments or indentation", name)
		}
		if len(served) > len(src)*85/100 {
			t.Errorf("%s: %d bytes served from %d, want at least 15%% less", name, len(served), len(src))
		}
		if strings.Count(served, "{") != strings.Count(served, "}") {
			t.Errorf("%s: braces no longer balance", name)
		}
	}
}
