package demo

import (
	"context"
	"time"

	"storefront/store"
)

// DemoEmail and DemoPassword sign in to the demo's customer account: a
// Silver member with past orders, points available and pending, and a lot
// that expires within weeks.
const (
	DemoEmail    = "demo@example.com"
	DemoPassword = "demo-password"
)

// seedAccount registers the demo customer, email confirmed, born in the
// month the demo is made, and returns its id. Its orders (seedOrders)
// earn the points and the tier.
func seedAccount(ctx context.Context, st *store.Store) (int64, error) {
	birthday := st.Now().AddDate(-30, 0, 0).Format(time.DateOnly)
	c, err := st.Register(ctx, store.RegisterInput{Email: DemoEmail, Password: DemoPassword, Name: demoShopper.Name,
		Birthday: birthday, Locale: "en"})
	if err != nil {
		return 0, err
	}
	// The demo has no inbox to confirm from.
	_, err = st.DB().ExecContext(ctx, `UPDATE customers SET email_confirmed_at = ? WHERE id = ?`, st.Now().Unix(), c.ID)
	return c.ID, err
}
