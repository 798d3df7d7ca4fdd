package store

import (
	"fmt"
	"io"
)

// Rewind notes where r stands and returns what takes it back there, for a
// file read twice: both imports read theirs once to count each product's
// lines and again to apply them, so that they need not hold the file. A
// pipe cannot be read twice and is refused here, before anything is
// imported.
func Rewind(r io.ReadSeeker) (func() error, error) {
	start, err := r.Seek(0, io.SeekCurrent)
	if err != nil {
		return nil, fmt.Errorf("the file must be one that can be read twice, not a pipe: %w", err)
	}
	return func() error {
		if _, err := r.Seek(start, io.SeekStart); err != nil {
			return fmt.Errorf("read the file again: %w", err)
		}
		return nil
	}, nil
}
