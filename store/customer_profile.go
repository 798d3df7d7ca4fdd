package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// ProfileFix is staff's correction of an account's name and birthday
// (YYYY-MM-DD, "" for none). WasName and WasBirthday are what the form
// showed, so that a save never lays itself over a change made since.
type ProfileFix struct {
	Name, Birthday       string
	WasName, WasBirthday string
}

// FixCustomerProfile sets an account's name and birthday on staff's word:
// the customer cannot change a birthday once saved (UpdateCustomerProfile),
// so a mistyped one is corrected, or removed, here. The birthday coupon
// needs nothing more: IssueBirthdayCoupons gives one a calendar year
// whatever the date becomes, so a coupon already issued this year stays
// and the next one comes in the new date's month. A profile changed since
// the form was shown is ErrConflict; posting the saved values again (a
// second click) is no change. A deleted or unknown account is ErrNotFound.
func (s *Store) FixCustomerProfile(ctx context.Context, actor Actor, id int64, in ProfileFix) error {
	in.Name, in.Birthday = TrimText(in.Name), strings.TrimSpace(in.Birthday)
	v := &ValidationError{}
	if msg := checkCustomerName(in.Name); msg != "" {
		v.Add("name", msg)
	}
	if msg := checkBirthday(in.Birthday, s.Now(), "admin.customer.error."); msg != "" {
		v.Add("birthday", msg)
	}
	if err := v.Err(); err != nil {
		return err
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		old, err := customerByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if old.Name == in.Name && old.Birthday == in.Birthday {
			return nil
		}
		if old.Name != in.WasName || old.Birthday != in.WasBirthday {
			return ErrConflict
		}
		if _, err := tx.ExecContext(ctx, `UPDATE customers SET name = ?, birthday = nullif(?, ''), updated_at = ? WHERE id = ?`,
			in.Name, in.Birthday, s.Now().Unix(), id); err != nil {
			return err
		}
		return s.audit(ctx, tx, AuditEntry{Actor: actor, Action: "customer.profile", Entity: "customer",
			EntityID: fmt.Sprint(id), Before: map[string]any{"name": old.Name, "birthday": old.Birthday},
			After: map[string]any{"name": in.Name, "birthday": in.Birthday}})
	})
	if err != nil {
		return fmt.Errorf("fix profile of customer %d: %w", id, err)
	}
	return nil
}
