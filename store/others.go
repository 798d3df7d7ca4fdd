package store

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

const (
	// OthersEvery is how often the store asks whether another process
	// wrote the database.
	OthersEvery = time.Second
	// othersWait is how long asking waits for the write connection,
	// which a caller outside the writer slot may hold (the session
	// store's cleanup); past it the answer counts as a yes.
	othersWait = 100 * time.Millisecond
)

// othersWatch is what the store knows of other processes' writes
// (OthersMark).
type othersWatch struct {
	asking  atomic.Bool // one caller asks at a time; the others go on
	version atomic.Int64
	mu      sync.Mutex
	asked   time.Time // when SQLite last answered
	mark    time.Time // when it last said yes, or could not answer
}

// OthersMark is when the store last learned that another process (a
// second server, a command run beside this one) wrote the database: a
// copy of anything read from it before then may be out of date; one read
// since is as current as this process's own writes keep it. Copies in
// memory so stay good until another process writes, where a timer would
// have them read again every time.
//
// It asks SQLite at most once every OthersEvery by the caller's clock,
// one caller at a time; the others get the mark as it stands. The mark is
// the time of the answer, not of the question: a copy read between the
// two may predate the write the answer saw.
//
// Asking takes the writer slot (tx), and only when it is free: the write
// connection is the one to ask on, and a caller inside a transaction (an
// order reads the live promotions) would otherwise wait for its own
// connection until othersWait ran out, holding every order behind it,
// and then take the timeout for a yes. With the writer busy the mark
// stands and a later caller asks.
func (s *Store) OthersMark(clock func() time.Time) time.Time {
	w := &s.others
	w.mu.Lock()
	due := clock().Sub(w.asked) >= OthersEvery
	mark := w.mark
	w.mu.Unlock()
	if !due || !w.asking.CompareAndSwap(false, true) {
		return mark
	}
	defer w.asking.Store(false)
	select {
	case s.writer <- struct{}{}:
	default:
		return mark
	}
	ctx, cancel := context.WithTimeout(context.Background(), othersWait)
	wrote, err := s.othersWrote(ctx)
	cancel()
	<-s.writer
	now := clock()
	w.mu.Lock()
	defer w.mu.Unlock()
	w.asked = now
	if wrote || err != nil {
		w.mark = now
	}
	return w.mark
}

// othersWrote reports whether another process committed since the
// previous call (Open makes the first). It reads SQLite's data_version on the
// write connection, which moves only when some other connection commits;
// this store's readers never write and its checkpoints change no data, so
// a move means another process.
func (s *Store) othersWrote(ctx context.Context) (bool, error) {
	var v int64
	if err := s.write.QueryRowContext(ctx, `PRAGMA data_version`).Scan(&v); err != nil {
		return true, fmt.Errorf("data version: %w", err)
	}
	return s.others.version.Swap(v) != v, nil
}
