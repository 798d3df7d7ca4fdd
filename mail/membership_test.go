package mail_test

import (
	"context"
	"testing"

	"storefront/store"
	"storefront/web/webtest"
)

// TestMembershipEmails: the points-expiring email says how many expire
// and when and links to the account's points page, in the customer's
// language (the link, like the other account emails', is unprefixed).
func TestMembershipEmails(t *testing.T) {
	shop := webtest.New(t)
	r := renderer(t, shop)
	ctx := context.Background()
	c, err := shop.Store.Register(ctx, store.RegisterInput{Email: "m@example.com", Password: "correct horse battery", Name: "Mei", Locale: "zh"})
	if err != nil {
		t.Fatal(err)
	}
	if err := shop.Store.AdjustPoints(ctx, store.Actor{}, c.ID, 250, "gift"); err != nil {
		t.Fatal(err)
	}
	msg, doc := renderFor(t, r, store.Email{Kind: store.EmailAccountPointsExpiring, CustomerID: c.ID, Locale: "zh", To: c.Email})
	wantAll(t, "text", msg.Text, "250 积分将于", "https://shop.example/account/points")
	if doc.Find(`a[href="https://shop.example/account/points"]`).Length() == 0 {
		t.Errorf("no link to the points page:\n%s", msg.HTML)
	}
}
