package demo

import (
	"context"
	"fmt"
	"time"

	"storefront/store"
)

// seedReturns gives the demo member a refunded return (of the tea they
// bought 12 days ago, refunded two days after they asked) and a return
// they have just asked for (of the shirt that came 3 days ago), so that
// both the shopper's pages and the owner's queue have something to show.
func seedReturns(ctx context.Context, st *store.Store, member int64) error {
	orders, err := st.CustomerOrders(ctx, member)
	if err != nil {
		return err
	}
	clock := st.Now
	defer func() { st.Now = clock }()
	now := clock()
	staff := store.Actor{Email: "owner@demo"}
	if err := st.SetReturnTexts(ctx, staff, 0, store.Text{
		Default: "Changed your mind? Send items back within 7 days of delivery, no reason needed, unused and with their tags. " +
			"If something arrived damaged, wrong or not as described, we pay the return shipping and refund in full.",
		Tr: map[string]string{"zh": "改变主意了？收货后 7 天内无理由退货，商品需未使用并保留吊牌。若商品破损、发错或与描述不符，退货运费由我们承担并全额退款。"},
	}, store.Text{
		Default: "Pack the items with a note of your order number and send them to: Returns, 18 Longjing Road, Hangzhou 310013.",
		Tr:      map[string]string{"zh": "请将商品包好并附上订单号，寄至：杭州市龙井路 18 号 退货部，邮编 310013。"},
	}); err != nil {
		return err
	}
	for _, sum := range orders {
		age := now.Sub(sum.CreatedAt)
		if sum.FulfillmentStatus != store.FulfillmentDone || age > 14*24*time.Hour {
			continue
		}
		o, err := st.CustomerOrder(ctx, member, sum.Number)
		if err != nil {
			return err
		}
		ask := map[int64]int64{o.Lines[0].ID: 1}
		if age < 5*24*time.Hour {
			in := store.ReturnInput{Ask: ask, Reason: "too_small", Resolution: store.ResolutionRefund,
				Note: "A size up would fit better."}
			// A size up, when the product has one in stock: an exchange.
			choices, err := st.ExchangeChoices(ctx, o, "en")
			if err != nil {
				return err
			}
			for i, v := range choices[o.Lines[0].ID] {
				if v.ID == o.Lines[0].VariantID && i+1 < len(choices[o.Lines[0].ID]) && choices[o.Lines[0].ID][i+1].Stock > 0 {
					in.Resolution, in.Exchange = store.ResolutionExchange, map[int64]int64{o.Lines[0].ID: choices[o.Lines[0].ID][i+1].ID}
				}
			}
			_, err = st.RequestReturn(ctx, o, member, in)
			if err != nil {
				return fmt.Errorf("demo return: %w", err)
			}
			continue
		}
		st.Now = fixedClock(sum.CreatedAt.Add(2 * 24 * time.Hour))
		id, err := st.RequestReturn(ctx, o, member, store.ReturnInput{Ask: ask, Reason: "damaged", Resolution: store.ResolutionRefund,
			Note: "The tin arrived dented and the seal was broken."})
		if err != nil {
			return fmt.Errorf("demo return: %w", err)
		}
		st.Now = fixedClock(sum.CreatedAt.Add(3 * 24 * time.Hour))
		if err := st.ApproveReturn(ctx, staff, id, "No need to send it back: we trust you."); err != nil {
			return err
		}
		st.Now = fixedClock(sum.CreatedAt.Add(4 * 24 * time.Hour))
		if err := st.ReceiveReturn(ctx, staff, id, map[int64]string{o.Lines[0].ID: store.ConditionDamaged}); err != nil {
			return err
		}
		if err := st.RefundReturn(ctx, staff, id, "bank_transfer", "DEMO-REFUND-1"); err != nil {
			return err
		}
		st.Now = clock
	}
	return nil
}
