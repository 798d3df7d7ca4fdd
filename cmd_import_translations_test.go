package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"storefront/store"
)

func TestImportTranslations(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "shop.db")
	write := func(name, body string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	noEnv := func(string) string { return "" }
	products := write("products.csv", "Handle,Title,Option1 Name,Option1 Value,Variant SKU,Variant Price\n"+
		"tee,Cotton Tee,Colour,Red,TEE-R,19.90\n"+
		"tee,,,Blue,TEE-B,19.90\n")
	var out, errOut bytes.Buffer
	if err := run(ctx, []string{"import", "products", products, "--db", dbPath}, noEnv, &out, &errOut); err != nil {
		t.Fatalf("import products: %v\n%s", err, out.String())
	}

	translations := write("translations.csv", "\uFEFFType,Handle,Field,Locale,Default,Value\n"+
		"product,tee,title,zh,Cotton Tee,棉质T恤\n"+
		"product,tee,option1,zh,Colour,颜色\n"+
		"product,tee,option1:Red,zh,Red,'=红色\n"+
		"product,tee,option1:Green,zh,Green,绿色\n"+
		"product,mug,title,zh,Mug,马克杯\n")
	out.Reset()
	if err := run(ctx, []string{"import", "translations", translations, "--db", dbPath}, noEnv, &out, &errOut); err != nil {
		t.Fatalf("import translations: %v\n%s", err, out.String())
	}
	for _, want := range []string{
		"imported translations: 1 products and 0 collections updated, 3 translations changed; 2 skipped rows",
		`line 5 (tee): unknown field "option1:Green"`,
		"line 6 (mug): no such handle",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}

	// A file that is not a translations CSV changes nothing and says why.
	out.Reset()
	err := run(ctx, []string{"import", "translations", products, "--db", dbPath}, noEnv, &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "no Type column") {
		t.Errorf("importing a product CSV as translations: %v", err)
	}

	st, err := store.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	tee, err := st.ProductByHandle(ctx, "tee", true)
	if err != nil {
		t.Fatal(err)
	}
	zh := tee.In("zh")
	if zh.Title != "棉质T恤" || zh.OptionNames[0] != "颜色" || zh.Variants[0].Title() != "=红色" || zh.Variants[1].Title() != "Blue" {
		t.Errorf("zh tee = %q %q %q %q", zh.Title, zh.OptionNames, zh.Variants[0].Title(), zh.Variants[1].Title())
	}
}
