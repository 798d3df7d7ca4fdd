package store

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestGroupCommitKeepsEachOutcome queues five writes behind a held writer
// slot, so that they run as one transaction, and checks that each gets its
// own outcome: a failure or a panic undoes only its own rows, a write
// whose caller gave up runs not at all, and the others commit.
func TestGroupCommitKeepsEachOutcome(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	if _, err := s.write.Exec(`CREATE TABLE scratch (v INTEGER NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	insert := func(v int) func(*sql.Tx) error {
		return func(tx *sql.Tx) error {
			_, err := tx.Exec(`INSERT INTO scratch (v) VALUES (?)`, v)
			return err
		}
	}
	refused := errors.New("refused")
	gone, cancel := context.WithCancel(ctx)
	writes := []struct {
		ctx context.Context
		fn  func(*sql.Tx) error
	}{
		{ctx, insert(1)},
		{ctx, func(tx *sql.Tx) error { insert(2)(tx); return refused }},
		{ctx, func(tx *sql.Tx) error { insert(3)(tx); panic("boom") }},
		{gone, insert(4)},
		{ctx, insert(5)},
	}

	s.writer <- struct{}{} // hold the slot while they queue
	errs := make([]error, len(writes))
	var wg sync.WaitGroup
	for i, w := range writes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = s.tx(w.ctx, w.fn)
		}()
		for len(s.pending) < i+1 { // queue in order
			time.Sleep(time.Millisecond)
		}
	}
	cancel()
	<-s.writer
	wg.Wait()

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
	var got []int
	rows, err := s.read.Query(`SELECT v FROM scratch ORDER BY v`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var v int
		rows.Scan(&v)
		got = append(got, v)
	}
	if !slices.Equal(got, []int{1, 5}) {
		t.Errorf("committed rows %v, want [1 5]", got)
	}
}

// TestGroupCommitLosesTheTransaction: when a write ends the shared
// transaction itself (here by rolling it back; in life a full disk),
// every write in it hears an error, none is committed, and the next
// write works.
func TestGroupCommitLosesTheTransaction(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	if _, err := s.write.Exec(`CREATE TABLE scratch (v INTEGER NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	insert := func(v int) func(*sql.Tx) error {
		return func(tx *sql.Tx) error {
			_, err := tx.Exec(`INSERT INTO scratch (v) VALUES (?)`, v)
			return err
		}
	}
	writes := []func(*sql.Tx) error{
		insert(1),
		func(tx *sql.Tx) error { tx.Exec(`ROLLBACK`); return errors.New("disk full") },
		insert(3),
	}
	s.writer <- struct{}{}
	errs := make([]error, len(writes))
	var wg sync.WaitGroup
	for i, fn := range writes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = s.tx(ctx, fn)
		}()
		for len(s.pending) < i+1 {
			time.Sleep(time.Millisecond)
		}
	}
	<-s.writer
	wg.Wait()
	for i, err := range errs {
		if err == nil {
			t.Errorf("write %d succeeded in a lost transaction", i)
		}
	}
	if err := s.tx(ctx, insert(4)); err != nil {
		t.Fatalf("the next write: %v", err)
	}
	var got []int
	rows, err := s.read.Query(`SELECT v FROM scratch ORDER BY v`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var v int
		rows.Scan(&v)
		got = append(got, v)
	}
	if !slices.Equal(got, []int{4}) {
		t.Errorf("committed rows %v, want [4]", got)
	}
}
