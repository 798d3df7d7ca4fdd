package admin

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"strings"

	"storefront/i18n"
	"storefront/store"
)

// problemForm is the fields a form may refuse, in the order the form shows
// them, each with the label it shows them by: the summary of a refused
// form (formProblems) names each field and lists them as the page does.
// It is the one place besides the template that knows a form's labels;
// TestFormProblemsNameTheirFields refuses the forms and checks each label
// and the order against the page.
type problemForm []problemField

// problemField is one field of a problemForm.
type problemField struct {
	name  string // as in the form's errors; in a row, the column's ("price")
	label func(context.Context) string
	// lang marks a translatable text (langFields): name_<locale> is its
	// text in that language, and each is labelled with its language.
	lang bool
	// row, for a field of a repeated row (a variant's price), tells which
	// error names are its (v3_price) and how the page numbers the row.
	row *problemRow
}

// problemRow is a kind of repeated row: its fields come in the form's order
// row by row, after the fields listed before the row's first.
type problemRow struct {
	// label names field (its column's label) in the row-th row (from 0).
	label func(ctx context.Context, row int, field string) string
	parse func(field string) (row int, name string) // row -1: not one of these rows' fields
}

// field is a field labelled by the catalog key label, its args given.
func field(name, label string, args ...any) problemField {
	return problemField{name: name, label: func(ctx context.Context) string { return i18n.T(ctx, label, args...) }}
}

// langField is a translatable text labelled by label (langFields).
func langField(name, label string, args ...any) problemField {
	f := field(name, label, args...)
	f.lang = true
	return f
}

// rowFields are the fields of row, in the row's order.
func rowFields(row *problemRow, fields ...problemField) []problemField {
	for i := range fields {
		fields[i].row = row
	}
	return fields
}

// moneyField is a field whose label names the shop's currency.
func moneyField(name, label string) problemField {
	return problemField{name: name, label: func(ctx context.Context) string { return i18n.T(ctx, label, i18n.Currency(ctx)) }}
}

// A problem is one item of a refused form's summary.
type problem struct {
	field, label, msg string
	order             [3]int // the form's order: field, row, column
}

// problems lists errs (field → catalog key or message) as form shows their
// fields. A field the form does not list comes last, by its name alone.
func (form problemForm) problems(ctx context.Context, errs map[string]string) []problem {
	out := make([]problem, 0, len(errs))
	for name, msg := range errs {
		p := problem{field: name, msg: i18n.T(ctx, msg), order: [3]int{len(form), 0, 0}}
		if label, order, ok := form.find(ctx, name); ok {
			p.label, p.order = label, order
		}
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b problem) int {
		return cmp.Or(slices.Compare(a.order[:], b.order[:]), strings.Compare(a.field, b.field))
	})
	return out
}

// find is name's label as the page shows it and its place in the form:
// its field's index or, in a row, the index of the row's first field, then
// the row and the column.
func (form problemForm) find(ctx context.Context, name string) (string, [3]int, bool) {
	for i, f := range form {
		switch {
		case f.row != nil:
			if n, col := f.row.parse(name); n >= 0 && col == f.name {
				first := slices.IndexFunc(form, func(g problemField) bool { return g.row == f.row })
				return f.row.label(ctx, n, f.label(ctx)), [3]int{first, n, i}, true
			}
		case name == f.name:
			if def := i18n.Default(ctx); f.lang && def != "" {
				return i18n.T(ctx, "content.field_in", f.label(ctx), i18n.T(ctx, "content.lang."+def)), [3]int{i, 0, i}, true
			}
			return f.label(ctx), [3]int{i, 0, i}, true
		case f.lang:
			if loc, ok := strings.CutPrefix(name, f.name+"_"); ok && i18n.Has("content.lang."+loc) {
				return i18n.T(ctx, "content.field_in", f.label(ctx), i18n.T(ctx, "content.lang."+loc)), [3]int{i, 1, i}, true
			}
		}
	}
	return "", [3]int{}, false
}

// numberedRow parses the fields of rows named prefix + n + "_" + column
// (a variant's "v3_price"); column is "" for rows named prefix + n.
func numberedRow(prefix string) func(string) (int, string) {
	return func(field string) (int, string) {
		rest, ok := strings.CutPrefix(field, prefix)
		if !ok {
			return -1, ""
		}
		num, col, _ := strings.Cut(rest, "_")
		n, err := strconv.Atoi(num)
		if err != nil || n < 0 || strconv.Itoa(n) != num {
			return -1, ""
		}
		return n, col
	}
}

var (
	variantRows = &problemRow{parse: numberedRow("v"), label: func(ctx context.Context, n int, field string) string {
		return i18n.T(ctx, "admin.form.in", i18n.T(ctx, "admin.form.row.variant", n+1), field)
	}}
	ladderRows = &problemRow{parse: numberedRow("ladder_"), label: stepLabel}
	flashRows  = &problemRow{parse: numberedRow("flash_"), label: stepLabel}
	// A line's quantity is qty_<line id>; the page shows the lines in the
	// order of their ids, each by its product, not by a number.
	fulfilRows = &problemRow{parse: numberedRow("qty_"), label: func(_ context.Context, _ int, field string) string { return field }}
)

// stepLabel names a promotion's step by its list (field) and number.
func stepLabel(ctx context.Context, n int, field string) string {
	return i18n.T(ctx, "admin.form.in", field, i18n.T(ctx, "admin.form.row.step", n+1))
}

// within labels f with the part of the form it is in (legend), for a
// label the form shows in several parts ("Instructions").
func within(legend string, f problemField) problemField {
	label := f.label
	f.label = func(ctx context.Context) string { return i18n.T(ctx, "admin.form.in", i18n.T(ctx, legend), label(ctx)) }
	return f
}

// The forms that sum up their problems (formProblems), field by field in
// the order of the page, labelled with the keys the templates use.
var (
	productProblems = slices.Concat(problemForm{
		langField("title", "admin.product.field.title"),
		field("handle", "admin.product.field.handle"),
		langField("description", "admin.product.field.description"),
		field("vendor", "admin.product.field.vendor"),
		field("product_type", "admin.product.field.type"),
		field("status", "admin.products.col.status"),
		field("tags", "admin.product.field.tags"),
		field("collections", "admin.product.field.collections"),
		field("options", "admin.product.options"),
		field("variants", "admin.product.variants"),
	}, rowFields(variantRows,
		field("sku", "admin.col.sku"),
		field("barcode", "admin.product.col.barcode"),
		field("price", "admin.products.col.price"),
		field("compare_at", "admin.product.col.compare_at"),
		field("weight", "admin.product.col.weight"),
		field("stock", "admin.products.col.stock"),
		field("remove", "admin.product.col.remove"),
	), problemForm{
		langField("seo_title", "admin.product.field.seo_title", store.MaxSEOTitleLen),
		langField("seo_description", "admin.product.field.seo_description", store.MaxSEODescriptionLen),
	})

	bulkProblems = problemForm{
		field("product_id", "admin.products.bulk.title"),
		field("percent", "admin.products.bulk.percent"),
	}

	collectionProblems = problemForm{
		langField("title", "admin.collections.field_title"),
		field("handle", "admin.collections.field_handle"),
		langField("description", "admin.collections.field_description"),
		langField("seo_title", "admin.collections.field_seo_title"),
		langField("seo_description", "admin.collections.field_seo_description"),
		field("position", "admin.collections.field_position"),
		field("confirm", "admin.collections.delete"),
	}

	// promotionProblems is the promotion page's forms: archive, the
	// promotion, and (a coupon's) generated codes.
	promotionProblems = slices.Concat(problemForm{
		field("confirm", "admin.promotions.archive"),
		langField("name", "admin.promotions.field.name"),
		field("code", "admin.promotions.field.code"),
		field("type", "admin.promotions.field.type"),
		field("value", "admin.promotions.field.value"),
		field("ladder", "admin.promotions.field.ladder"),
	}, rowFields(ladderRows, field("", "admin.promotions.field.ladder")), problemForm{
		field("flash", "admin.promotions.field.flash"),
	}, rowFields(flashRows, field("", "admin.promotions.field.flash")), problemForm{
		field("buy", "admin.promotions.field.buy"),
		field("get", "admin.promotions.field.get"),
		field("get_percent", "admin.promotions.field.get_percent"),
		field("gift_variant", "admin.promotions.field.gift_variant"),
		field("bundle_price", "admin.promotions.field.bundle_price"),
		field("products", "admin.promotions.field.products"),
		field("exclude_products", "admin.promotions.field.exclude_products"),
		field("collections", "admin.promotions.field.collections"),
		field("exclude_collections", "admin.promotions.field.exclude_collections"),
		field("tags", "admin.promotions.field.tags"),
		field("exclude_tags", "admin.promotions.field.exclude_tags"),
		field("variants", "admin.promotions.field.variants"),
		field("min_subtotal", "admin.promotions.field.min_subtotal"),
		field("min_quantity", "admin.promotions.field.min_quantity"),
		field("starts", "admin.promotions.field.starts"),
		field("ends", "admin.promotions.field.ends"),
		field("usage_limit", "admin.promotions.field.usage_limit"),
		field("per_customer_limit", "admin.promotions.field.per_customer_limit"),
		field("tier", "admin.promotions.field.tier"),
		field("count", "admin.promotions.field.count"),
		field("prefix", "admin.promotions.field.prefix"),
	})

	orderProblems = slices.Concat(problemForm{
		field("lines", "admin.order.fulfil"),
	}, rowFields(fulfilRows, field("", "admin.order.fulfil")), problemForm{
		field("carrier", "admin.order.carrier"),
		field("tracking_number", "admin.order.tracking"),
		field("note", "admin.order.note"),
		field("confirm", "admin.order.cancel"),
	})

	returnProblems = problemForm{
		field("exchange", "admin.return.approve"),
		field("instructions", "admin.return.instructions"),
		field("reject_reason", "admin.return.reject_reason"),
		field("refund_method", "admin.return.refund_method"),
		field("refund_reference", "admin.return.refund_reference"),
	}

	customerProblems = problemForm{
		field("name", "admin.customer.profile_name"),
		field("birthday", "admin.customer.birthday"),
		field("notes", "admin.customer.notes"),
		field("tags", "admin.customer.tags_field"),
		field("points", "admin.customer.adjust_points"),
		field("reason", "admin.customer.adjust_reason"),
	}

	stockProblems = problemForm{
		field("delta", "admin.stock.delta"),
		field("set_to", "admin.stock.set_to"),
		field("reason", "admin.stock.reason"),
		field("note", "admin.stock.note"),
		field("threshold", "admin.stock.threshold_field"),
	}

	// settingsProblems is every settings section's fields: a refused save
	// has only its own section's.
	settingsProblems = problemForm{
		langField("store_name", "admin.field.store_name"),
		langField("store_description", "admin.settings.description"),
		field("contact_email", "admin.settings.contact_email"),
		field("phone", "admin.settings.phone"),
		field("address", "admin.settings.address"),
		field("currency", "admin.field.currency"),
		field("locale", "admin.field.locale"),
		field("country", "chrome.field.country"),
		field("time_zone", "chrome.field.time_zone"),
		field("theme", "admin.settings.theme_pick"),
		field("brand_color", "admin.settings.brand_color"),
		field("logo", "admin.settings.logo_upload"),
		field("hero_image", "chrome.hero_image"),
		langField("hero_cta_label", "chrome.hero_cta_label"),
		field("hero_cta_url", "chrome.hero_cta_url"),
		field("tax_rate", "admin.settings.tax_rate"),
		langField("name", "admin.settings.shipping_name"),
		field("kind", "admin.settings.shipping_kind"),
		moneyField("price", "admin.settings.shipping_price"),
		moneyField("threshold", "admin.settings.shipping_threshold"),
		moneyField("base", "admin.settings.shipping_base"),
		moneyField("rate_per_kg", "admin.settings.shipping_rate"),
		field("countries", "admin.settings.shipping_countries"),
		field("confirm", "admin.settings.delete"),
		field("stripe_publishable_key", "admin.settings.stripe_pk"),
		field("stripe_secret_key", "admin.settings.stripe_sk"),
		field("stripe_webhook_secret", "admin.settings.stripe_whsec"),
		field("stripe_expiry_minutes", "admin.settings.stripe_expiry"),
		within("admin.settings.bank_transfer", langField("bank_transfer_instructions", "admin.settings.instructions")),
		field("bank_transfer_expiry_hours", "admin.settings.bank_expiry"),
		within("admin.settings.cod", langField("cod_instructions", "admin.settings.instructions")),
		field("public_url", "setup.field.public_url"),
		field("shop_password", "setup.launch.password"),
	}

	backupScheduleProblems = problemForm{
		field("hour", "backup.hour"),
		field("keep", "backup.keep"),
	}

	setupProblems = problemForm{
		field("store_name", "admin.field.store_name"),
		field("currency", "admin.field.currency"),
		field("locale", "admin.field.locale"),
		field("public_url", "setup.field.public_url"),
		field("address", "setup.field.address"),
		field("bank_transfer_instructions", "setup.field.bank_details"),
		field("name", "admin.field.name"),
		field("email", "admin.field.email"),
		field("password", "admin.field.password"),
	}

	inviteProblems = problemForm{
		field("email", "admin.field.email"),
		field("name", "admin.field.name"),
		field("password", "admin.field.new_password"),
	}

	staffProblems = problemForm{
		field("email", "admin.field.email"),
		field("role", "admin.staff.col.role"),
		field("disabled", "admin.staff.access"),
		field("reset", "admin.staff.reset"),
	}
)
