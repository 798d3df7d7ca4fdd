package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"storefront/store"
)

// crashChildEnv makes the test binary run `storefront serve` instead of the
// tests (see TestMain), so that TestCrashLosesNoConfirmedOrder can kill a
// real server process.
const crashChildEnv = "STOREFRONT_CRASH_CHILD"

// TestMain makes the test binary the crash test's server when
// crashChildEnv is set.
func TestMain(m *testing.M) {
	if os.Getenv(crashChildEnv) != "" {
		runCrashChild()
	}
	os.Exit(m.Run())
}

// runCrashChild serves the shop with the arguments in the environment
// until it is killed.
func runCrashChild() {
	args := strings.Fields(os.Getenv(crashChildEnv))
	err := cmdServe(context.Background(), args, os.Getenv, io.Discard, io.Discard, false)
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}

// TestCrashLosesNoConfirmedOrder kills the server with SIGKILL in the
// middle of a checkout load. Every order whose confirmation page a buyer
// was sent to must survive the restart, stock must agree with the orders,
// and the database must pass integrity_check.
func TestCrashLosesNoConfirmedOrder(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills a server process")
	}
	db := filepath.Join(t.TempDir(), "shop.db")
	const initialStock = 100000
	variantID := seedCrashShop(t, db, initialStock)
	addr := freeAddr(t)

	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), crashChildEnv+"=--addr "+addr+" --db "+db)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	killed := false
	defer func() {
		if !killed {
			cmd.Process.Kill()
			cmd.Wait()
		}
	}()
	waitForServer(t, "http://"+addr+"/healthz")

	var confirmed sync.Map // order number → buyer saw its confirmation
	var count atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				number, err := buyOnce("http://"+addr, variantID)
				if err != nil {
					continue // the server died under us: that order was never confirmed
				}
				confirmed.Store(number, true)
				count.Add(1)
			}
		})
	}
	deadline := time.Now().Add(20 * time.Second)
	for count.Load() < 150 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	killed = true
	close(stop)
	wg.Wait()
	if count.Load() == 0 {
		t.Fatal("no order was placed before the kill")
	}

	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var check string
	if err := st.DB().QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check = %q, %v", check, err)
	}
	lost := 0
	confirmed.Range(func(k, _ any) bool {
		if _, err := st.OrderByNumber(context.Background(), k.(string)); err != nil {
			lost++
			t.Errorf("confirmed order %s: %v", k, err)
		}
		return true
	})
	var sold, stock int64
	st.DB().QueryRow(`SELECT coalesce(sum(quantity), 0) FROM order_lines WHERE variant_id = ?`, variantID).Scan(&sold)
	st.DB().QueryRow(`SELECT stock FROM variants WHERE id = ?`, variantID).Scan(&stock)
	if stock+sold != initialStock {
		t.Errorf("stock %d + sold %d != %d", stock, sold, initialStock)
	}
	t.Logf("%d orders confirmed before SIGKILL, %d lost, %d units sold", count.Load(), lost, sold)
}

func seedCrashShop(t *testing.T, db string, stock int64) (variantID int64) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	_, _, err = st.SaveProduct(ctx, store.ProductInput{Handle: "tea", Title: "Tea", Status: store.StatusActive,
		Variants: []store.VariantInput{{SKU: "TEA", Price: 1200, Stock: stock}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateShippingMethod(ctx, store.Actor{}, store.ShippingMethodInput{
		Name: store.Plain("Post"), Kind: store.ShippingFlat, Price: 500, Active: true}); err != nil {
		t.Fatal(err)
	}
	// Buyers pay by bank transfer, which needs the bank's details, in a
	// shop past setup (before it, shoppers see "opening soon").
	if err := st.SetSetting(ctx, store.SettingBankTransferInstructions, "Test Bank · IBAN XX00 0000 0000"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateOwnerIfNone(ctx, store.Actor{}, store.StaffInput{
		Email: "owner@example.com", Password: "owner password 123"}); err != nil {
		t.Fatal(err)
	}
	p, err := st.ProductByHandle(ctx, "tea", false)
	if err != nil {
		t.Fatal(err)
	}
	return p.Variants[0].ID
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func waitForServer(t *testing.T, url string) {
	t.Helper()
	for range 200 {
		if resp, err := http.Get(url); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(25 * time.Millisecond)
	}
	t.Fatal("server did not start")
}

var orderLocationRE = regexp.MustCompile(`^/orders/([A-Z0-9-]+)\?key=`)

// buyOnce is one shopper without JavaScript: add to cart, open checkout,
// submit it. It returns the order number the shopper was redirected to.
func buyOnce(base string, variantID int64) (string, error) {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: 5 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	if _, err := postForm(c, base+"/cart/add", url.Values{"variant_id": {fmt.Sprint(variantID)}, "quantity": {"1"}}); err != nil {
		return "", err
	}
	resp, err := c.Get(base + "/checkout")
	if err != nil {
		return "", err
	}
	doc, err := goquery.NewDocumentFromReader(resp.Body)
	resp.Body.Close()
	if err != nil {
		return "", err
	}
	token, _ := doc.Find(`input[name="checkout_token"]`).Attr("value")
	method, _ := doc.Find(`input[name="shipping_method"]`).First().Attr("value")
	if token == "" || method == "" {
		return "", errors.New("checkout form without token or shipping method")
	}
	loc, err := postForm(c, base+"/checkout", url.Values{
		"checkout_token": {token}, "email": {"crash@example.com"}, "name": {"Crash Test"},
		"address_line1": {"1 Main St"}, "city": {"Springfield"}, "postal_code": {"12345"}, "country": {"US"},
		"shipping_method": {method}, "payment_method": {"bank_transfer"},
	})
	if err != nil {
		return "", err
	}
	m := orderLocationRE.FindStringSubmatch(loc)
	if m == nil {
		return "", fmt.Errorf("checkout redirected to %q", loc)
	}
	return m[1], nil
}

// postForm posts and returns the redirect's Location; anything but 303 is an error.
func postForm(c *http.Client, u string, form url.Values) (string, error) {
	resp, err := c.PostForm(u, form)
	if err != nil {
		return "", err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		return "", fmt.Errorf("POST %s: %s", u, resp.Status)
	}
	return resp.Header.Get("Location"), nil
}
