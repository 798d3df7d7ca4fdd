package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Shipping method kinds.
const (
	ShippingFlat     = "flat"      // one price
	ShippingFreeOver = "free_over" // a price, free from a merchandise subtotal on
	ShippingByWeight = "by_weight" // a base plus a rate per kilogram, charged per gram
	ShippingPickup   = "pickup"    // collected from the shop, free
	// ShippingNone is an order's kind when nothing in it needs shipping
	// (digital items, services); no method has it.
	ShippingNone = "none"
)

// ShippingKinds lists the kinds in the order the admin offers them.
var ShippingKinds = []string{ShippingFlat, ShippingFreeOver, ShippingByWeight, ShippingPickup}

// Audited shipping changes; the other actions are in audit.go.
const (
	ActionShippingCreate = "shipping.create"
	ActionShippingUpdate = "shipping.update"
	ActionShippingDelete = "shipping.delete"
	ActionShippingMove   = "shipping.move"
	EntityShippingMethod = "shipping_method"
)

// ShippingMethod is one way to get an order to the shopper. Amounts are
// minor units of the store's currency; only those of its Kind matter.
type ShippingMethod struct {
	ID        int64
	Name      Text // in every language the shop offers
	Kind      string
	Price     int64 // flat, free_over
	Threshold int64 // free_over: the subtotal from which shipping is free
	RatePerKg int64 // by_weight
	Base      int64 // by_weight: charged whatever the weight
	Active    bool
	Position  int
	Version   int64
	// Countries are the codes (of Countries) the method delivers to, in
	// that list's order; none means every country. Local pickup has none.
	Countries []string
	// COD says its carrier collects cash on delivery (for local pickup:
	// the shop takes cash at collection). A courier may, the post not.
	COD bool
}

// Serves reports whether m delivers to country: local pickup and a method
// with no list go anywhere, and an address not yet given ("") is no
// reason to leave a method out.
func (m ShippingMethod) Serves(country string) bool {
	return country == "" || len(m.Countries) == 0 || m.Kind == ShippingPickup || slices.Contains(m.Countries, country)
}

// Delivers reports whether m takes an order to country: Serves, but local
// pickup delivers nowhere, however it goes with any address.
func (m ShippingMethod) Delivers(country string) bool {
	return m.Kind != ShippingPickup && m.Serves(country)
}

// Takes reports whether an order shipped by m can be paid by payment:
// cash on delivery only where m's carrier collects it (or the shop, for
// local pickup). Whether the shop takes payment at all is PaymentMethodsOn.
func (m ShippingMethod) Takes(payment string) bool {
	return payment != PayCOD || m.COD
}

// PaymentsFor is which of on (PaymentMethodsOn) the checkout offers with
// methods to choose from: cash on delivery only if one of them takes it.
// No methods (nothing to ship) leaves on as it is.
func PaymentsFor(on []string, methods []ShippingMethod) []string {
	if len(methods) == 0 || slices.ContainsFunc(methods, func(m ShippingMethod) bool { return m.COD }) {
		return on
	}
	return slices.DeleteFunc(slices.Clone(on), func(p string) bool { return p == PayCOD })
}

// paymentProblem adds to v why m cannot take payment, naming m in
// locale (its name in v's Args), as the shopper chose it.
func paymentProblem(v *ValidationError, m ShippingMethod, payment, locale string) {
	if m.Takes(payment) {
		return
	}
	v.Add("payment_method", "checkout.error.cod_method")
	v.AddArgs("payment_method", m.Name.In(locale))
}

// shippingCountryProblem adds to v why m cannot ship to country, the
// catalog key naming the country (its code in v's Args): m does not go
// there, or nothing the shop offers (methods) does, which the shopper had
// better hear than to try each in turn.
func shippingCountryProblem(v *ValidationError, st Settings, methods []ShippingMethod, m ShippingMethod, country string) {
	if m.Serves(country) {
		return
	}
	msg := "checkout.error.shipping_country"
	if !slices.ContainsFunc(methods, func(o ShippingMethod) bool { return st.Offers(o) && o.Delivers(country) }) {
		msg = "checkout.error.no_shipping_country"
	}
	v.Add("shipping_method", msg)
	v.AddArgs("shipping_method", country)
}

// Quote is what m charges for an order whose merchandise subtotal (after
// discounts) and total weight are given, and whether m can ship it at all
// (not when inactive, or for a negative subtotal or weight).
//
// free_over is free when the subtotal reaches the threshold (at or above).
// by_weight charges base + rate × grams / 1000, rounded up to the minor
// unit, so a 1 g parcel at 10.00/kg costs 0.01 more than the base.
func (m ShippingMethod) Quote(subtotal, weightGrams int64) (int64, bool) {
	if !m.Active || subtotal < 0 || weightGrams < 0 {
		return 0, false
	}
	switch m.Kind {
	case ShippingFlat:
		return m.Price, true
	case ShippingFreeOver:
		if subtotal >= m.Threshold {
			return 0, true
		}
		return m.Price, true
	case ShippingByWeight:
		// 128-bit arithmetic: a heavy order at a high rate must not wrap around.
		hi, lo := bits.Mul64(uint64(weightGrams), uint64(m.RatePerKg))
		lo, carry := bits.Add64(lo, 999, 0)
		hi += carry
		if hi >= 1000 {
			return 0, false
		}
		perGram, _ := bits.Div64(hi, lo, 1000)
		if perGram > uint64(math.MaxInt64-m.Base) {
			return 0, false
		}
		return m.Base + int64(perGram), true
	case ShippingPickup:
		return 0, true
	}
	return 0, false
}

// FreeShippingGap is how much more merchandise (after discounts) an order
// of subtotal needs before m ships it free: 0 unless m is free over a
// threshold the order has not reached. Checkout shows it beside the price,
// so that a "free over 299.00" method priced for a 288.00 cart says
// "add 11.00 more" instead of seeming to contradict itself.
func (m ShippingMethod) FreeShippingGap(subtotal int64) int64 {
	if m.Kind != ShippingFreeOver || subtotal >= m.Threshold {
		return 0
	}
	return m.Threshold - max(subtotal, 0)
}

// FreeShippingGap is the gap of c's method for c's merchandise before
// points, the subtotal that priceCart quotes shipping for; 0 when c ships
// free already (a free-shipping promotion), which no more merchandise
// could improve.
func (c Checkout) FreeShippingGap() int64 {
	if c.Method == nil || c.Pricing.Shipping == 0 {
		return 0
	}
	return c.Method.FreeShippingGap(c.Pricing.Merchandise() + PointsPaid(c.Pricing))
}

// Offers reports whether the shop can offer m at checkout: local pickup
// only once the shop has an address to collect from.
func (st Settings) Offers(m ShippingMethod) bool {
	return m.Kind != ShippingPickup || strings.TrimSpace(st.Address) != ""
}

// ShippingMethodInput is a shipping method as the admin form gives it.
type ShippingMethodInput struct {
	Name      Text // its translations replace the stored ones
	Kind      string
	Price     int64
	Threshold int64
	RatePerKg int64
	Base      int64
	Active    bool
	Countries []string // codes of Countries; none for every country
	// NoCOD says the method's carrier collects no cash on delivery. It is
	// a "no" so that an input that does not say keeps cash on delivery, as
	// every method did before there was a choice.
	NoCOD bool
	// CreateToken is the new form's one-time token (NewCreateToken):
	// CreateShippingMethod adds one method per token.
	CreateToken string
}

// maxShippingAmount bounds every amount: a trillion major units is no
// shipping price, and the bound keeps Quote's sums far from overflow.
const maxShippingAmount = 1e14

// Validate checks the input, tidies the name and zeroes the amounts the
// kind does not use, so a method never carries a stale price.
func (in *ShippingMethodInput) Validate() error {
	v := &ValidationError{}
	in.Name.Default = TrimText(in.Name.Default)
	if in.Name.Default == "" {
		v.Add("name", "error.required")
	} else if utf8.RuneCountInString(in.Name.Default) > maxNameLen {
		v.Add("name", "error.too_long")
	}
	for locale, name := range in.Name.Tr {
		if checkLocale(locale) != "" {
			v.Add("name_"+locale, "error.locale")
			continue
		}
		if in.Name = in.Name.With(locale, name); utf8.RuneCountInString(in.Name.Tr[locale]) > maxNameLen {
			v.Add("name_"+locale, "error.too_long")
		}
	}
	if !slices.Contains(ShippingKinds, in.Kind) {
		v.Add("kind", "error.shipping_kind")
	}
	for field, amount := range map[string]int64{"price": in.Price, "threshold": in.Threshold, "rate_per_kg": in.RatePerKg, "base": in.Base} {
		if amount < 0 {
			v.Add(field, "error.negative")
		} else if amount > maxShippingAmount {
			v.Add(field, "error.shipping_too_large")
		}
	}
	switch in.Kind {
	case ShippingFlat:
		in.Threshold, in.RatePerKg, in.Base = 0, 0, 0
	case ShippingFreeOver:
		if in.Threshold <= 0 {
			v.Add("threshold", "error.shipping_threshold")
		}
		in.RatePerKg, in.Base = 0, 0
	case ShippingByWeight:
		if in.RatePerKg <= 0 {
			v.Add("rate_per_kg", "error.shipping_rate")
		}
		in.Price, in.Threshold = 0, 0
	case ShippingPickup:
		in.Price, in.Threshold, in.RatePerKg, in.Base = 0, 0, 0, 0
		in.Countries = nil // collected from the shop, whatever the address
	}
	for _, c := range in.Countries {
		if !IsCountry(c) {
			v.Add("countries", "checkout.error.country")
		}
	}
	// In the list's order, each once, so that an unchanged form saves the
	// same method.
	in.Countries = slices.DeleteFunc(slices.Clone(Countries), func(c string) bool { return !slices.Contains(in.Countries, c) })
	if len(in.Countries) == 0 {
		in.Countries = nil
	}
	return v.Err()
}

const shippingColumns = `id, name, kind, price, threshold, rate_per_kg, base, active, position, version, countries, cod`

func scanShippingMethod(row rowScanner) (*ShippingMethod, error) {
	var m ShippingMethod
	var countries string
	err := row.Scan(&m.ID, &m.Name.Default, &m.Kind, &m.Price, &m.Threshold, &m.RatePerKg, &m.Base, &m.Active, &m.Position, &m.Version, &countries, &m.COD)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	m.Countries = strings.Fields(countries)
	return &m, nil
}

// ShippingMethods lists every method in the owner's order.
func (s *Store) ShippingMethods(ctx context.Context) ([]ShippingMethod, error) {
	return s.shippingMethods(ctx, `SELECT `+shippingColumns+` FROM shipping_methods ORDER BY position, id`)
}

// ActiveShippingMethods lists the methods the checkout offers, in order.
// They are read once until a method is written (bumpCatalog): every
// checkout page read them, and each caller gets its own copy of the list.
func (s *Store) ActiveShippingMethods(ctx context.Context) ([]ShippingMethod, error) {
	ms, err := memoizedShelves(s, "shipping-active", func() ([]ShippingMethod, error) {
		return s.shippingMethods(ctx, `SELECT `+shippingColumns+` FROM shipping_methods WHERE active = 1 ORDER BY position, id`)
	})
	return slices.Clone(ms), err
}

func (s *Store) shippingMethods(ctx context.Context, query string) ([]ShippingMethod, error) {
	out, err := queryShippingMethods(ctx, s.query, query)
	if err != nil {
		return nil, fmt.Errorf("shipping methods: %w", err)
	}
	return out, nil
}

// queryShippingMethods runs a query of shippingColumns and gives each
// method its name's translations.
func queryShippingMethods(ctx context.Context, query queryFunc, q string, args ...any) ([]ShippingMethod, error) {
	rows, err := query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ShippingMethod
	ids := []int64{}
	for rows.Next() {
		m, err := scanShippingMethod(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *m)
		ids = append(ids, m.ID)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	tr, err := loadTranslations(ctx, query, EntityShippingText, ids)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Name = tr.text(out[i].ID, "name", out[i].Name.Default)
	}
	return out, nil
}

// oneShippingMethod is the method with id, read through query, or ErrNotFound.
func oneShippingMethod(ctx context.Context, query queryFunc, id int64) (*ShippingMethod, error) {
	ms, err := queryShippingMethods(ctx, query, `SELECT `+shippingColumns+` FROM shipping_methods WHERE id = ?`, id)
	if err != nil {
		return nil, err
	}
	if len(ms) == 0 {
		return nil, ErrNotFound
	}
	return &ms[0], nil
}

// ShippingMethod returns the method with id, or ErrNotFound.
func (s *Store) ShippingMethod(ctx context.Context, id int64) (*ShippingMethod, error) {
	m, err := oneShippingMethod(ctx, s.query, id)
	if err != nil {
		return nil, fmt.Errorf("shipping method %d: %w", id, err)
	}
	return m, nil
}

// shippingAudit is what the audit log keeps of a method, its name in
// every language.
func shippingAudit(m *ShippingMethod) map[string]any {
	a := map[string]any{"name": m.Name.Default, "kind": m.Kind, "price": m.Price, "threshold": m.Threshold,
		"rate_per_kg": m.RatePerKg, "base": m.Base, "active": m.Active, "countries": strings.Join(m.Countries, " "), "cod": m.COD}
	for locale, name := range m.Name.Tr {
		a["name."+locale] = name
	}
	return a
}

// CreateShippingMethod adds a method at the end of the list.
func (s *Store) CreateShippingMethod(ctx context.Context, actor Actor, in ShippingMethodInput) (*ShippingMethod, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	var m *ShippingMethod
	err := s.tx(ctx, func(tx *sql.Tx) error {
		id, err := s.createOnce(ctx, tx, EntityShippingMethod, in.CreateToken, func() (int64, error) {
			now := s.Now().Unix()
			res, err := tx.ExecContext(ctx, `
				INSERT INTO shipping_methods (name, kind, price, threshold, rate_per_kg, base, active, countries, cod, position, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT coalesce(max(position), 0) + 1 FROM shipping_methods), ?, ?)`,
				in.Name.Default, in.Kind, in.Price, in.Threshold, in.RatePerKg, in.Base, in.Active, strings.Join(in.Countries, " "), !in.NoCOD, now, now)
			if err != nil {
				return 0, err
			}
			id, err := res.LastInsertId()
			if err != nil {
				return 0, err
			}
			if err := saveTranslations(ctx, tx, EntityShippingText, id, map[string]Text{"name": in.Name}); err != nil {
				return 0, err
			}
			made, err := txShippingMethod(ctx, tx, id)
			if err != nil {
				return 0, err
			}
			return id, s.audit(ctx, tx, AuditEntry{Actor: actor, Action: ActionShippingCreate, Entity: EntityShippingMethod,
				EntityID: strconv.FormatInt(id, 10), After: shippingAudit(made)})
		})
		if err != nil {
			return err
		}
		m, err = txShippingMethod(ctx, tx, id)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("create shipping method: %w", err)
	}
	s.bumpCatalog()
	return m, nil
}

// UpdateShippingMethod saves a method as edited from version: ErrConflict
// when someone saved it since, ErrNotFound when it is gone.
func (s *Store) UpdateShippingMethod(ctx context.Context, actor Actor, id, version int64, in ShippingMethodInput) (*ShippingMethod, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	var m *ShippingMethod
	err := s.tx(ctx, func(tx *sql.Tx) error {
		before, err := txShippingMethod(ctx, tx, id)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `
			UPDATE shipping_methods SET name = ?, kind = ?, price = ?, threshold = ?, rate_per_kg = ?, base = ?, active = ?,
				countries = ?, cod = ?, updated_at = ?, version = version + 1
			WHERE id = ? AND version = ?`,
			in.Name.Default, in.Kind, in.Price, in.Threshold, in.RatePerKg, in.Base, in.Active, strings.Join(in.Countries, " "),
			!in.NoCOD, s.Now().Unix(), id, version)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return fmt.Errorf("changed since version %d: %w", version, ErrConflict)
		}
		if err := saveTranslations(ctx, tx, EntityShippingText, id, map[string]Text{"name": in.Name}); err != nil {
			return err
		}
		if m, err = txShippingMethod(ctx, tx, id); err != nil {
			return err
		}
		return s.audit(ctx, tx, AuditEntry{Actor: actor, Action: ActionShippingUpdate, Entity: EntityShippingMethod,
			EntityID: strconv.FormatInt(id, 10), Before: shippingAudit(before), After: shippingAudit(m)})
	})
	if err != nil {
		return nil, fmt.Errorf("update shipping method %d: %w", id, err)
	}
	s.bumpCatalog()
	return m, nil
}

// DeleteShippingMethod removes a method. Placed orders keep their own copy
// of the shipping they were charged, so nothing else refers to it.
func (s *Store) DeleteShippingMethod(ctx context.Context, actor Actor, id int64) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		before, err := txShippingMethod(ctx, tx, id)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM shipping_methods WHERE id = ?`, id); err != nil {
			return err
		}
		if err := deleteTranslations(ctx, tx, EntityShippingText, id); err != nil {
			return err
		}
		return s.audit(ctx, tx, AuditEntry{Actor: actor, Action: ActionShippingDelete, Entity: EntityShippingMethod,
			EntityID: strconv.FormatInt(id, 10), Before: shippingAudit(before)})
	})
	if err != nil {
		return fmt.Errorf("delete shipping method %d: %w", id, err)
	}
	s.bumpCatalog()
	return nil
}

// MoveShippingMethod moves a method one place up (earlier) or down the
// list; at either end it stays put. Positions are renumbered 1..n so
// that ties left by older rows cannot make a move a no-op.
func (s *Store) MoveShippingMethod(ctx context.Context, actor Actor, id int64, up bool) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		ids, err := queryIDs(ctx, tx, `SELECT id FROM shipping_methods ORDER BY position, id`)
		if err != nil {
			return err
		}
		i, j, err := moveOne(ids, id, up)
		if err != nil || i == j {
			return err
		}
		if err := renumber(ctx, tx, "shipping_methods", ids, 1); err != nil {
			return err
		}
		dir := "down"
		if up {
			dir = "up"
		}
		return s.audit(ctx, tx, AuditEntry{Actor: actor, Action: ActionShippingMove, Entity: EntityShippingMethod,
			EntityID: strconv.FormatInt(id, 10), Before: map[string]any{"position": i + 1},
			After: map[string]any{"position": j + 1, "direction": dir}})
	})
	if err != nil {
		return fmt.Errorf("move shipping method %d: %w", id, err)
	}
	s.bumpCatalog()
	return nil
}

func txShippingMethod(ctx context.Context, tx *sql.Tx, id int64) (*ShippingMethod, error) {
	return oneShippingMethod(ctx, tx.QueryContext, id)
}
