package i18n

// enSetup is the English text of a new shop's setup: defaults, the setup guide, opening soon and the launch password.
var enSetup = map[string]string{
	// The setup page.
	"setup.optional":                   "(optional)",
	"setup.field.public_url":           "Public address",
	"setup.field.public_url_hint":      "Where shoppers find the shop, such as https://shop.example.com. Links in emails and search results use it. We filled in the address you used to open this page.",
	"setup.field.address":              "Shop address",
	"setup.field.address_hint":         "Where customers can collect orders. Local pickup is offered only once the shop has an address.",
	"setup.payments":                   "Getting paid",
	"setup.payments_intro":             "Cash on delivery is on from the start. Add your bank details to take bank transfers too; you can add card payments (Stripe) later in Settings.",
	"setup.field.bank_details":         "Bank details for bank transfer",
	"setup.field.bank_details_hint":    "Account name, IBAN or account number, bank. Without them bank transfer stays off.",
	"setup.error.public_url":           "Enter the shop’s address only, such as https://shop.example.com (no path).",
	"setup.error.shop_password_short":  "Use at least 4 characters.",
	"setup.error.shop_password_needed": "Choose a password to close the shop with.",

	// The admin home's setup guide.
	"setup.guide.title":    "Get your shop ready",
	"setup.guide.progress": "%d of %d done",
	"setup.guide.done":     "(done)",
	"setup.guide.hide":     "Hide this guide",

	"setup.step.products":        "Add products",
	"setup.step.shipping":        "Check shipping rates and tax",
	"setup.step.payments":        "Choose how you get paid",
	"setup.step.public_url":      "Set the public address and HTTPS",
	"setup.step.test_email":      "Send a test email",
	"setup.step.backup":          "Take the first backup",
	"setup.step_hint.products":   "Add them one by one, or import a Shopify product CSV on the server’s command line:",
	"setup.step_hint.shipping":   "We added standard shipping and local pickup; change the prices or add your own.",
	"setup.step_hint.payments":   "Add your Stripe keys for cards, or your bank details for bank transfer.",
	"setup.step_hint.public_url": "An https:// address, so links in emails work and checkout is safe.",
	"setup.step_hint.test_email": "Check that order confirmations reach your customers.",
	"setup.step_hint.backup":     "Keep a copy of your shop somewhere safe.",

	// The launch section of the settings page.
	"setup.launch.title":           "Public address and access",
	"setup.launch.public_url_hint": "Links in emails, canonical links and the sitemap use it, such as https://shop.example.com.",
	"setup.launch.fixed_url":       "The shop was started with --base-url %s, which is used instead of the address below.",
	"setup.launch.access":          "Before launch",
	"setup.launch.closed":          "Keep the shop closed: visitors need the password (staff who are signed in always see it)",
	"setup.launch.password":        "Shop password",
	"setup.launch.password_hint":   "Share it with the people who may look before launch.",
	"setup.launch.password_kept":   "A password is set. Leave this empty to keep it, or type a new one.",

	// The test email.
	"setup.test_email.title":     "Test email",
	"setup.test_email.intro":     "Send a test email to %s through the shop’s mail server, now.",
	"setup.test_email.send":      "Send a test email",
	"setup.test_email.sent":      "The mail server accepted the test email to %s. Check that it arrived (and is not in spam).",
	"setup.test_email.failed":    "The test email was not sent. The mail server answered:",
	"setup.test_email.no_server": "No mail server is set, so no email can be sent: order emails wait in Emails. Start the shop with --smtp-addr (STOREFRONT_SMTP_ADDR) to send them.",
	"setup.test_email.subject":   "Test email from %s",
	"setup.test_email.heading":   "Email works",
	"setup.test_email.body":      "This test shows that your shop can send email. Order emails link to %s.",
	"setup.test_email.open_shop": "Open the shop",

	// What shoppers see before the shop opens.
	"setup.gate.soon_title":     "Opening soon",
	"setup.gate.soon_text":      "This shop is getting ready. Please come back soon.",
	"setup.gate.closed_title":   "This shop is not open yet",
	"setup.gate.closed_text":    "Enter the password to look around.",
	"setup.gate.password":       "Password",
	"setup.gate.enter":          "Enter",
	"setup.gate.slowed":         "Too many wrong passwords from here. Wait a few minutes, then try again.",
	"setup.gate.wrong_password": "That password is not right.",
	"setup.gate.owner_login":    "Are you the owner? Sign in",

	// Orders with nothing to ship, and orders placed without a mail server.
	"setup.checkout.nothing_to_ship": "Nothing in your order needs shipping, so no address is needed.",
	"setup.order.nothing_to_ship":    "Nothing to ship.",
	"setup.order.placed_no_mail":     "Keep this page’s address: it is your link to the order.",
	"setup.product.col.no_shipping":  "No shipping",
	"setup.product.no_shipping":      "Nothing to ship (a digital item or a service)",
}
