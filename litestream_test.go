package main

import (
	"context"
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"storefront/store"
	"storefront/web/webtest"
)

// The paths of README's Litestream example, which the test moves into a
// temp folder.
const (
	readmeDB      = "/var/lib/storefront/storefront.db"
	readmeReplica = "/var/backups/storefront-replica"
)

// TestLitestreamExample runs README's Litestream configuration beside a
// shop: litestream replicates the shop's database to a file replica, a
// shopper places an order, and the replica restored with `litestream
// restore` and put in place by `storefront restore` has that order.
func TestLitestreamExample(t *testing.T) {
	bin := findGoBinary("litestream")
	if bin == "" {
		msg := "litestream not found: go install github.com/benbjohnson/litestream/cmd/litestream@v0.5.18"
		if os.Getenv("STOREFRONT_E2E") == "1" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	shop := webtest.New(t)
	shop.SeedFixture()
	flat, _ := shop.AddShipping()
	db, err := shop.Store.Path(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	config := filepath.Join(dir, "litestream.yml")
	yml := strings.NewReplacer(readmeDB, db, readmeReplica, filepath.Join(dir, "replica")).Replace(readmeLitestreamConfig(t))
	if err := os.WriteFile(config, []byte(yml), 0o600); err != nil {
		t.Fatal(err)
	}

	replicate := exec.Command(bin, "replicate", "-config", config)
	logs := &strings.Builder{}
	replicate.Stdout, replicate.Stderr = logs, logs
	if err := replicate.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- replicate.Wait() }()
	t.Cleanup(func() {
		replicate.Process.Signal(syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			replicate.Process.Kill()
		}
	})

	order := shop.PlaceOrder("en", store.PayCOD, flat)

	// Replication runs every second or so: restore the replica until it
	// has the order.
	var recovered string
	for attempt, deadline := 0, time.Now().Add(60*time.Second); ; attempt++ {
		out := filepath.Join(dir, "recovered"+itoa(int64(attempt))+".db")
		cmd := exec.Command(bin, "restore", "-config", config, "-o", out, db)
		msg, err := cmd.CombinedOutput()
		if err == nil && hasOrder(t, out, order.Number) {
			recovered = out
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the replica never had order %s; last restore: %v\n%s\nlitestream replicate:\n%s", order.Number, err, msg, logs)
		}
		time.Sleep(500 * time.Millisecond)
	}

	// storefront restore accepts litestream's file and puts it in place.
	target := filepath.Join(dir, "shop.db")
	if msg, err := runCmd("restore", "--db", target, "--from", recovered); err != nil {
		t.Fatalf("storefront restore: %v\n%s", err, msg)
	}
	if !hasOrder(t, target, order.Number) {
		t.Errorf("restored shop lacks order %s", order.Number)
	}
}

// readmeLitestreamConfig is README's Litestream example: the yaml block
// that configures dbs.
func readmeLitestreamConfig(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, block := range strings.Split(string(b), "```yaml\n")[1:] {
		block, _, _ = strings.Cut(block, "```")
		if strings.Contains(block, "dbs:") && strings.Contains(block, readmeDB) && strings.Contains(block, readmeReplica) {
			return block
		}
	}
	t.Fatal("README has no Litestream example (a yaml block with dbs:, " + readmeDB + " and " + readmeReplica + ")")
	return ""
}

// hasOrder reports whether the database at path passes storefront's
// checks and holds the order numbered number. It only reads the file.
func hasOrder(t *testing.T, path, number string) bool {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		return false
	}
	if _, err := store.CheckDatabaseFile(context.Background(), path); err != nil {
		t.Logf("%s: %v", path, err)
		return false
	}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro&immutable=1")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM orders WHERE number = ?`, number).Scan(&n); err != nil {
		t.Logf("%s: %v", path, err)
	}
	return n == 1
}
