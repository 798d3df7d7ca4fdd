package i18n

// enPages is the English text of the information pages (about, shipping,
// terms, privacy): the shop's pages, the footer and checkout links to
// them, and the admin's page that edits them.
var enPages = map[string]string{
	"pages.title.about":    "About us",
	"pages.title.shipping": "Shipping",
	"pages.title.terms":    "Terms of service",
	"pages.title.privacy":  "Privacy policy",
	"pages.footer_label":   "Information",
	"pages.checkout_read":  "Before you order, please read:",

	"pages.error.body_default": "Write the page in the shop's default language too: every other language falls back to it.",

	"admin.nav.pages":               "Pages",
	"admin.pages.title":             "Information pages",
	"admin.pages.intro":             "The pages shoppers read before they pay. A page goes live, in the shop's footer and sitemap, as soon as it has a body; terms and privacy are also linked next to the Place order button. Empty, a page does not exist for shoppers.",
	"admin.pages.purpose.about":     "Who you are: how the shop started, what you sell and why, and how to reach you.",
	"admin.pages.purpose.shipping":  "Where you ship, how long it takes, what it costs, and what happens when a parcel is late or lost.",
	"admin.pages.purpose.terms":     "The rules of a sale: prices and payment, order acceptance and cancellation, returns, liability, and the law that applies.",
	"admin.pages.purpose.privacy":   "What you collect about shoppers (name, address, email, orders), why, who you share it with (payment, delivery), how long you keep it, and how a shopper can see or delete it.",
	"admin.pages.field_title":       "Title",
	"admin.pages.field_body":        "Text",
	"admin.pages.body_hint":         "Plain text: leave an empty line between paragraphs. Clear it to take the page down.",
	"admin.pages.live":              "Live",
	"admin.pages.draft":             "Not written yet, hidden from shoppers",
	"admin.pages.view":              "View page",
	"admin.pages.save":              "Save page",
	"admin.pages.saved":             "Page saved.",
	"admin.audit.action.pages.save": "Changed an information page",
	"admin.audit.entity.info_page":  "Information page",
}
