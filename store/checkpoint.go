package store

import (
	"database/sql"
	"sync"
	"sync/atomic"
	"time"
)

// checkpointEvery is how often the checkpointer copies what was committed
// into the database file.
const checkpointEvery = 250 * time.Millisecond

// writerCheckpointPages is the write-ahead log's size in pages (4 KB each)
// at which the writer checkpoints by itself: only when the checkpointer
// falls behind, or for a process without one.
const writerCheckpointPages = 10000

// checkpointer copies the write-ahead log into the database file on a
// connection of its own, beside the writer. SQLite's automatic checkpoint
// runs inside the commit that fills the log to 1,000 pages: under a sale
// that was every few commits, a fifth of the writer's time, with every
// buyer queued behind it, and a busy page copied again at each one.
type checkpointer struct {
	db    *sql.DB
	dirty atomic.Bool // a commit since the last checkpoint
	stop  chan struct{}
	done  chan struct{}
	once  sync.Once
}

func startCheckpointer(db *sql.DB) *checkpointer {
	c := &checkpointer{db: db, stop: make(chan struct{}), done: make(chan struct{})}
	go c.run()
	return c
}

func (c *checkpointer) run() {
	defer close(c.done)
	t := time.NewTicker(checkpointEvery)
	defer t.Stop()
	for {
		select {
		case <-c.stop:
			return
		case <-t.C:
		}
		if c.dirty.Swap(false) {
			// PASSIVE waits for no reader and no writer; frames a reader
			// still needs are copied next time. A failure is left to the
			// writer's own checkpoint (writerCheckpointPages).
			c.db.Exec(`PRAGMA wal_checkpoint(PASSIVE)`)
		}
	}
}

// close stops the checkpointer and closes its connection; closing a
// closed store again is harmless.
func (c *checkpointer) close() error {
	c.once.Do(func() { close(c.stop) })
	<-c.done
	return c.db.Close()
}
