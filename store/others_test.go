package store

import (
	"context"
	"database/sql"
	"sync"
	"testing"
	"time"
)

func TestOthersWrote(t *testing.T) {
	ctx := context.Background()
	here, other := twoProcesses(t)
	ask := func(want bool, when string) {
		t.Helper()
		got, err := here.othersWrote(ctx)
		if err != nil || got != want {
			t.Errorf("%s: othersWrote = %v, %v; want %v", when, got, err, want)
		}
	}
	here.othersWrote(ctx) // whatever the other store's opening wrote
	ask(false, "nothing written since")
	// This store's own writes, through its queue and its write
	// connection, and its reads, are not another process's.
	if err := here.SetSetting(ctx, SettingStoreName, "Tea House"); err != nil {
		t.Fatal(err)
	}
	if _, err := here.Settings(ctx); err != nil {
		t.Fatal(err)
	}
	ask(false, "after this store wrote")
	if err := other.SetSetting(ctx, SettingStoreName, "Tea Shop"); err != nil {
		t.Fatal(err)
	}
	ask(true, "after another store on the file wrote")
	ask(false, "asked again")
}

func TestOthersMark(t *testing.T) {
	ctx := context.Background()
	here, other := twoProcesses(t)
	here.othersWrote(ctx) // whatever the other store's opening wrote
	now := time.Now()
	clock := func() time.Time { return now }
	if got := here.OthersMark(clock); !got.IsZero() {
		t.Fatalf("with nothing written by another store, mark = %v, want none", got)
	}
	if err := other.SetSetting(ctx, SettingStoreName, "Tea Shop"); err != nil {
		t.Fatal(err)
	}
	now = now.Add(OthersEvery)
	first := here.OthersMark(clock)
	if !first.Equal(now) {
		t.Fatalf("after another store wrote: mark %v, want the answer's time %v", first, now)
	}
	if err := other.SetSetting(ctx, SettingStoreName, "Tea Shop 2"); err != nil {
		t.Fatal(err)
	}
	now = now.Add(OthersEvery / 2)
	if got := here.OthersMark(clock); !got.Equal(first) {
		t.Errorf("asked again within OthersEvery: mark %v, want %v", got, first)
	}
	now = now.Add(OthersEvery / 2)
	if got := here.OthersMark(clock); !got.Equal(now) {
		t.Errorf("after another store wrote: mark %v, want %v", got, now)
	}
	marked := now
	if err := here.SetSetting(ctx, SettingStoreName, "Tea House"); err != nil {
		t.Fatal(err)
	}
	now = now.Add(OthersEvery)
	if got := here.OthersMark(clock); !got.Equal(marked) {
		t.Errorf("after only this store wrote: mark %v, want it unmoved at %v", got, marked)
	}
}

// TestOthersMarkAtOnce: callers at once while an ask is due; one asks,
// the others go on with the mark as it stood, and all then see its answer.
func TestOthersMarkAtOnce(t *testing.T) {
	ctx := context.Background()
	here, other := twoProcesses(t)
	here.othersWrote(ctx) // whatever the other store's opening wrote
	if err := other.SetSetting(ctx, SettingStoreName, "Tea Shop"); err != nil {
		t.Fatal(err)
	}
	start := time.Now().Add(OthersEvery)
	clock := func() time.Time { return start }
	marks := make([]time.Time, 16)
	var wg sync.WaitGroup
	for i := range marks {
		wg.Go(func() { marks[i] = here.OthersMark(clock) })
	}
	wg.Wait()
	for i, m := range marks {
		if !m.IsZero() && !m.Equal(start) {
			t.Errorf("caller %d: mark %v, want none (went on) or the answer's %v", i, m, start)
		}
	}
	if got := here.OthersMark(clock); !got.Equal(start) {
		t.Errorf("after the callers: mark %v, want the answer's %v", got, start)
	}
}

// TestOthersMarkInsideATransaction: a caller inside a transaction (an
// order reading the live promotions) holds the write connection the ask
// needs. It goes on at once with the mark as it stands, without waiting
// and without taking the wait for another process's write; the first
// caller after the transaction asks.
func TestOthersMarkInsideATransaction(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	s.OthersMark(time.Now) // the first ask, which finds nothing
	now := time.Now().Add(OthersEvery)
	clock := func() time.Time { return now }
	err := s.tx(ctx, func(*sql.Tx) error {
		start := time.Now()
		if got := s.OthersMark(clock); !got.IsZero() {
			t.Errorf("inside a transaction: mark %v, want none", got)
		}
		if took := time.Since(start); took >= othersWait/2 {
			t.Errorf("inside a transaction the mark took %v", took)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := s.OthersMark(clock); !got.IsZero() {
		t.Errorf("after the transaction: mark %v, want none", got)
	}
	if !s.others.asked.Equal(now) {
		t.Errorf("after the transaction the store last asked at %v, want %v", s.others.asked, now)
	}
}
