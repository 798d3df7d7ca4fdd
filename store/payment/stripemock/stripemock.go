// Package stripemock gives tests a Stripe API to talk to: stripe-mock
// (go install github.com/stripe/stripe-mock@v0.203.0), the one that .ci/run
// starts, or one the test starts itself.
package stripemock

import (
	"bufio"
	"context"
	"go/build"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Env names a running stripe-mock's base URL (.ci/run sets it).
const Env = "STOREFRONT_STRIPE_MOCK"

// URL is the base URL of a stripe-mock for t: the one Env names, or one
// started from PATH or $GOPATH/bin on a free loopback port and stopped when
// t ends. Without stripe-mock the test is skipped, unless STOREFRONT_E2E=1
// (CI), where that is a failure.
func URL(t testing.TB) string {
	t.Helper()
	if u := os.Getenv(Env); u != "" {
		return strings.TrimRight(u, "/")
	}
	bin := find()
	if bin == "" {
		msg := "stripe-mock not found: go install github.com/stripe/stripe-mock@v0.203.0, or set " + Env
		if os.Getenv("STOREFRONT_E2E") == "1" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return start(t, bin)
}

func find() string {
	if p, err := exec.LookPath("stripe-mock"); err == nil {
		return p
	}
	for _, dir := range filepath.SplitList(build.Default.GOPATH) {
		p := filepath.Join(dir, "bin", "stripe-mock")
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return ""
}

// start runs bin on ports the system picks and reads the HTTP one from its
// log line "Listening for HTTP at address: 127.0.0.1:NNNN".
func start(t testing.TB, bin string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin, "-http-addr", "127.0.0.1:", "-https-addr", "127.0.0.1:")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		t.Fatalf("start stripe-mock: %v", err)
	}
	t.Cleanup(func() {
		cancel()
		cmd.Wait()
	})
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if a, ok := strings.CutPrefix(sc.Text(), "Listening for HTTP at address: "); ok {
				addr <- a
				break
			}
		}
		io.Copy(io.Discard, out) // keep its pipe drained until it exits
	}()
	select {
	case a := <-addr:
		u := "http://" + a
		waitReady(t, u)
		return u
	case <-time.After(30 * time.Second):
		t.Fatal("stripe-mock did not say where it listens")
		return ""
	}
}

func waitReady(t testing.TB, u string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		res, err := http.Get(u + "/v1/charges")
		if err == nil {
			res.Body.Close()
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("stripe-mock at %s: %v", u, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
