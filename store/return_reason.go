package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"unicode/utf8"
)

// EntityReturnReasonText is the translations' entity of a return reason's
// title.
const EntityReturnReasonText = "return_reason"

// ReturnReason is one reason the return form offers. A built-in reason
// has no title of its own until the owner writes one: its label is then
// the message catalog's "returns.reason.<code>" (views.ReturnReasonLabel).
type ReturnReason struct {
	ID    int64
	Code  string // what a return records
	Title Text
	// ShopFault reasons (damaged, wrong, not as described) keep no fees,
	// and allow returning a line excluded from no-reason returns.
	ShopFault bool
	Position  int64
	Active    bool
	Version   int64  // what the reason's form was opened at
	textsIn   string // the content language, which Title.Default is in
}

// TitleIn is the reason's title as a shopper reading locale reads it: its
// translation, else the stored title; "" for a built-in reason whose
// stored title is in another language (the owner wrote none in locale),
// for which the message catalog's wording in locale reads better.
func (r ReturnReason) TitleIn(locale string) string {
	if t := r.Title.Tr[locale]; t != "" {
		return t
	}
	if locale != r.textsIn && r.Code != "reason_"+strconv.FormatInt(r.ID, 10) {
		return ""
	}
	return r.Title.Default
}

// ReturnReasonsOf lists the return reasons in the form's order; only the
// active ones unless all is set (the admin's list).
func (s *Store) ReturnReasonsOf(ctx context.Context, all bool) ([]ReturnReason, error) {
	return returnReasons(ctx, s.query, all)
}

func returnReasons(ctx context.Context, query queryFunc, all bool) ([]ReturnReason, error) {
	rows, err := query(ctx, `SELECT id, code, title, shop_fault, position, active, version,
			coalesce((SELECT nullif(value, '') FROM settings WHERE key = ?2), (SELECT nullif(value, '') FROM settings WHERE key = ?3), ?4)
		FROM return_reasons WHERE active = 1 OR ?1 ORDER BY position, id`, all, SettingContentLocale, SettingLocale, settingSpecs[SettingLocale].def)
	if err != nil {
		return nil, fmt.Errorf("return reasons: %w", err)
	}
	defer rows.Close()
	var out []ReturnReason
	var ids []int64
	for rows.Next() {
		var r ReturnReason
		if err := rows.Scan(&r.ID, &r.Code, &r.Title.Default, &r.ShopFault, &r.Position, &r.Active, &r.Version, &r.textsIn); err != nil {
			return nil, err
		}
		out = append(out, r)
		ids = append(ids, r.ID)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	tr, err := loadTranslations(ctx, query, EntityReturnReasonText, ids)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Title = tr.text(out[i].ID, FieldTitle, out[i].Title.Default)
	}
	return out, nil
}

// activeReturnReason is the active reason code, or a ValidationError on
// the reason field.
func activeReturnReason(ctx context.Context, query queryFunc, code string) (ReturnReason, error) {
	var r ReturnReason
	err := queryRowOf(ctx, query, `SELECT id, code, shop_fault FROM return_reasons WHERE code = ? AND active = 1`, code).
		Scan(&r.ID, &r.Code, &r.ShopFault)
	if errors.Is(err, sql.ErrNoRows) {
		return r, &ValidationError{Fields: map[string]string{"reason": "returns.error.reason"}}
	}
	return r, err
}

// ReturnReasonInput is the owner's form for one reason; ID 0 adds one.
// A change is saved only while the reason is still at Version (0: from no
// form, unchecked).
type ReturnReasonInput struct {
	ID        int64
	Title     Text
	ShopFault bool
	Position  int64
	Active    bool
	Version   int64
	// CreateToken is the new reason form's one-time token
	// (NewCreateToken): a new reason is added once per token.
	CreateToken string
}

const maxReasonTitle = 80

// builtInReason is the SQL condition (on x, a return_reasons row) of a
// built-in reason: every reason the owner adds gets the code
// "reason_<id>".
const builtInReason = `x.code <> 'reason_' || x.id`

// SaveReturnReason adds or changes a return reason. A reason is never
// deleted (returns keep its code); the owner turns it off instead. A new
// reason needs a title; a built-in one may keep the catalog's. A change
// made from a version saved over since is ErrConflict.
func (s *Store) SaveReturnReason(ctx context.Context, actor Actor, in ReturnReasonInput) (int64, error) {
	in.Title = Text{Default: TrimText(in.Title.Default), Tr: in.Title.Tr}
	v := &ValidationError{}
	if in.ID == 0 && in.Title.Default == "" {
		v.Add("title", "error.required")
	}
	for _, t := range append([]string{in.Title.Default}, slices.Collect(maps.Values(in.Title.Tr))...) {
		if utf8.RuneCountInString(t) > maxReasonTitle {
			v.Add("title", "error.too_long")
		}
	}
	if in.Position < 0 || in.Position > 1000 {
		v.Add("position", "error.out_of_range")
	}
	if err := v.Err(); err != nil {
		return 0, err
	}
	id := in.ID
	err := s.tx(ctx, func(tx *sql.Tx) (err error) {
		if id == 0 {
			id, err = s.createOnce(ctx, tx, EntityReturnReasonText, in.CreateToken, func() (int64, error) {
				return s.addReturnReason(ctx, tx, actor, in)
			})
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE return_reasons SET title = ?, shop_fault = ?, position = ?, active = ?,
			version = version + 1 WHERE id = ? AND (?6 = 0 OR version = ?6)`,
			in.Title.Default, in.ShopFault, in.Position, in.Active, id, in.Version)
		if err != nil {
			return fmt.Errorf("save return reason: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			var exists bool
			if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM return_reasons WHERE id = ?)`, id).Scan(&exists); err != nil {
				return err
			}
			if !exists {
				return ErrNotFound
			}
			return fmt.Errorf("return reason %d changed since version %d: %w", id, in.Version, ErrConflict)
		}
		return s.saveReasonParts(ctx, tx, actor, id, in)
	})
	return id, err
}

// addReturnReason inserts the new reason in and returns its id.
func (s *Store) addReturnReason(ctx context.Context, tx *sql.Tx, actor Actor, in ReturnReasonInput) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO return_reasons (code, title, shop_fault, position, active)
		VALUES ('new', ?, ?, ?, ?) RETURNING id`, in.Title.Default, in.ShopFault, in.Position, in.Active).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("add return reason: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE return_reasons SET code = ? WHERE id = ?`,
		"reason_"+strconv.FormatInt(id, 10), id); err != nil {
		return 0, err
	}
	return id, s.saveReasonParts(ctx, tx, actor, id, in)
}

// saveReasonParts writes reason id's translated titles and audits the save.
func (s *Store) saveReasonParts(ctx context.Context, tx *sql.Tx, actor Actor, id int64, in ReturnReasonInput) error {
	if err := saveTranslations(ctx, tx, EntityReturnReasonText, id, map[string]Text{FieldTitle: in.Title}); err != nil {
		return err
	}
	return s.audit(ctx, tx, AuditEntry{Actor: actor, Action: "returns.reason", Entity: "return_reason",
		EntityID: strconv.FormatInt(id, 10), After: map[string]any{"title": in.Title.Default, "shop_fault": in.ShopFault,
			"active": in.Active, "position": in.Position}})
}

// Return texts: merchant content a shopper reads, with a value per
// language (the default in settings, the others in translations under
// the same key).
const (
	// ReturnPolicyText is the policy shown on the return form and linked
	// from the order page.
	ReturnPolicyText = "returns.policy_text"
	// ReturnInstructionsText is where and how to send items back, shown
	// on an approved return whose approval gave none of its own.
	ReturnInstructionsText = "returns.instructions"
)

const maxReturnPolicyText = 5000

// ReturnTexts reads the return policy and the standing instructions.
func (s *Store) ReturnTexts(ctx context.Context) (policy, instructions Text, err error) {
	var def [2]string
	if err := s.queryRow(ctx, `SELECT coalesce((SELECT value FROM settings WHERE key = ?), ''),
		coalesce((SELECT value FROM settings WHERE key = ?), '')`, ReturnPolicyText, ReturnInstructionsText).
		Scan(&def[0], &def[1]); err != nil {
		return policy, instructions, fmt.Errorf("return texts: %w", err)
	}
	tr, err := loadTranslations(ctx, s.query, EntitySettingText, []int64{0})
	if err != nil {
		return policy, instructions, err
	}
	return tr.text(0, ReturnPolicyText, def[0]), tr.text(0, ReturnInstructionsText, def[1]), nil
}

// SectionReturnTexts is the return texts' settings section: its version
// (Settings.Version) is what the texts' form was opened at.
const SectionReturnTexts = "return_texts"

// SetReturnTexts saves the return policy and the standing instructions in
// every language, as edited from version: ErrConflict when they were saved
// since (0 saves unchecked, see saveSectionVersion).
func (s *Store) SetReturnTexts(ctx context.Context, actor Actor, version int64, policy, instructions Text) error {
	v := &ValidationError{}
	texts := map[string]Text{ReturnPolicyText: policy, ReturnInstructionsText: instructions}
	fields := map[string]string{ReturnPolicyText: "policy_text", ReturnInstructionsText: "instructions"}
	for key, t := range texts {
		t.Default = TrimText(t.Default)
		texts[key] = t
		for _, s := range append([]string{t.Default}, slices.Collect(maps.Values(t.Tr))...) {
			if utf8.RuneCountInString(s) > maxReturnPolicyText {
				v.Add(fields[key], "error.too_long")
			}
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if err := saveSectionVersion(ctx, tx, SectionReturnTexts, version); err != nil {
			return err
		}
		before, err := settingTextsAudit(ctx, tx, fields)
		if err != nil {
			return err
		}
		for key, t := range texts {
			if err := writeSetting(ctx, tx, key, t.Default); err != nil {
				return err
			}
		}
		if err := saveTranslations(ctx, tx, EntitySettingText, 0, texts); err != nil {
			return err
		}
		after, err := settingTextsAudit(ctx, tx, fields)
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, AuditEntry{Actor: actor, Action: "returns.texts", Entity: "settings", Before: before, After: after})
	})
	if err != nil {
		return fmt.Errorf("save return texts: %w", err)
	}
	// The section's version is read from Settings.
	s.invalidateSettings()
	return nil
}
