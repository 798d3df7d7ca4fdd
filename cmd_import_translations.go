package main

import (
	"context"
	"fmt"
	"io"
	"slices"

	"storefront/i18n"
	"storefront/store"
)

// importTranslations runs `storefront import translations FILE.csv`: it
// reads a translations CSV (the admin's "Export translations") and applies
// each product's and collection's rows in one transaction. Rows it cannot
// use are listed by line, not fatal; a file that is not a translations CSV
// changes nothing.
func importTranslations(ctx context.Context, st *store.Store, settings store.Settings, f io.ReadSeeker, stdout io.Writer) error {
	file, err := store.OpenTranslationsCSV(f)
	if err != nil {
		return fmt.Errorf("import translations: %w", err)
	}
	def := settings.ContentLocale
	if def == "" {
		def = i18n.Supported[0]
	}
	others := slices.DeleteFunc(slices.Clone(i18n.Supported), func(l string) bool { return l == def })
	res, err := st.ImportTranslations(ctx, store.Actor{}, file, others)
	fmt.Fprintf(stdout, "imported translations: %d products and %d collections updated, %d translations changed; %d skipped rows\n",
		res.Products, res.Collections, res.Changed, len(res.Skipped))
	if len(res.Skipped) > 0 {
		fmt.Fprintln(stdout, "skipped:")
		for _, p := range res.Skipped {
			fmt.Fprintln(stdout, "  "+p.String())
		}
	}
	if err != nil {
		// Every product applied so far is whole; the rest were not touched.
		return fmt.Errorf("import translations interrupted: %w", err)
	}
	return nil
}
