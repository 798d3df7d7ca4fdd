package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// Actor is who makes a change, as the audit log records it: a signed-in
// staff member with the address they came from, or the zero Actor for the
// command line and the system.
type Actor struct {
	StaffID int64
	Email   string
	IP      string
}

// Audited actions. An action is "entity.verb"; add new ones here so that
// the audit page's filter and its labels (admin.audit.action.*) stay in step.
const (
	ActionLogin         = "staff.login"
	ActionLoginFailed   = "staff.login_failed"
	ActionLogout        = "staff.logout"
	ActionSetup         = "store.setup"
	ActionStaffCreate   = "staff.create"
	ActionStaffPassword = "staff.password"
	ActionSessionRevoke = "staff.session_revoke"
)

// Audited entities.
const (
	EntityStaff = "staff"
)

// AuditEntry is one change to record. Before and After are marshalled to
// JSON (nil stays empty); keep secrets out of them.
type AuditEntry struct {
	Actor    Actor
	Action   string
	Entity   string
	EntityID string
	Before   any
	After    any
}

// audit writes e inside tx, so that a change and its audit row commit or
// roll back together. Every store method that changes something on a staff
// member's behalf calls it before committing.
func (s *Store) audit(ctx context.Context, tx *sql.Tx, e AuditEntry) error {
	before, err := auditJSON(e.Before)
	if err != nil {
		return err
	}
	after, err := auditJSON(e.After)
	if err != nil {
		return err
	}
	var staffID sql.NullInt64
	if e.Actor.StaffID != 0 {
		staffID = sql.NullInt64{Int64: e.Actor.StaffID, Valid: true}
	}
	_, err = tx.ExecContext(ctx, `
		INSERT INTO audit_log (staff_id, staff_email, action, entity, entity_id, before_json, after_json, ip, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		staffID, clip(e.Actor.Email, maxEmailLen), e.Action, e.Entity, clip(e.EntityID, 100), before, after,
		clip(e.Actor.IP, 64), s.Now().Unix())
	if err != nil {
		return fmt.Errorf("audit %s: %w", e.Action, err)
	}
	return nil
}

func auditJSON(v any) (string, error) {
	if v == nil {
		return "", nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("audit json: %w", err)
	}
	return string(b), nil
}

// RecordAudit writes an entry on its own, for events that change nothing
// else in the database, such as a failed sign-in.
func (s *Store) RecordAudit(ctx context.Context, e AuditEntry) error {
	return s.tx(ctx, func(tx *sql.Tx) error { return s.audit(ctx, tx, e) })
}

// AuditFilter selects a page of the audit log; zero fields match anything.
type AuditFilter struct {
	StaffID  int64
	Entity   string
	EntityID string
	Action   string
	From     time.Time // inclusive
	To       time.Time // exclusive
	Page     int
	PerPage  int
}

// AuditRecord is one row of the audit log.
type AuditRecord struct {
	ID         int64
	StaffID    int64 // 0 for the command line and the system
	StaffEmail string
	Action     string
	Entity     string
	EntityID   string
	BeforeJSON string
	AfterJSON  string
	IP         string
	CreatedAt  time.Time
}

// AuditPage is a page of the audit log, newest first.
type AuditPage struct {
	Records []AuditRecord
	Total   int
	Page    int
	PerPage int
}

// Pages is the number of pages, at least 1.
func (p AuditPage) Pages() int {
	if p.PerPage <= 0 || p.Total == 0 {
		return 1
	}
	return (p.Total + p.PerPage - 1) / p.PerPage
}

// AuditLog returns the page of entries that f selects.
func (s *Store) AuditLog(ctx context.Context, f AuditFilter) (AuditPage, error) {
	page := AuditPage{Page: min(max(f.Page, 1), MaxPage), PerPage: f.PerPage}
	if page.PerPage <= 0 || page.PerPage > 200 {
		page.PerPage = 50
	}
	var where []string
	var args []any
	add := func(cond string, arg any) {
		where = append(where, cond)
		args = append(args, arg)
	}
	if f.StaffID != 0 {
		add("staff_id = ?", f.StaffID)
	}
	if f.Entity != "" {
		add("entity = ?", f.Entity)
	}
	if f.EntityID != "" {
		add("entity_id = ?", f.EntityID)
	}
	if f.Action != "" {
		add("action = ?", f.Action)
	}
	if !f.From.IsZero() {
		add("created_at >= ?", f.From.Unix())
	}
	if !f.To.IsZero() {
		add("created_at < ?", f.To.Unix())
	}
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}
	if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM audit_log`+cond, args...).Scan(&page.Total); err != nil {
		return page, fmt.Errorf("audit log: %w", err)
	}
	rows, err := s.read.QueryContext(ctx, `
		SELECT id, coalesce(staff_id, 0), staff_email, action, entity, entity_id, before_json, after_json, ip, created_at
		FROM audit_log`+cond+` ORDER BY id DESC LIMIT ? OFFSET ?`,
		append(args, page.PerPage, (page.Page-1)*page.PerPage)...)
	if err != nil {
		return page, fmt.Errorf("audit log: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r AuditRecord
		var created int64
		if err := rows.Scan(&r.ID, &r.StaffID, &r.StaffEmail, &r.Action, &r.Entity, &r.EntityID,
			&r.BeforeJSON, &r.AfterJSON, &r.IP, &created); err != nil {
			return page, fmt.Errorf("audit log: %w", err)
		}
		r.CreatedAt = time.Unix(created, 0)
		page.Records = append(page.Records, r)
	}
	return page, rows.Err()
}

// AuditFacets lists the distinct actions and entities in the log, for the
// audit page's filter menus.
func (s *Store) AuditFacets(ctx context.Context) (actions, entities []string, err error) {
	for _, q := range []struct {
		sql string
		dst *[]string
	}{
		{`SELECT DISTINCT action FROM audit_log ORDER BY action`, &actions},
		{`SELECT DISTINCT entity FROM audit_log WHERE entity <> '' ORDER BY entity`, &entities},
	} {
		rows, err := s.read.QueryContext(ctx, q.sql)
		if err != nil {
			return nil, nil, fmt.Errorf("audit facets: %w", err)
		}
		for rows.Next() {
			var v string
			if err := rows.Scan(&v); err != nil {
				rows.Close()
				return nil, nil, fmt.Errorf("audit facets: %w", err)
			}
			*q.dst = append(*q.dst, v)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, nil, fmt.Errorf("audit facets: %w", err)
		}
	}
	return actions, entities, nil
}
