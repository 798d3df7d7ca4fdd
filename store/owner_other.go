//go:build !unix

package store

// ownLikeDatabase has nothing to do where files have no Unix owner.
func ownLikeDatabase(name, path string) error { return nil }
