package mail

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"golang.org/x/text/width"

	"storefront/i18n"
	"storefront/store"
	"storefront/views"
)

// Message is an order email ready to send or to preview.
type Message struct {
	Subject   string
	HTML      string
	Text      string
	StoreName string // the From name
	ReplyTo   string // the store's contact email, where replies should go
}

// ErrStale means what the email tells of no longer exists (its order or
// parcel, or a one-time link withdrawn, replaced or used), so it can never
// be written: the sender gives up on it at once.
var ErrStale = errors.New("what it tells of no longer exists")

// Render writes outbox row e from its order as the order stands now,
// so that a confirmation sent after the payment arrived does not ask for
// it again.
func (s *Sender) Render(ctx context.Context, e store.Email) (Message, error) {
	if store.IsAccountEmail(e.Kind) {
		return s.renderAccountEmail(ctx, e)
	}
	if store.IsStaffEmail(e.Kind) {
		return s.renderStaffEmail(ctx, e)
	}
	o, err := s.store.OrderByID(ctx, e.OrderID)
	if errors.Is(err, store.ErrNotFound) {
		return Message{}, ErrStale
	}
	if err != nil {
		return Message{}, err
	}
	settings, err := s.store.Settings(ctx)
	if err != nil {
		return Message{}, err
	}
	// What was cancelled before shipping changes what the payment's email
	// says was paid, and what a pickup's shopper brings to the counter.
	var returns []store.ReturnRequest
	if e.Kind == store.EmailPaymentReceived && o.FulfillmentStatus != store.FulfillmentNone ||
		e.Kind == store.EmailShipped && o.ShippingKind == store.ShippingPickup && !o.Paid() {
		if returns, err = s.store.OrderReturns(ctx, o.ID); err != nil {
			return Message{}, err
		}
	}
	if store.IsReturnEmail(e.Kind) {
		ret, err := s.store.OrderReturn(ctx, o.ID, e.RefID)
		if errors.Is(err, store.ErrNotFound) {
			return Message{}, ErrStale
		}
		if err != nil {
			return Message{}, err
		}
		return s.composeReturnEmail(ctx, e, o, ret, settings, s.linkBase(settings))
	}
	return composeEmail(ctx, e, o, returns, settings, s.linkBase(settings))
}

// shopperContext is ctx reading locale with currency, knowing the shop's
// default language, so that an email's links go to the pages in the
// shopper's language (/zh-cn/… for one who bought in Chinese).
func shopperContext(ctx context.Context, locale, currency string, settings store.Settings) context.Context {
	return i18n.WithDefault(i18n.WithLocale(ctx, locale, currency), settings.Locale)
}

// composeEmail writes e for order o in the locale the shopper checked out
// in, with the order's currency. returns are o's returns where the email
// needs them: the payment's of a shipped order, a pickup's when unpaid.
func composeEmail(ctx context.Context, e store.Email, o *store.Order, returns []store.ReturnRequest, settings store.Settings,
	baseURL string) (Message, error) {
	ctx = shopperContext(ctx, cmp.Or(e.Locale, o.Locale), o.Currency, settings)
	settings = settings.In(i18n.Locale(ctx)) // the shop's name and instructions in that language too
	d := views.Email{
		Lang:      i18n.HTMLLang(ctx),
		StoreName: settings.StoreName,
		Intro:     []string{i18n.T(ctx, "email.greeting", o.Name)},
		Action:    views.EmailLink{Label: i18n.T(ctx, "email.view_order"), URL: baseURL + string(views.Link(ctx, views.OrderURL(o)))},
		Footer:    emailFooter(ctx, settings, "email.footer"),
		LabelSep:  i18n.T(ctx, "email.label_sep"),
	}
	// A confirmation, payment or ready email still waiting (the mail
	// server down) when the order was cancelled would tell the shopper it
	// goes ahead: "Your payment has been received. We will let you know
	// when your order ships", or, of a pickup cancelled as a no-show,
	// come and collect it. The cancellation's own email tells what stands.
	// Nothing that left the shop is cancelled, so no shipped email of a
	// parcel on its way is lost.
	if o.Cancelled() && (e.Kind == store.EmailOrderConfirmation || e.Kind == store.EmailPaymentReceived || e.Kind == store.EmailShipped) {
		return Message{}, ErrStale
	}
	switch e.Kind {
	case store.EmailOrderConfirmation:
		confirmationEmail(ctx, &d, o, settings)
	case store.EmailPaymentReceived:
		paymentEmail(ctx, &d, o, store.Uncollected(returns))
	case store.EmailShipped:
		if err := shippedEmail(ctx, &d, o, e.RefID, returns, settings); err != nil {
			return Message{}, err
		}
	case store.EmailCancelled:
		cancelledEmail(ctx, &d, o)
	default:
		return Message{}, fmt.Errorf("email %d: unknown kind %q", e.ID, e.Kind)
	}
	return finish(ctx, e.ID, d, settings)
}

// paymentEmail thanks the shopper for the money: of an order paid when it
// had shipped (cash on delivery, or sent on trust) it promises no
// shipping news, and items the shop cancelled before shipping were not
// charged, which its totals say.
func paymentEmail(ctx context.Context, d *views.Email, o *store.Order, uncollected int64) {
	d.Subject, d.Heading = i18n.T(ctx, "email.payment.subject", o.Number), i18n.T(ctx, "email.payment.heading")
	paid := i18n.Money(ctx, o.Total-uncollected)
	if o.FulfillmentStatus == store.FulfillmentNone {
		d.Intro = append(d.Intro, i18n.T(ctx, views.PickupText(o, "email.payment.intro"), paid, o.Number))
	} else {
		d.Intro = append(d.Intro, i18n.T(ctx, "email.payment.intro_shipped", paid, o.Number))
	}
	d.Items = emailItems(ctx, o)
	if uncollected > 0 {
		d.Items.Totals = append(d.Items.Totals,
			views.EmailRow{Label: i18n.T(ctx, "email.payment.not_charged"), Value: i18n.Money(ctx, -uncollected)},
			views.EmailRow{Label: i18n.T(ctx, "email.payment.paid"), Value: paid})
	}
}

// confirmationEmail tells what was ordered and, while it is unpaid, how to pay.
func confirmationEmail(ctx context.Context, d *views.Email, o *store.Order, settings store.Settings) {
	d.Subject, d.Heading = i18n.T(ctx, "email.confirmation.subject", o.Number), i18n.T(ctx, "email.confirmation.heading")
	d.Intro = append(d.Intro, i18n.T(ctx, "email.confirmation.intro", o.Number))
	if o.Paid() {
		d.Intro = append(d.Intro, i18n.T(ctx, views.PickupText(o, "email.confirmation.paid")))
	} else if o.AwaitingPayment() {
		d.Sections = append(d.Sections, paymentSection(ctx, o, settings))
	}
	d.Items = emailItems(ctx, o)
	d.Details = append(d.Details, views.EmailSection{
		Title: i18n.T(ctx, "email.order_details"),
		Rows: []views.EmailRow{
			{Label: i18n.T(ctx, "email.order_number"), Value: o.Number},
			{Label: i18n.T(ctx, "email.ordered_on"), Value: o.CreatedAt.In(settings.Location()).Format(i18n.T(ctx, "email.date_format"))},
		},
	})
	d.Details = append(d.Details, shipTo(ctx, o, settings)...)
	if o.Note != "" {
		d.Details = append(d.Details, views.EmailSection{Title: i18n.T(ctx, "email.note"), Text: textLines(o.Note)})
	}
}

// paymentSection is how to pay an unpaid order, with the owner's own
// instructions from the payment settings.
func paymentSection(ctx context.Context, o *store.Order, settings store.Settings) views.EmailSection {
	s := views.EmailSection{Title: i18n.T(ctx, "email.confirmation.pay_title")}
	total := i18n.Money(ctx, o.Total)
	switch o.PaymentMethod {
	case store.PayBankTransfer:
		bank := views.PickupText(o, "email.confirmation.pay_bank")
		s.Text = append([]string{i18n.T(ctx, bank, total, o.Number)}, textLines(settings.BankTransferInstructions)...)
	case store.PayCOD:
		// The owner's instructions are for a delivery: an order collected
		// from the shop has no courier to pay. The delivery's sentence
		// names no means of payment, which the instructions say.
		if o.ShippingKind == store.ShippingPickup {
			s.Text = []string{i18n.T(ctx, "order.cod_generic_pickup", total)}
		} else {
			s.Text = append([]string{i18n.T(ctx, "email.confirmation.pay_cod", total)}, textLines(settings.CODInstructions)...)
		}
	default:
		s.Text = []string{i18n.T(ctx, "email.confirmation.pay_card", total)}
	}
	if by := o.PayBy(); !by.IsZero() && o.PaymentMethod != store.PayStripe {
		s.Text = append(s.Text, i18n.T(ctx, "email.confirmation.pay_by", i18n.FormatTime(i18n.Locale(ctx), by.In(settings.Location()), i18n.T(ctx, "email.datetime_format"))))
	}
	return s
}

// shippedEmail tells of one parcel: its carrier, tracking number and what
// is in it. A pickup's parcel is what staff set aside: it is ready to
// collect (readyEmail).
func shippedEmail(ctx context.Context, d *views.Email, o *store.Order, fulfillmentID int64, returns []store.ReturnRequest,
	settings store.Settings) error {
	var parcel *store.Fulfillment
	for i := range o.Fulfillments {
		if o.Fulfillments[i].ID == fulfillmentID {
			parcel = &o.Fulfillments[i]
		}
	}
	if parcel == nil {
		return ErrStale
	}
	if o.ShippingKind == store.ShippingPickup {
		readyEmail(ctx, d, o, parcel, returns, settings)
		return nil
	}
	d.Subject, d.Heading = i18n.T(ctx, "email.shipped.subject", o.Number), i18n.T(ctx, "email.shipped.heading")
	d.Intro = append(d.Intro, i18n.T(ctx, "email.shipped.intro", o.Number))
	s := views.EmailSection{Title: i18n.T(ctx, "email.shipped.parcel")}
	if parcel.Carrier != "" {
		s.Rows = append(s.Rows, views.EmailRow{Label: i18n.T(ctx, "email.shipped.carrier"), Value: parcel.Carrier})
	}
	if parcel.TrackingNumber != "" {
		s.Rows = append(s.Rows, views.EmailRow{Label: i18n.T(ctx, "email.shipped.tracking"), Value: parcel.TrackingNumber})
	}
	if o.FulfillmentStatus != store.FulfillmentDone && !o.Cancelled() {
		s.Text = []string{i18n.T(ctx, "email.shipped.remaining")}
	}
	d.Sections = append(d.Sections, s)
	d.Items = parcelItems(ctx, o, parcel, "email.shipped.items")
	d.Details = append(d.Details, shipTo(ctx, o, settings)...)
	return nil
}

// readyEmail tells a pickup's shopper that what staff set aside can be
// collected: where (the shop's address, first, where a parcel's tracking
// would be), what, and what to pay at the counter while it is unpaid.
func readyEmail(ctx context.Context, d *views.Email, o *store.Order, parcel *store.Fulfillment, returns []store.ReturnRequest,
	settings store.Settings) {
	d.Subject, d.Heading = i18n.T(ctx, "email.ready.subject", o.Number), i18n.T(ctx, "email.ready.heading")
	d.Intro = append(d.Intro, i18n.T(ctx, "email.ready.intro", o.Number))
	if o.FulfillmentStatus != store.FulfillmentDone && !o.Cancelled() {
		d.Intro = append(d.Intro, i18n.T(ctx, "email.ready.remaining"))
	}
	if o.AwaitingPayment() {
		d.Intro = append(d.Intro, i18n.T(ctx, "email.ready.pay", i18n.Money(ctx, views.AmountDue(o, returns))))
	}
	where := addressSection(ctx, o, settings)
	if settings.Phone != "" {
		where.Lines = append(where.Lines, i18n.T(ctx, "email.phone", settings.Phone))
	}
	d.Sections = append(append(d.Sections, where), pickupHours(ctx, o, settings)...)
	d.Items = parcelItems(ctx, o, parcel, "email.ready.items")
}

// parcelItems lists what is in the parcel under the heading titleKey.
func parcelItems(ctx context.Context, o *store.Order, parcel *store.Fulfillment, titleKey string) views.EmailItems {
	it := views.EmailItems{Title: i18n.T(ctx, titleKey)}
	for _, fl := range parcel.Lines {
		for _, l := range o.Lines {
			if l.ID == fl.OrderLineID {
				it.Lines = append(it.Lines, views.EmailRow{Label: itemLabel(ctx, fl.Quantity, l)})
			}
		}
	}
	return it
}

// cancelledEmail says why the order was cancelled.
func cancelledEmail(ctx context.Context, d *views.Email, o *store.Order) {
	d.Subject, d.Heading = i18n.T(ctx, "email.cancelled.subject", o.Number), i18n.T(ctx, "email.cancelled.heading")
	d.Intro = append(d.Intro, i18n.T(ctx, "email.cancelled.intro", o.Number))
	reason := "email.cancelled.reason." + o.CancelReason
	if !i18n.Has(reason) {
		reason = "email.cancelled.reason." + store.CancelStaff
	}
	d.Intro = append(d.Intro, i18n.T(ctx, reason))
	if o.Paid() {
		d.Intro = append(d.Intro, i18n.T(ctx, "email.cancelled.refund"))
	}
	d.Intro = append(d.Intro, i18n.T(ctx, "email.cancelled.again"))
	d.Items = emailItems(ctx, o)
}

// emailItems lists the order's lines at their price with the totals as
// charged.
func emailItems(ctx context.Context, o *store.Order) views.EmailItems {
	it := views.EmailItems{Title: i18n.T(ctx, "email.items")}
	for _, l := range o.Lines {
		it.Lines = append(it.Lines, views.EmailRow{Label: itemLabel(ctx, l.Quantity, l), Value: i18n.Money(ctx, l.Gross)})
	}
	row := func(label string, amount int64) {
		it.Totals = append(it.Totals, views.EmailRow{Label: label, Value: i18n.Money(ctx, amount)})
	}
	row(i18n.T(ctx, "email.subtotal"), o.Subtotal)
	for _, dc := range o.MoneyOff() {
		label, value := views.OrderDiscountRow(ctx, dc, func(n int64) string { return i18n.Money(ctx, n) })
		it.Totals = append(it.Totals, views.EmailRow{Label: label, Value: value})
	}
	if len(o.Discounts) == 0 && o.Discount > 0 {
		row(i18n.T(ctx, "email.discount"), -o.Discount)
	}
	row(i18n.T(ctx, "email.shipping", o.ShippingMethod), o.Shipping)
	switch {
	case o.Tax > 0 && o.PricesIncludeTax:
		row(i18n.T(ctx, "email.tax_included"), o.Tax)
	case o.Tax > 0:
		row(i18n.T(ctx, "email.tax"), o.Tax)
	}
	row(i18n.T(ctx, "email.total"), o.Total)
	return it
}

func itemLabel(ctx context.Context, qty int64, l store.OrderLine) string {
	name := views.ItemName(ctx, l.ProductTitle, l.VariantTitle)
	if l.GiftPromotionID != 0 {
		name = i18n.T(ctx, "promo.gift_from", name)
	}
	return i18n.T(ctx, "email.item_qty", qty, name)
}

// shipTo is where the order goes, as details: none for an order with
// nothing to ship (a download, a service), which has no address.
func shipTo(ctx context.Context, o *store.Order, settings store.Settings) []views.EmailSection {
	if o.ShippingKind == store.ShippingNone {
		return nil
	}
	return append([]views.EmailSection{addressSection(ctx, o, settings)}, pickupHours(ctx, o, settings)...)
}

// pickupHours is when a pickup can be collected, a section under where;
// none for a delivery, or when the shop gave no hours.
func pickupHours(ctx context.Context, o *store.Order, settings store.Settings) []views.EmailSection {
	hours := views.PickupPlaceIn(settings, i18n.Locale(ctx)).HoursLines()
	if o.ShippingKind != store.ShippingPickup || len(hours) == 0 {
		return nil
	}
	return []views.EmailSection{{Title: i18n.T(ctx, "order.pickup_hours"), Lines: hours}}
}

// addressSection is where the order goes; for a pickup, the shop's
// address when settings carry it, or else to ask the shop.
func addressSection(ctx context.Context, o *store.Order, settings store.Settings) views.EmailSection {
	s := views.EmailSection{Title: i18n.T(ctx, "email.ship_to")}
	if o.ShippingKind == store.ShippingPickup {
		s.Title = i18n.T(ctx, "email.collect_at")
		s.Text = []string{i18n.T(ctx, "email.pickup")}
		address := views.PickupPlaceIn(settings, i18n.Locale(ctx)).AddressLines()
		if len(address) == 0 {
			// The owner cleared the address after the order was placed.
			s.Text = []string{i18n.T(ctx, "order.pickup_contact")}
		}
		s.Lines = append([]string{o.Name}, address...)
		return s
	}
	s.Lines = views.AddressLines(ctx, o.Address)
	if o.Phone != "" {
		s.Lines = append(s.Lines, i18n.T(ctx, "email.phone", o.Phone))
	}
	return s
}

// emailFooter is how to reach the shop, and why the email came: why, a
// catalog key, is "email.footer" (an order was placed) or
// "email.footer_account" (the address has an account).
func emailFooter(ctx context.Context, settings store.Settings, why string) []string {
	var f []string
	switch {
	case settings.ContactEmail != "" && settings.Phone != "":
		f = append(f, i18n.T(ctx, "email.contact_phone", settings.ContactEmail, settings.Phone))
	case settings.ContactEmail != "":
		f = append(f, i18n.T(ctx, "email.contact", settings.ContactEmail))
	}
	if addr := textLines(settings.Address); len(addr) > 0 {
		f = append(f, strings.Join(addr, ", "))
	}
	return append(f, i18n.T(ctx, why, settings.StoreName))
}

// finish renders d, the content of email id (0 for the test email), into
// the message to send.
func finish(ctx context.Context, id int64, d views.Email, settings store.Settings) (Message, error) {
	var html strings.Builder
	if err := views.EmailHTML(d).Render(ctx, &html); err != nil {
		return Message{}, fmt.Errorf("render email %d: %w", id, err)
	}
	return Message{Subject: d.Subject, HTML: html.String(), Text: emailText(d),
		StoreName: settings.StoreName, ReplyTo: settings.ContactEmail}, nil
}

// emailText is the plain-text part: the same content as the HTML part,
// laid out for a fixed-width screen.
func emailText(d views.Email) string {
	var b strings.Builder
	heading := func(title string, rule rune) {
		fmt.Fprintf(&b, "\n%s\n%s\n", title, strings.Repeat(string(rule), displayWidth(title)))
	}
	sections := func(list []views.EmailSection) {
		for _, s := range list {
			heading(s.Title, '-')
			for _, r := range s.Rows {
				b.WriteString(r.Label + d.LabelSep + r.Value + "\n")
			}
			for _, t := range slices.Concat(s.Text, s.Lines) {
				b.WriteString(t + "\n")
			}
		}
	}
	b.WriteString(d.StoreName + "\n")
	heading(d.Heading, '=')
	for _, p := range d.Intro {
		b.WriteString("\n" + p + "\n")
	}
	sections(d.Sections)
	if len(d.Items.Lines) > 0 {
		heading(d.Items.Title, '-')
		for _, l := range d.Items.Lines {
			b.WriteString(strings.TrimSpace(l.Label+"    "+l.Value) + "\n")
		}
		if len(d.Items.Totals) > 0 {
			b.WriteString("\n")
		}
		for _, t := range d.Items.Totals {
			b.WriteString(t.Label + d.LabelSep + t.Value + "\n")
		}
	}
	sections(d.Details)
	if d.Action.URL != "" {
		b.WriteString("\n" + d.Action.Label + d.LabelSep + d.Action.URL + "\n")
	}
	b.WriteString("\n-- \n")
	for _, f := range d.Footer {
		b.WriteString(f + "\n")
	}
	return b.String()
}

// displayWidth counts columns on a fixed-width screen, where a Chinese
// character takes two, so that a heading's underline matches it.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}

// textLines splits text typed in a textarea into its non-blank lines.
func textLines(text string) []string {
	return nonBlank(strings.Split(text, "\n")...)
}

func nonBlank(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}
