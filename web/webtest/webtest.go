// Package webtest runs the real shop for tests: the whole HTTP handler on a
// temporary SQLite file behind httptest, a client that keeps cookies and
// does not follow redirects (a browser without JavaScript), a clock tests
// can move, and the helpers that sign in staff, stock a small catalog and
// place orders.
package webtest

import (
	"bytes"
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"storefront/mail"
	"storefront/store"
	"storefront/store/payment"
	"storefront/web"
	"storefront/web/kit"
)

// Shop is the real shop behind a real HTTP server, and one browser on it.
type Shop struct {
	T      testing.TB
	Store  *store.Store
	Server *httptest.Server
	Client *http.Client
	// Handler is the shop's whole handler, for benchmarks that call it
	// without a network in between.
	Handler http.Handler
	Clock   *Clock // the store's clock; advance it to test expiry
	// SetupToken unlocks the first-run page /admin/setup.
	SetupToken string
	Emails     *mail.Sender   // the outbox's sender, as the serve command's job uses it
	Payments   *payment.Flows // the Stripe flows, as the expiry job uses them
	opts       options
}

type options struct {
	stripeAPIBase string
	smtp          mail.SMTP
	log           *slog.Logger
	fresh         bool
	read, write   time.Duration
}

// Option changes how New builds the shop.
type Option func(*options)

// WithStripe points the shop's Stripe client at apiBase (stripe-mock, or a
// test's own server).
func WithStripe(apiBase string) Option { return func(o *options) { o.stripeAPIBase = apiBase } }

// WithSMTP gives the shop a mail server to send its emails through.
func WithSMTP(c mail.SMTP) Option { return func(o *options) { o.smtp = c } }

// WithLog gives the shop a logger (by default its logs are dropped).
func WithLog(l *slog.Logger) Option { return func(o *options) { o.log = l } }

// WithTimeouts gives the shop's server read and write timeouts, as the
// serve command's has (30 and 60 s), for tests of a slow client.
func WithTimeouts(read, write time.Duration) Option {
	return func(o *options) { o.read, o.write = read, write }
}

// Fresh starts the shop as `serve` on a new file does: no staff, so the
// admin asks for setup and shoppers see "opening soon". Without it the
// shop is past setup: it has an owner (OwnerEmail), an address (for local
// pickup) and bank details (for bank transfer), but no shipping method
// (AddShipping adds those the tests pick from).
func Fresh() Option { return func(o *options) { o.fresh = true } }

// OwnerEmail is the account New gives a shop that is not Fresh.
const OwnerEmail = "first-owner@example.com"

// New starts a shop on a new database file in t's temp dir.
func New(t testing.TB, opts ...Option) *Shop {
	t.Helper()
	s := &Shop{T: t, Clock: &Clock{}}
	for _, o := range opts {
		o(&s.opts)
	}
	if s.opts.log == nil {
		// The server's warnings and errors, told only when the test fails:
		// a 500's cause is in them, and a flaky one is seen once.
		log := &lockedBuffer{}
		s.opts.log = slog.New(slog.NewTextHandler(log, &slog.HandlerOptions{Level: slog.LevelWarn}))
		t.Cleanup(func() {
			if t.Failed() {
				t.Logf("the server's warnings and errors:\n%s", log.String())
			}
		})
	}
	s.start(filepath.Join(t.TempDir(), "shop.db"))
	if !s.opts.fresh {
		s.openShop()
	}
	jar, _ := cookiejar.New(nil)
	s.Client = &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	return s
}

// openShop makes the shop one past setup (see Fresh).
func (s *Shop) openShop() {
	s.T.Helper()
	ctx := context.Background()
	if _, err := s.Store.CreateStaff(ctx, store.Actor{}, store.StaffInput{
		Email: OwnerEmail, Name: "First Owner", Password: Password, Role: store.RoleOwner}); err != nil {
		s.T.Fatal(err)
	}
	for k, v := range map[string]string{
		store.SettingAddress:                  "1 Test Street\nTestville",
		store.SettingBankTransferInstructions: "Test Bank · IBAN XX00 0000 0000",
	} {
		if err := s.Store.SetSetting(ctx, k, v); err != nil {
			s.T.Fatal(err)
		}
	}
}

// start opens the database at path and serves a new shop on it, with a
// new setup token, as the serve command does on start.
func (s *Shop) start(path string) {
	s.T.Helper()
	st, err := store.Open(context.Background(), path)
	if err != nil {
		s.T.Fatal(err)
	}
	s.T.Cleanup(func() { st.Close() })
	st.Now = s.Clock.Now
	s.Store = st
	s.SetupToken = rand.Text()
	s.Emails = mail.NewSender(st, s.opts.log, s.opts.smtp, "http://localhost")
	s.Payments = payment.NewFlows(st, s.opts.stripeAPIBase)
	// The shop's listen address is its base URL (kit.Deps.BaseURL), as for
	// `serve` without --base-url: the server is made first to know it.
	s.Server = httptest.NewUnstartedServer(nil)
	listen := "http://" + s.Server.Listener.Addr().String()
	s.Handler = web.New(web.Config{SetupToken: s.SetupToken, Config: kit.Config{ListenURL: listen}},
		st, s.opts.log, s.Emails, s.Payments)
	s.Server.Config.Handler = s.Handler
	s.Server.Config.ReadTimeout, s.Server.Config.WriteTimeout = s.opts.read, s.opts.write
	s.Server.Start()
	s.T.Cleanup(s.Server.Close)
}

// Restart stops the shop and starts it again on the same database file, as
// a redeploy does: a new handler (so a new setup token) behind a new
// server; what the shop keeps in its database, such as the login
// throttle's failures, stays. The browsers keep their cookies (a cookie
// jar ignores the port) and are pointed at the new server.
func (s *Shop) Restart(browsers ...*Shop) {
	s.T.Helper()
	path, err := s.Store.Path(context.Background())
	if err != nil {
		s.T.Fatal(err)
	}
	s.Server.Close()
	if err := s.Store.Close(); err != nil {
		s.T.Fatal(err)
	}
	s.start(path)
	for _, b := range browsers {
		b.Store, b.Server, b.Handler, b.SetupToken, b.Emails, b.Payments = s.Store, s.Server, s.Handler, s.SetupToken, s.Emails, s.Payments
	}
}

// OtherBrowser is a second browser on the same shop, with its own cookies.
func (s *Shop) OtherBrowser() *Shop {
	b := *s
	jar, _ := cookiejar.New(nil)
	b.Client = &http.Client{Jar: jar, CheckRedirect: s.Client.CheckRedirect}
	return &b
}

// ForgetCookies makes the client a new browser.
func (s *Shop) ForgetCookies() {
	jar, _ := cookiejar.New(nil)
	s.Client.Jar = jar
}

// SessionCookie is the browser's current session cookie value.
func (s *Shop) SessionCookie() string {
	u, _ := url.Parse(s.Server.URL)
	name := kit.Config{}.SessionCookie() // the test shop serves plain HTTP
	for _, c := range s.Client.Jar.Cookies(u) {
		if c.Name == name {
			return c.Value
		}
	}
	return ""
}

// Response is a fetched page: status, headers and body.
type Response struct {
	Status int
	Header http.Header
	Body   string
}

// Doc parses the body as HTML.
func (r Response) Doc(t testing.TB) *goquery.Document {
	t.Helper()
	d, err := goquery.NewDocumentFromReader(strings.NewReader(r.Body))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// Get fetches path; headers are name, value pairs.
func (s *Shop) Get(path string, headers ...string) Response {
	s.T.Helper()
	req, err := http.NewRequest(http.MethodGet, s.Server.URL+path, nil)
	if err != nil {
		s.T.Fatal(err)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	return s.Do(req)
}

// Post submits a form the way a browser does: same-origin, form-encoded.
func (s *Shop) Post(path string, form url.Values, headers ...string) Response {
	s.T.Helper()
	req, err := http.NewRequest(http.MethodPost, s.Server.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		s.T.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	return s.Do(req)
}

// Do sends req with the browser's cookies and reads the whole answer.
func (s *Shop) Do(req *http.Request) Response {
	s.T.Helper()
	res, err := s.Client.Do(req)
	if err != nil {
		s.T.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		s.T.Fatal(err)
	}
	return Response{Status: res.StatusCode, Header: res.Header, Body: string(b)}
}

// PostAtOnce submits form to path from n new browsers at the same moment
// (a double submit, or a link or code used in two places) and checks that
// exactly one is answered 303 and every other one loser.
func (s *Shop) PostAtOnce(t *testing.T, n int, path string, form url.Values, loser int) {
	t.Helper()
	statuses := make([]int, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			req, _ := http.NewRequest(http.MethodPost, s.Server.URL+path, strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			res, err := s.OtherBrowser().Client.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			res.Body.Close()
			statuses[i] = res.StatusCode
		})
	}
	wg.Wait()
	won := 0
	for _, st := range statuses {
		switch st {
		case http.StatusSeeOther:
			won++
		case loser:
		default:
			t.Errorf("POST %s answered %d, want 303 or %d", path, st, loser)
		}
	}
	if won != 1 {
		t.Errorf("%d of %d posts to %s succeeded (%v), want 1", won, n, path, statuses)
	}
}

// Clock is real time plus an offset that tests move; server goroutines
// read it while a test advances it, hence the atomic.
type Clock struct{ offset atomic.Int64 }

// Now is the shop's time.
func (c *Clock) Now() time.Time { return time.Now().Add(time.Duration(c.offset.Load())) }

// Advance moves the shop's time forward by d.
func (c *Clock) Advance(d time.Duration) { c.offset.Add(int64(d)) }

// PostFiles submits a multipart form as a browser does for a form with
// file inputs: the fields, then each named input's files.
func (s *Shop) PostFiles(path string, form url.Values, files map[string][][]byte) Response {
	s.T.Helper()
	return s.PostFilesOver(path, form, files, 0)
}

// PostFilesOver is PostFiles on a slow line: the body goes in ten pieces
// spread over d.
func (s *Shop) PostFilesOver(path string, form url.Values, files map[string][][]byte, d time.Duration) Response {
	s.T.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for name, values := range form {
		for _, v := range values {
			mw.WriteField(name, v)
		}
	}
	for name, datas := range files {
		for i, data := range datas {
			fw, err := mw.CreateFormFile(name, fmt.Sprintf("%s-%d.png", name, i+1))
			if err != nil {
				s.T.Fatal(err)
			}
			fw.Write(data)
		}
	}
	mw.Close()
	size := body.Len()
	req, err := http.NewRequest(http.MethodPost, s.Server.URL+path, SlowBody(body.Bytes(), d))
	if err != nil {
		s.T.Fatal(err)
	}
	req.ContentLength = int64(size)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return s.Do(req)
}

// SlowBody reads body in ten pieces spread over d, as a client on a slow
// line sends it.
func SlowBody(body []byte, d time.Duration) io.Reader {
	return &slowReader{r: bytes.NewReader(body), piece: len(body)/10 + 1, pause: d / 10}
}

// slowReader reads piece bytes at a time, pausing before each.
type slowReader struct {
	r     io.Reader
	piece int
	pause time.Duration
}

func (s *slowReader) Read(b []byte) (int, error) {
	time.Sleep(s.pause)
	return s.r.Read(b[:min(len(b), s.piece)])
}

// lockedBuffer is a log for the server's goroutines to write at once.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
