package payment

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"storefront/store"
)

// The refund events the shop follows a return's Stripe refund by. Since
// API version 2024-10-28 card refunds send refund.*; endpoints on older
// versions get charge.refund.updated (a Refund) and charge.refunded (a
// Charge, which lists its refunds only before version 2022-11-15).
const (
	EventRefundCreated       = "refund.created"
	EventRefundUpdated       = "refund.updated"
	EventRefundFailed        = "refund.failed"
	EventChargeRefundUpdated = "charge.refund.updated"
	EventChargeRefunded      = "charge.refunded"
)

// Refund is a Stripe refund as an event reports it.
type Refund struct {
	ID            string
	Status        string // store.RefundPending, …; Stripe's word as it is
	Amount        int64
	FailureReason string // lost_or_stolen_card, expired_or_canceled_card, …, when it failed
}

// refundObject is the part of a refund object the shop reads, field by
// field like sessionObject, so that any API version reads the same.
type refundObject struct {
	ID            string `json:"id"`
	Status        string `json:"status"`
	Amount        int64  `json:"amount"`
	FailureReason string `json:"failure_reason"`
}

func (o refundObject) refund() Refund {
	return Refund{ID: o.ID, Status: o.Status, Amount: o.Amount, FailureReason: o.FailureReason}
}

// chargeObject is a charge with the refunds it lists (none in recent API
// versions, where the refund events say it all).
type chargeObject struct {
	Refunds struct {
		Data []refundObject `json:"data"`
	} `json:"refunds"`
}

// refundsOf reads the refunds an event of type typ carries in its object:
// none for an event that is not about refunds, an ErrBadEvent for one
// whose object is not what its type says.
func refundsOf(typ string, raw json.RawMessage) ([]Refund, error) {
	switch typ {
	case EventRefundCreated, EventRefundUpdated, EventRefundFailed, EventChargeRefundUpdated:
		var obj refundObject
		if json.Unmarshal(raw, &obj) != nil || obj.ID == "" {
			return nil, fmt.Errorf("%w: %s carries no refund", ErrBadEvent, typ)
		}
		return []Refund{obj.refund()}, nil
	case EventChargeRefunded:
		var obj chargeObject
		if json.Unmarshal(raw, &obj) != nil {
			return nil, fmt.Errorf("%w: %s carries no charge", ErrBadEvent, typ)
		}
		var refunds []Refund
		for _, r := range obj.Refunds.Data {
			if r.ID != "" {
				refunds = append(refunds, r.refund())
			}
		}
		return refunds, nil
	}
	return nil, nil
}

// applyRefunds records the state of each refund ev reports on its return
// (store.StripeRefundUpdated). A charge's event may list several refunds,
// so each is deduplicated under the event id and its own; it is
// store.ErrNotFound only when none of them is a return's.
func (f *Flows) applyRefunds(ctx context.Context, ev Event) error {
	found := false
	for _, r := range ev.Refunds {
		key := ev.ID
		if ev.Type == EventChargeRefunded {
			key += "/" + r.ID
		}
		_, err := f.store.StripeRefundUpdated(ctx, key, r.ID, r.Status)
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		found = true
	}
	if !found && len(ev.Refunds) > 0 {
		return fmt.Errorf("%s: %w", ev.Type, store.ErrNotFound)
	}
	return nil
}
