package main

import (
	"errors"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/klauspost/compress/gzip"
)

// errSoldOut is a product page whose add-to-cart button is disabled.
var errSoldOut = errors.New("sold out")

// newTransport keeps one connection per worker open and, like a browser,
// asks for gzip itself (so the shop compresses as it does for browsers).
func newTransport(conns int) *http.Transport {
	return &http.Transport{
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		DisableCompression:  true,
		MaxIdleConns:        2 * conns,
		MaxIdleConnsPerHost: 2 * conns,
		IdleConnTimeout:     90 * time.Second,
	}
}

// browser is one shopper: a cookie jar on a shared transport that does not
// follow redirects, as a browser without JavaScript sees each 303.
type browser struct {
	client *http.Client
	base   string
	steps  *steps // if set, each request's time is added to it
}

// browserTimeout is how long a request may take, its response read whole.
const browserTimeout = 30 * time.Second

func newBrowser(tr http.RoundTripper, base string) *browser {
	jar, _ := cookiejar.New(nil)
	b := &browser{base: base, client: &http.Client{Transport: tr, Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	// A wire times its requests out itself, without the goroutine per
	// request that Client.Timeout starts.
	if _, ok := tr.(*wire); !ok {
		b.client.Timeout = browserTimeout
	}
	return b
}

// get fetches path and returns the page, gunzipped.
func (b *browser) get(path string) (string, error) {
	req, err := http.NewRequest(http.MethodGet, b.base+path, nil)
	if err != nil {
		return "", err
	}
	req.Header.Set("Accept-Encoding", "gzip")
	defer b.steps.add(req, time.Now())
	resp, err := b.client.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	page, err := readPage(resp.Header.Get("Content-Encoding"), resp.Body)
	if err != nil {
		return "", fmt.Errorf("GET %s: %w", path, err)
	}
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("GET %s: status %d", path, resp.StatusCode)
	}
	return page, nil
}

// gunzips are gzip readers to reuse. With a new reader of the standard
// library's each time, gunzipping was a quarter of the tool's CPU in a
// purchase run, as much as its system calls: 99 µs for a product page of
// 15 KB. klauspost's (the library the shop compresses with), reused,
// takes 31.
var gunzips sync.Pool

// readPage reads a response's body whole, gunzipped if its
// Content-Encoding is gzip.
func readPage(encoding string, body io.Reader) (string, error) {
	if encoding != "gzip" {
		page, err := io.ReadAll(body)
		return string(page), err
	}
	zr, _ := gunzips.Get().(*gzip.Reader)
	var err error
	if zr == nil {
		zr, err = gzip.NewReader(body)
	} else {
		err = zr.Reset(body)
	}
	if err != nil {
		return "", err
	}
	defer gunzips.Put(zr)
	var page strings.Builder
	_, err = io.Copy(&page, zr)
	return page.String(), err
}

// post submits a form and returns the redirect target of the 303 it expects.
func (b *browser) post(path string, form url.Values) (string, error) {
	req, err := http.NewRequest(http.MethodPost, b.base+path, strings.NewReader(form.Encode()))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept-Encoding", "gzip")
	defer b.steps.add(req, time.Now())
	resp, err := b.client.Do(req)
	if err != nil {
		return "", err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode == http.StatusConflict {
		return "", fmt.Errorf("POST %s: %w", path, errChanged)
	}
	if resp.StatusCode != http.StatusSeeOther {
		return "", fmt.Errorf("POST %s: status %d", path, resp.StatusCode)
	}
	return resp.Header.Get("Location"), nil
}

// errChanged is the shop's 409: what the form showed changed meanwhile.
var errChanged = errors.New("status 409")

// addToCart opens a product page and submits its add-to-cart form as it
// is (the variant it shows, any hidden field), quantity 1.
func (b *browser) addToCart(product string) error {
	page, err := b.get("/products/" + product)
	if err != nil {
		return err
	}
	form, ok := formWith(page, `class="add-to-cart"`)
	if !ok {
		return fmt.Errorf("product %s: no add-to-cart form", product)
	}
	if strings.Contains(form, `type="submit" disabled`) {
		return errSoldOut
	}
	values := hiddenInputs(form)
	values.Set("quantity", "1")
	_, err = b.post("/cart/add", values)
	return err
}

// openCheckout opens the checkout page and fills its form as a guest with
// this email, paying by bank transfer, with the shipping method the page
// preselects.
func (b *browser) openCheckout(email string) (url.Values, error) {
	page, err := b.get("/checkout")
	if err != nil {
		return nil, err
	}
	form, ok := formWith(page, `name="checkout_token"`)
	if !ok {
		return nil, errors.New("GET /checkout: no checkout form")
	}
	values := hiddenInputs(form)
	values.Set("shipping_method", checkedRadio(form, "shipping_method"))
	values.Set("payment_method", "bank_transfer")
	values.Set("email", email)
	values.Set("name", "Load Buyer")
	values.Set("address_line1", "1 Main St")
	values.Set("city", "Springfield")
	values.Set("postal_code", "12345")
	values.Set("country", "US")
	return values, nil
}

// placeOrder submits the checkout form; the shop answers 303 to the order.
// Told that the order changed since the page (409: a free gift's last unit
// went to another buyer, as happens under load, where the page read again
// may show the next last unit, which goes too), the buyer looks at the
// checkout again and places it, up to three times, as a shopper would.
func (b *browser) placeOrder(form url.Values) error {
	to, err := b.post("/checkout", form)
	for tries := 1; errors.Is(err, errChanged) && tries < 3; tries++ {
		if form, err = b.openCheckout(form.Get("email")); err != nil {
			return err
		}
		to, err = b.post("/checkout", form)
	}
	if err != nil {
		return err
	}
	if !strings.HasPrefix(to, "/orders/") {
		return fmt.Errorf("POST /checkout: 303 to %q, not an order", to)
	}
	return nil
}

// cookie is the Cookie header the browser would send, for the hot loops
// that skip the jar.
func (b *browser) cookie() string {
	u, _ := url.Parse(b.base)
	var parts []string
	for _, c := range b.client.Jar.Cookies(u) {
		parts = append(parts, c.Name+"="+c.Value)
	}
	return strings.Join(parts, "; ")
}

// steps sums the time of each kind of request ("GET /products"), so a
// report can say where a purchase's time goes.
type steps struct {
	mu    sync.Mutex
	kinds []string
	sum   map[string]time.Duration
	n     map[string]int
}

func newSteps() *steps { return &steps{sum: map[string]time.Duration{}, n: map[string]int{}} }

func (s *steps) add(req *http.Request, start time.Time) {
	if s == nil {
		return
	}
	d := time.Since(start)
	kind := req.URL.Path
	if i := strings.IndexByte(kind[1:], '/'); i >= 0 && req.Method == http.MethodGet {
		kind = kind[:i+1]
	}
	kind = req.Method + " " + kind
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.n[kind] == 0 {
		s.kinds = append(s.kinds, kind)
	}
	s.sum[kind] += d
	s.n[kind]++
}

// print writes each kind's mean time, in the order first seen.
func (s *steps) print(w io.Writer) {
	for _, k := range s.kinds {
		fmt.Fprintf(w, "  %-16s %6d × %7.2f ms mean\n", k, s.n[k], ms(s.sum[k])/float64(s.n[k]))
	}
}

// The HTML readers below are plain string searches: the purchase loop
// reads a token and a variant id as a buyer's browser does, and a parser
// there would measure the load generator rather than the shop.

// formWith returns the <form>…</form> that contains marker.
func formWith(page, marker string) (string, bool) {
	i := strings.Index(page, marker)
	if i < 0 {
		return "", false
	}
	start := strings.LastIndex(page[:i], "<form")
	end := strings.Index(page[i:], "</form>")
	if start < 0 || end < 0 {
		return "", false
	}
	return page[start : i+end], true
}

// inputs calls fn with each <input> tag in s.
func inputs(s string, fn func(tag string)) {
	for {
		i := strings.Index(s, "<input")
		if i < 0 {
			return
		}
		s = s[i:]
		j := strings.IndexByte(s, '>')
		if j < 0 {
			return
		}
		fn(s[:j])
		s = s[j:]
	}
}

// attr is a double-quoted attribute's value in tag ("" if absent).
func attr(tag, name string) string {
	i := strings.Index(tag, " "+name+`="`)
	if i < 0 {
		return ""
	}
	v := tag[i+len(name)+3:]
	if j := strings.IndexByte(v, '"'); j >= 0 {
		v = v[:j]
	}
	return html.UnescapeString(v)
}

func hiddenInputs(form string) url.Values {
	values := url.Values{}
	inputs(form, func(tag string) {
		if attr(tag, "type") == "hidden" && attr(tag, "name") != "" {
			values.Add(attr(tag, "name"), attr(tag, "value"))
		}
	})
	return values
}

// checkedRadio is the value of the checked radio named name, else the first.
func checkedRadio(form, name string) string {
	var first, checked string
	inputs(form, func(tag string) {
		if attr(tag, "type") != "radio" || attr(tag, "name") != name {
			return
		}
		if first == "" {
			first = attr(tag, "value")
		}
		if checked == "" && (strings.Contains(tag, " checked ") || strings.HasSuffix(tag, " checked")) {
			checked = attr(tag, "value")
		}
	})
	if checked != "" {
		return checked
	}
	return first
}
