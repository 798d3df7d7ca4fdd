package mail_test

import (
	"context"
	"strings"
	"testing"

	"storefront/store"
	"storefront/web/webtest"
)

// TestMembershipEmails: the points-expiring email says how many expire
// and when and links to the account's points page, in the customer's
// language, at that language's address; its footer says it came because
// of the account (it said an order had been placed).
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
	wantAll(t, "text", msg.Text, "250 积分将于", "https://shop.example/zh-cn/account/points", "是因为此邮箱在")
	if strings.Contains(msg.Text, "下了订单") {
		t.Errorf("an account's email says an order was placed:\n%s", msg.Text)
	}
	if doc.Find(`a[href="https://shop.example/zh-cn/account/points"]`).Length() == 0 {
		t.Errorf("no link to the points page:\n%s", msg.HTML)
	}
}

// TestReturnEmails: a return's approval carries the owner's instructions
// and the amount, with a link to the return's page.
func TestReturnEmails(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	r := renderer(t, shop)
	ctx := context.Background()
	o := shop.SeedOrder()
	shop.Store.MarkPaid(ctx, store.Actor{}, o.ID)
	if _, err := shop.Store.FulfillOrder(ctx, store.Actor{}, o.ID, nil, "", ""); err != nil {
		t.Fatal(err)
	}
	o = shop.Order(o.Number)
	id, err := shop.Store.RequestReturn(ctx, o, 0, store.ReturnInput{Ask: map[int64]int64{o.Lines[0].ID: 1}, Reason: "damaged", Resolution: store.ResolutionRefund})
	if err != nil {
		t.Fatal(err)
	}
	if err := shop.Store.ApproveReturn(ctx, store.Actor{}, id, "Post to 1 Test Street"); err != nil {
		t.Fatal(err)
	}
	msg, _ := renderFor(t, r, store.Email{Kind: store.EmailReturnApproved, OrderID: o.ID, RefID: id, Locale: "en", To: o.Email})
	wantAll(t, "text", msg.Text, "Post to 1 Test Street", "$52.00", "/orders/"+o.Number+"/returns/", "because you placed an order")
}

// TestBirthdayEmailSaysTheTiersWords: the birthday email carries the
// owner's message for the tier, in the customer's language, above the
// code.
func TestBirthdayEmailSaysTheTiersWords(t *testing.T) {
	shop := webtest.New(t)
	r := renderer(t, shop)
	ctx := context.Background()
	tiers, _ := shop.Store.Tiers(ctx)
	in := store.TierInput{Name: tiers[0].Name, Threshold: "0", BirthdayCoupon: "5",
		BirthdayMessage: store.Plain("Happy birthday from all of us!").With("zh", "全体同仁祝您生日快乐！")}
	if err := shop.Store.SaveTier(ctx, store.Actor{}, tiers[0].ID, in); err != nil {
		t.Fatal(err)
	}
	c, err := shop.Store.Register(ctx, store.RegisterInput{Email: "bd@example.com", Password: "correct horse battery", Name: "Bo",
		Birthday: shop.Store.Now().AddDate(-20, 0, 0).Format("2006-01-02"), Locale: "zh"})
	if err != nil {
		t.Fatal(err)
	}
	if n, err := shop.Store.IssueBirthdayCoupons(ctx); err != nil || n != 1 {
		t.Fatalf("issued %d, %v", n, err)
	}
	coupons, _ := shop.Store.MemberCoupons(ctx, c.ID)
	msg, _ := renderFor(t, r, store.Email{Kind: store.EmailAccountBirthday, CustomerID: c.ID, Locale: "zh", To: c.Email})
	wantAll(t, "text", msg.Text, "全体同仁祝您生日快乐！", coupons[0].Code)
}

// TestExchangeEmailsPromiseTheReplacement: an exchange refunds nothing,
// so its request, approval and refusal say what comes instead of "your
// refund will be $0.00".
func TestExchangeEmailsPromiseTheReplacement(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	r := renderer(t, shop)
	ctx := context.Background()
	o := shop.SeedOrder()
	shop.Store.MarkPaid(ctx, store.Actor{}, o.ID)
	if _, err := shop.Store.FulfillOrder(ctx, store.Actor{}, o.ID, nil, "", ""); err != nil {
		t.Fatal(err)
	}
	o = shop.Order(o.Number)
	v := shop.Variants()
	line := o.Lines[0]
	other := v.ShirtM
	if line.VariantID == v.ShirtM {
		other = v.ShirtL
	}
	id, err := shop.Store.RequestReturn(ctx, o, 0, store.ReturnInput{Ask: map[int64]int64{line.ID: 1}, Reason: "too_large",
		Resolution: store.ResolutionExchange, Exchange: map[int64]int64{line.ID: other}})
	if err != nil {
		t.Fatal(err)
	}
	for _, locale := range []string{"en", "zh"} {
		msg, _ := renderFor(t, r, store.Email{Kind: store.EmailReturnRequested, OrderID: o.ID, RefID: id, Locale: locale, To: o.Email})
		if strings.Contains(msg.Text, "0.00") {
			t.Errorf("%s: the exchange's request email speaks of a refund:\n%s", locale, msg.Text)
		}
	}
	msg, _ := renderFor(t, r, store.Email{Kind: store.EmailReturnRequested, OrderID: o.ID, RefID: id, Locale: "en", To: o.Email})
	wantAll(t, "text", msg.Text, "the replacement you chose")
}
