package store

import (
	"context"
	"fmt"
)

// OthersWrote reports whether another process committed to the database
// file since the previous call (true on the first). It reads SQLite's
// data_version on the write connection, which moves only when some other
// connection commits; this store's readers never write and its
// checkpoints change no data, so a move means another process (a second
// server, a command run beside this one). A copy in memory of what another
// process may change is good until this says so, where a timer would
// read it again every time.
func (s *Store) OthersWrote(ctx context.Context) (bool, error) {
	var v int64
	if err := s.write.QueryRowContext(ctx, `PRAGMA data_version`).Scan(&v); err != nil {
		return true, fmt.Errorf("data version: %w", err)
	}
	return s.dataVersion.Swap(v) != v, nil
}
