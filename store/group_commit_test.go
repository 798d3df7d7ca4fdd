package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// scratchStore is a store with an empty table of numbers to write.
func scratchStore(t *testing.T) *Store {
	t.Helper()
	s := newTestStore(t)
	if _, err := s.write.Exec(`CREATE TABLE scratch (v INTEGER NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	return s
}

// insertScratch is a write of v into the scratch table.
func insertScratch(v int) func(*sql.Tx) error {
	return func(tx *sql.Tx) error {
		_, err := tx.Exec(`INSERT INTO scratch (v) VALUES (?)`, v)
		return err
	}
}

// scratchRows is what the scratch table holds, in order.
func scratchRows(t *testing.T, s *Store) []int {
	t.Helper()
	rows, err := s.read.Query(`SELECT v FROM scratch ORDER BY v`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []int
	for rows.Next() {
		var v int
		rows.Scan(&v)
		got = append(got, v)
	}
	return got
}

// queuedWrite is one write for inOneBatch, under its caller's context;
// then, if set, is what its caller does on hearing the outcome.
type queuedWrite struct {
	ctx  context.Context
	fn   func(*sql.Tx) error
	then func()
}

// inOneBatch queues writes in order behind a held writer slot, so that
// they run as one group commit, calls before (with the slot still held),
// then lets them run and returns each one's outcome.
func inOneBatch(s *Store, writes []queuedWrite, before func()) []error {
	s.writer <- struct{}{}
	errs := make([]error, len(writes))
	var wg sync.WaitGroup
	for i, w := range writes {
		wg.Go(func() {
			errs[i] = s.tx(w.ctx, w.fn)
			if w.then != nil {
				w.then()
			}
		})
		for len(s.pending) < i+1 { // queue in order
			time.Sleep(time.Millisecond)
		}
	}
	before()
	<-s.writer
	wg.Wait()
	return errs
}

// TestGroupCommitKeepsEachOutcome queues five writes as one transaction
// and checks that each gets its own outcome: a failure or a panic undoes
// only its own rows, a write whose caller gave up runs not at all, and the
// others commit.
func TestGroupCommitKeepsEachOutcome(t *testing.T) {
	s := scratchStore(t)
	ctx := context.Background()
	refused := errors.New("refused")
	gone, cancel := context.WithCancel(ctx)
	errs := inOneBatch(s, []queuedWrite{
		{ctx, insertScratch(1), nil},
		{ctx, func(tx *sql.Tx) error { insertScratch(2)(tx); return refused }, nil},
		{ctx, func(tx *sql.Tx) error { insertScratch(3)(tx); panic("boom") }, nil},
		{gone, insertScratch(4), nil},
		{ctx, insertScratch(5), nil},
	}, cancel)

	if errs[0] != nil || errs[4] != nil {
		t.Errorf("sound writes failed: %v, %v", errs[0], errs[4])
	}
	if !errors.Is(errs[1], refused) {
		t.Errorf("the refused write returned %v", errs[1])
	}
	if errs[2] == nil || !strings.Contains(errs[2].Error(), "boom") {
		t.Errorf("the panicking write returned %v", errs[2])
	}
	if !errors.Is(errs[3], context.Canceled) {
		t.Errorf("the abandoned write returned %v", errs[3])
	}
	if got := scratchRows(t, s); !slices.Equal(got, []int{1, 5}) {
		t.Errorf("committed rows %v, want [1 5]", got)
	}
}

// TestGroupCommitLosesTheTransaction: when a write ends the shared
// transaction itself (here by rolling it back; in life a full disk),
// every write in it hears an error, none is committed, and the next
// write works.
func TestGroupCommitLosesTheTransaction(t *testing.T) {
	s := scratchStore(t)
	ctx := context.Background()
	errs := inOneBatch(s, []queuedWrite{
		{ctx, insertScratch(1), nil},
		{ctx, func(tx *sql.Tx) error { tx.Exec(`ROLLBACK`); return errors.New("disk full") }, nil},
		{ctx, insertScratch(3), nil},
	}, func() {})
	for i, err := range errs {
		if err == nil {
			t.Errorf("write %d succeeded in a lost transaction", i)
		}
	}
	if err := s.tx(ctx, insertScratch(4)); err != nil {
		t.Fatalf("the next write: %v", err)
	}
	if got := scratchRows(t, s); !slices.Equal(got, []int{4}) {
		t.Errorf("committed rows %v, want [4]", got)
	}
}

// TestGroupCommitRefusalFollowsTheCommit: a write refused for what an
// earlier one in its batch wrote (a checkout for an item the owner just
// removed) hears so once that write is committed, so that its caller's
// next read shows why (the checkout names the item); it heard before the
// commit, and read the table as it was.
func TestGroupCommitRefusalFollowsTheCommit(t *testing.T) {
	s := scratchStore(t)
	ctx := context.Background()
	taken := errors.New("taken")
	var seen []int
	read := make(chan struct{})
	errs := inOneBatch(s, []queuedWrite{
		{ctx, insertScratch(1), nil},
		{ctx, func(tx *sql.Tx) error {
			var n int
			if err := tx.QueryRow(`SELECT count(*) FROM scratch WHERE v = 1`).Scan(&n); err != nil || n > 0 {
				return cmp.Or(err, taken)
			}
			return insertScratch(1)(tx)
		}, func() { seen = scratchRows(t, s); close(read) }},
		// Holds the commit until the refused caller has read, or for a
		// second: it would read before the commit if it heard before it.
		{ctx, func(*sql.Tx) error {
			select {
			case <-read:
			case <-time.After(time.Second):
			}
			return nil
		}, nil},
	}, func() {})
	if errs[0] != nil || !errors.Is(errs[1], taken) || errs[2] != nil {
		t.Fatalf("outcomes %v, want nil, %v and nil", errs, taken)
	}
	if !slices.Equal(seen, []int{1}) {
		t.Errorf("the refused write's caller read %v, want [1]: the row it was refused for", seen)
	}
}
