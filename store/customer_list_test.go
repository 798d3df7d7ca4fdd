package store

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestCustomerListHasAccountsAndGuests: the list holds accounts without
// orders as well as guests; a member's row has their tier, 12 months'
// spend and available points; filters by tier, guests and tag; the search
// finds an account by its name.
func TestCustomerListHasAccountsAndGuests(t *testing.T) {
	f := newCartFixture(t)
	ship := flatShipping(t, f.s)
	ctx := context.Background()
	ana := registerCustomer(t, f.s, "ana@example.com")
	f.clockOffset = time.Hour
	bo := f.placeFor(t, ship, "bo@example.org", "Bo", f.mug, 1)
	f.clockOffset = 2 * time.Hour
	paid := f.placeFor(t, ship, "ANA@example.com", "Ana at checkout", f.mug, 2)
	// Ana placed it signed in.
	if _, err := f.s.write.Exec(`UPDATE orders SET customer_id = ? WHERE id = ?`, ana.ID, paid.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.MarkPaid(ctx, staffActor, paid.ID); err != nil {
		t.Fatal(err)
	}
	if err := f.s.AdjustPoints(ctx, staffActor, ana.ID, 120, "welcome"); err != nil {
		t.Fatal(err)
	}
	f.clockOffset = 90 * time.Minute // registered between the two orders
	cy := registerCustomer(t, f.s, "cy@example.net")
	if err := f.s.SaveCustomerNotes(ctx, staffActor, cy.ID, "Prefers email", "VIP, wholesale"); err != nil {
		t.Fatal(err)
	}

	all, err := f.s.ListCustomersBy(ctx, CustomerFilter{}, 1)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := emails(all.Rows), []string{"ana@example.com", "cy@example.net", "bo@example.org"}; !slices.Equal(got, want) {
		t.Fatalf("rows = %v, want %v", got, want)
	}
	a := all.Rows[0]
	merch := paid.Total - paid.Shipping
	if a.AccountID != ana.ID || a.Orders != 1 || a.Spent != paid.Total || a.Spend12 != merch || a.Points != 120 ||
		a.Name != "Ana Lima" || a.Tier.Default != "Standard" || !a.LastOrder.Equal(paid.CreatedAt) {
		t.Errorf("ana = %+v (merchandise %d)", a, merch)
	}
	if c := all.Rows[1]; c.AccountID != cy.ID || c.Orders != 0 || !c.LastOrder.IsZero() || !slices.Equal(c.Tags, []string{"VIP", "wholesale"}) {
		t.Errorf("cy = %+v", c)
	}
	if b := all.Rows[2]; b.AccountID != 0 || b.Name != "Bo" || b.Orders != 1 || !b.LastOrder.Equal(bo.CreatedAt) {
		t.Errorf("bo = %+v", b)
	}
	if !slices.Equal(all.Tags, []string{"VIP", "wholesale"}) || len(all.Tiers) != 3 {
		t.Errorf("filters: tags %v, %d tiers", all.Tags, len(all.Tiers))
	}

	standard := strconv.FormatInt(all.Tiers[0].ID, 10)
	silver := strconv.FormatInt(all.Tiers[1].ID, 10)
	for _, c := range []struct {
		f    CustomerFilter
		want []string
	}{
		{CustomerFilter{Tier: CustomerGuests}, []string{"bo@example.org"}},
		{CustomerFilter{Tier: standard}, []string{"ana@example.com", "cy@example.net"}},
		{CustomerFilter{Tier: silver}, nil},
		{CustomerFilter{Tag: "vip"}, []string{"cy@example.net"}},
		{CustomerFilter{Q: "lima"}, []string{"ana@example.com", "cy@example.net"}},
		{CustomerFilter{Q: "checkout"}, []string{"ana@example.com"}},
		{CustomerFilter{Q: "lima", Tag: "wholesale"}, []string{"cy@example.net"}},
		{CustomerFilter{Q: "100%"}, nil},
		// Conditions on the orders' figures, counted with them; the
		// others are counted without (ListCustomersBy).
		{CustomerFilter{OrderedDays: 30}, []string{"ana@example.com", "bo@example.org"}},
		{CustomerFilter{OrderedDays: 30, Tag: "vip"}, nil},
		{CustomerFilter{MinSpend: 1}, []string{"ana@example.com"}},
	} {
		p, err := f.s.ListCustomersBy(ctx, c.f, 1)
		if err != nil {
			t.Fatal(err)
		}
		if got := emails(p.Rows); !slices.Equal(got, c.want) || p.Total != len(c.want) {
			t.Errorf("%+v: %v (total %d), want %v", c.f, got, p.Total, c.want)
		}
	}
}

func emails(rows []CustomerRow) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r.Email)
	}
	return out
}

// TestCustomerListPointsAsSettled: the list counts points as the daily
// settling would leave them, without waiting for it: an expired lot has
// none left.
func TestCustomerListPointsAsSettled(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	ana := registerCustomer(t, f.s, "ana@example.com")
	if err := f.s.AdjustPoints(ctx, staffActor, ana.ID, 50, "goodwill"); err != nil {
		t.Fatal(err)
	}
	f.clockOffset = 13 * 30 * 24 * time.Hour // past the default 12 months
	p, err := f.s.ListCustomersBy(ctx, CustomerFilter{}, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Rows) != 1 || p.Rows[0].Points != 0 {
		t.Errorf("rows = %+v, want 0 points", p.Rows)
	}
}

// TestCustomersCSVIsFormulaSafe: the export has every selected customer,
// and a name a spreadsheet would run as a formula is written as text.
func TestCustomersCSVIsFormulaSafe(t *testing.T) {
	f := newCartFixture(t)
	ship := flatShipping(t, f.s)
	ctx := context.Background()
	f.placeFor(t, ship, "evil@example.com", "=HYPERLINK(\"http://x\")", f.mug, 1)
	registerCustomer(t, f.s, "ana@example.com")
	var buf bytes.Buffer
	if err := f.s.CustomersCSV(ctx, CustomerFilter{}, 2, &buf); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 3 || !slices.Equal(recs[0], customerCSVHeader) {
		t.Fatalf("records = %q", recs)
	}
	byEmail := map[string][]string{}
	for _, r := range recs[1:] {
		byEmail[r[0]] = r
	}
	if got := byEmail["evil@example.com"][1]; !strings.HasPrefix(got, "'=") {
		t.Errorf("formula name written as %q", got)
	}
	if r := byEmail["ana@example.com"]; r[2] != "yes" || r[3] != "Standard" || r[5] != "0" || r[6] != "0" {
		t.Errorf("ana = %q", r)
	}
	buf.Reset()
	if err := f.s.CustomersCSV(ctx, CustomerFilter{Tier: CustomerGuests}, 2, &buf); err != nil {
		t.Fatal(err)
	}
	if recs, _ := csv.NewReader(&buf).ReadAll(); len(recs) != 2 {
		t.Errorf("guests only: %d records, want 2", len(recs))
	}
}

// TestCustomerNotesAndTags: notes and tags are saved, tags once each in
// any letter case; too long or too many is refused with nothing saved; a
// deleted account's are wiped and it can no longer be noted.
func TestCustomerNotesAndTags(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	ana := registerCustomer(t, s, "ana@example.com")
	if err := s.SaveCustomerNotes(ctx, staffActor, ana.ID, "  Allergic to wool  ", "vip，VIP, wholesale,, "); err != nil {
		t.Fatal(err)
	}
	notes, tags, err := customerNotes(ctx, s.query, ana.ID)
	if err != nil || notes != "Allergic to wool" || !slices.Equal(tags, []string{"vip", "wholesale"}) {
		t.Fatalf("notes %q, tags %q, %v", notes, tags, err)
	}
	var verr *ValidationError
	err = s.SaveCustomerNotes(ctx, staffActor, ana.ID, strings.Repeat("x", customerNotesMax+1), strings.Repeat("t,", 2))
	if !errors.As(err, &verr) || verr.Fields["notes"] == "" {
		t.Errorf("long notes: %v", err)
	}
	err = s.SaveCustomerNotes(ctx, staffActor, ana.ID, "", strings.Repeat("x", customerTagMax+1))
	if !errors.As(err, &verr) || verr.Fields["tags"] == "" {
		t.Errorf("long tag: %v", err)
	}
	many := make([]string, customerTagsMax+1)
	for i := range many {
		many[i] = "t" + strconv.Itoa(i)
	}
	if err := s.SaveCustomerNotes(ctx, staffActor, ana.ID, "", strings.Join(many, ",")); !errors.As(err, &verr) || verr.Fields["tags"] == "" {
		t.Errorf("too many tags: %v", err)
	}
	if notes, tags, _ := customerNotes(ctx, s.query, ana.ID); notes != "Allergic to wool" || len(tags) != 2 {
		t.Errorf("a refused save changed them: %q %q", notes, tags)
	}
	if err := s.SaveCustomerNotes(ctx, staffActor, 9999, "x", ""); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown account: %v", err)
	}
	if err := s.DeleteCustomer(ctx, ana.ID, "correct horse battery"); err != nil {
		t.Fatal(err)
	}
	if notes, tags, _ := customerNotes(ctx, s.query, ana.ID); notes != "" || len(tags) != 0 {
		t.Errorf("deleted account keeps notes %q and tags %q", notes, tags)
	}
	if err := s.SaveCustomerNotes(ctx, staffActor, ana.ID, "x", ""); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleted account: %v", err)
	}
}
