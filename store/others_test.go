package store

import (
	"context"
	"path/filepath"
	"testing"
)

func TestOthersWrote(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "shop.db")
	open := func() *Store {
		s, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	here, other := open(), open()
	ask := func(want bool, when string) {
		t.Helper()
		got, err := here.OthersWrote(ctx)
		if err != nil || got != want {
			t.Errorf("%s: OthersWrote = %v, %v; want %v", when, got, err, want)
		}
	}
	ask(true, "first call")
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
