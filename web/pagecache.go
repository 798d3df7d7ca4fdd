package web

import (
	"bytes"
	"container/list"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/alexedwards/scs/v2"

	"storefront/i18n"
	"storefront/store"
	"storefront/web/kit"
)

// pageCache keeps whole rendered catalog pages, the way a CDN would, so
// that a burst of traffic to a product or a popular search costs one
// render; and the cart pages of shoppers who are not signed in, so that
// viewing an unchanged cart again costs no more than a catalog page. An
// entry is valid while the store's catalog version is unchanged (every
// catalog, stock and settings write in this process bumps it), until
// another process (an import, a second server) is seen to write the
// database (store.OthersMark, within about a second), and for ttl: past
// it one visitor renders the page again while the others are served it as
// it was.
//
// When full, a new page takes the least recently used one's place only if
// it was asked for more often lately (askCounts), or the old page is of an
// older catalog version, or past ttl: a page read past ttl is rendered
// again, so nobody read this one since, and in a quiet shop its count may
// be days old. Least-recently-used alone kept nothing of pages asked for
// in turn that outnumber what it holds (10,000 shoppers' carts at 2 KB
// each, a walk through the catalog): each was evicted just before it was
// asked for again. And every page asked for once (a search for a new word,
// a URL with a query string of its own) evicted one that shoppers were
// reading.
type pageCache struct {
	mu       sync.Mutex
	entries  map[string]*list.Element
	flights  map[string]chan struct{} // the renders in progress, by key
	lru      *list.List               // front is most recently used
	asked    *askCounts
	size     int
	maxBytes int
	ttl      time.Duration
	now      func() time.Time
}

type cachedPage struct {
	key     string
	version int64
	stored  time.Time // when its render began
	status  int
	header  http.Header
	body    []byte
}

func newPageCache(maxBytes int, ttl time.Duration) *pageCache {
	// The asks are counted over ten for each page it holds, at 2 KB a
	// page (a cart page, gzipped).
	return &pageCache{entries: map[string]*list.Element{}, lru: list.New(), maxBytes: maxBytes, ttl: ttl, now: time.Now,
		asked: newAskCounts(max(10*maxBytes/2048, 1000))}
}

// get counts an ask for key and returns its page if it was rendered at
// version and at or after stale: fresh within ttl, old past it. A page of
// another version, or from before stale, goes.
func (c *pageCache) get(key string, version int64, stale time.Time) (p *cachedPage, fresh bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.asked.add(key)
	return c.heldLocked(key, version, stale)
}

// held is get for a visitor who asked already (and waited for a render):
// the ask is not counted again.
func (c *pageCache) held(key string, version int64, stale time.Time) (p *cachedPage, fresh bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.heldLocked(key, version, stale)
}

func (c *pageCache) heldLocked(key string, version int64, stale time.Time) (p *cachedPage, fresh bool) {
	el, ok := c.entries[key]
	if !ok {
		return nil, false
	}
	p = el.Value.(*cachedPage)
	if p.version != version || p.stored.Before(stale) {
		c.remove(el)
		return nil, false
	}
	c.lru.MoveToFront(el)
	return p, c.now().Sub(p.stored) <= c.ttl
}

func (c *pageCache) put(p *cachedPage) {
	// A page larger than a sixteenth of the cache, its key (the URL)
	// counted, is not kept: making room for one never evicts every page.
	need := len(p.body) + len(p.key)
	if need > c.maxBytes/16 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.entries[p.key]; ok {
		c.remove(el)
	}
	asked := c.asked.count(p.key)
	for c.size+need > c.maxBytes {
		old := c.lru.Back()
		o := old.Value.(*cachedPage)
		if o.version >= p.version && c.now().Sub(o.stored) <= c.ttl && asked <= c.asked.count(o.key) {
			return // p is not kept: the page it would evict is read as often
		}
		c.remove(old)
	}
	c.entries[p.key] = c.lru.PushFront(p)
	c.size += need
}

// flight registers the caller as key's render, and returns done for it
// to call once the page is kept (or not); if key is being rendered
// already, it returns instead a channel closed when that render ends.
func (c *pageCache) flight(key string) (wait <-chan struct{}, done func()) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if ch, ok := c.flights[key]; ok {
		return ch, nil
	}
	if c.flights == nil {
		c.flights = map[string]chan struct{}{}
	}
	ch := make(chan struct{})
	c.flights[key] = ch
	return nil, func() {
		c.mu.Lock()
		delete(c.flights, key)
		c.mu.Unlock()
		close(ch)
	}
}

func (c *pageCache) remove(el *list.Element) {
	p := c.lru.Remove(el).(*cachedPage)
	delete(c.entries, p.key)
	c.size -= len(p.body) + len(p.key)
}

// cacheablePrefixes are the public catalog pages. They and the cart page
// (pageVersion) are kept; everything else (admin, accounts, checkout,
// language switching) is always rendered fresh.
var cacheablePrefixes = []string{"/collections", "/products/", "/search", "/sitemap"}

func cacheablePath(path string) bool {
	if path == "/" || path == "/cart" {
		return true
	}
	for _, p := range cacheablePrefixes {
		if strings.HasPrefix(path, p) {
			return true
		}
	}
	return false
}

// cachePages serves GETs of catalog pages, and of the cart page to a
// shopper who is not signed in, from the page cache.
func (s *server) cachePages(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if kit.IsPreview(r) {
			// A previewed look (kit.IsPreview) is never stored, here or by a browser.
			w.Header().Set("Cache-Control", "private, no-store")
			next.ServeHTTP(w, r)
			return
		}
		// A request to a host that is not the shop's is answered but never
		// cached: only a page everyone could have asked for is kept.
		if r.Method != http.MethodGet || !cacheablePath(r.URL.Path) || !s.KnownHost(r) {
			next.ServeHTTP(w, r)
			return
		}
		key, visitor, r, ok := s.pageKey(r)
		if !ok {
			next.ServeHTTP(w, r)
			return
		}
		p, fresh := s.cached(key, s.pages.get)
		if fresh {
			s.serveCached(w, r, p, visitor)
			return
		}
		// One render at a time for a page: when a page goes (the catalog
		// changed, or its time is up) every shopper on it misses at once,
		// and each rendered it. The others wait for the first and are
		// served what it kept; a page past its time alone is served to
		// them as it was meanwhile.
		wait, done := s.pages.flight(key)
		if done == nil {
			if p != nil {
				s.serveCached(w, r, p, visitor)
				return
			}
			select {
			case <-wait:
			case <-r.Context().Done():
				return
			}
			if p, fresh := s.cached(key, s.pages.held); fresh {
				s.serveCached(w, r, p, visitor)
				return
			}
		}
		p = func() *cachedPage {
			if done != nil {
				defer done() // before this visitor's page is written: the others need not wait for that
			}
			return s.renderPage(next, r, key, visitor)
		}()
		writeCached(w, p, 0)
	})
}

// cached is key's page as the cache holds it now, looked up with get, or
// with held by a visitor who asked for it already.
func (s *server) cached(key string, look func(string, int64, time.Time) (*cachedPage, bool)) (*cachedPage, bool) {
	return look(key, s.Store.CatalogVersion(), s.Store.OthersMark(s.pages.now))
}

// serveCached answers r with p, kept earlier.
func (s *server) serveCached(w http.ResponseWriter, r *http.Request, p *cachedPage, visitor string) {
	if visitor != "-" {
		s.touchSession(w, r)
	}
	writeCached(w, p, s.pages.now().Sub(p.stored))
}

// renderPage renders r's page and keeps it under key if it may be kept:
// the catalog version is the one before the render, so a write during it
// leaves a page that is not served.
func (s *server) renderPage(next http.Handler, r *http.Request, key, visitor string) *cachedPage {
	version, began := s.Store.CatalogVersion(), s.pages.now()
	rec := &captureWriter{header: http.Header{}}
	next.ServeHTTP(rec, r)
	p := &cachedPage{key: key, version: version, stored: began, status: rec.status, header: rec.header, body: rec.body.Bytes()}
	switch {
	case p.status != http.StatusOK:
	case visitor == "-" && p.header.Get("Set-Cookie") == "":
		s.pages.put(p)
	case visitor != "-":
		// The session's own cookie goes to this visitor, never into the cache.
		kept := *p
		kept.header = p.header.Clone()
		kept.header.Del("Set-Cookie")
		s.pages.put(&kept)
	}
	return p
}

// pageKey is r's key in the page cache, which holds everything the page
// varies by: URL, language, htmx partial or not, compression, the visitor
// (cartVisitor) and pageVersion. ok is false for a page rendered afresh.
// r comes back carrying the session cartVisitor loaded.
func (s *server) pageKey(r *http.Request) (key, visitor string, _ *http.Request, ok bool) {
	visitor = "-"
	var cart store.CartState
	if s.hasSession(r) {
		if visitor, cart, r, ok = s.cartVisitor(r); !ok {
			return "", "", r, false
		}
	}
	page, ok := s.pageVersion(r, visitor, cart)
	if !ok {
		return "", "", r, false
	}
	locale, _, err := s.requestLocale(r)
	if err != nil {
		return "", "", r, false
	}
	return strings.Join([]string{r.URL.RequestURI(), locale, boolKey(kit.IsHTMX(r)),
		boolKey(acceptsGzip(r.Header.Get("Accept-Encoding"))), visitor, page}, "\x00"), visitor, r, true
}

// pageVersion is what the page r asks for shows beyond its URL, language
// and visitor, or ok false for a page rendered afresh. The cart page shows
// the cart (its serial) and every line's stock against its quantity, which
// any order here may change (StockVersion); a cart with a coupon, whose
// checks read the clock and other orders, or a notice to show once, is
// rendered afresh. A product page shows its stock (productStock).
func (s *server) pageVersion(r *http.Request, visitor string, cart store.CartState) (page string, ok bool) {
	if r.URL.Path != "/cart" {
		return s.productStock(r.URL.Path), true
	}
	if cart.Coupon || visitor != "-" && s.Sessions.GetString(r.Context(), kit.SessionCartNotice) != "" {
		return "", false
	}
	return strconv.FormatUint(cart.Serial, 10) + "/" + strconv.FormatInt(s.Store.StockVersion(), 10), true
}

// productStock is the stock version (store.ProductStockVersion) of the
// product a path shows, in any language; "" for other pages. An order that
// leaves few of a product redraws that product's page alone.
func (s *server) productStock(path string) string {
	if _, rest, ok := i18n.SplitPath(path); ok {
		path = rest
	}
	handle, ok := strings.CutPrefix(path, "/products/")
	if !ok {
		return ""
	}
	handle, _, _ = strings.Cut(handle, "/")
	return strconv.FormatInt(s.Store.ProductStockVersion(handle), 10)
}

// cartVisitor sorts a visitor with a session for the page cache. A
// shopper who is not signed in (as a customer or as staff) sees a catalog
// page exactly as an anonymous visitor does but for the header's cart
// count, so their pages are cached by that count (and by whether they
// passed a closed shop's password): browsing with a cart costs what
// browsing without one does. Anyone signed in may see their own prices
// and is rendered afresh (ok false). r comes back carrying the loaded
// session, which the session middleware then reuses.
func (s *server) cartVisitor(r *http.Request) (visitor string, cart store.CartState, _ *http.Request, ok bool) {
	cookie, _ := r.Cookie(s.Sessions.Cookie.Name)
	ctx, err := s.Sessions.Load(r.Context(), cookie.Value)
	if err != nil {
		return "", cart, r, false
	}
	r = r.WithContext(ctx)
	if s.Sessions.GetInt64(ctx, kit.SessionCustomerID) != 0 || s.Sessions.GetString(ctx, kit.SessionStaffToken) != "" {
		return "", cart, r, false
	}
	if cart, err = s.Store.CartState(ctx, s.Sessions.GetString(ctx, kit.SessionCart)); err != nil {
		return "", cart, r, false
	}
	return "cart=" + strconv.FormatInt(cart.Count, 10) + "/" + boolKey(s.Sessions.GetBool(ctx, kit.SessionShopPassword)), cart, r, true
}

// touchSession renews the session of a visitor served from the cache, as
// the session middleware would have: its idle timeout runs from now.
func (s *server) touchSession(w http.ResponseWriter, r *http.Request) {
	if s.Sessions.Status(r.Context()) != scs.Modified {
		return // no session was found: nothing to renew, and none is made
	}
	token, expiry, err := s.Sessions.Commit(r.Context())
	if err != nil {
		s.Log.Warn("renew session", "err", err)
		return
	}
	s.Sessions.WriteSessionCookie(r.Context(), w, token, expiry)
}

func (s *server) hasSession(r *http.Request) bool {
	_, err := r.Cookie(s.Sessions.Cookie.Name)
	return err == nil
}

// writeCached replays p, stored age ago. A page rendered earlier says how
// much earlier: Age (whole seconds, for caches and htmx's requests) and
// Server-Timing's "age" (milliseconds, which a page's script reads from its
// navigation entry), so that a flash sale's countdown, rendered as seconds
// left by the server's clock, counts from the right moment.
func writeCached(w http.ResponseWriter, p *cachedPage, age time.Duration) {
	h := w.Header()
	for k, v := range p.header {
		h[k] = v
	}
	if age > 0 {
		h.Set("Age", strconv.FormatInt(int64(age/time.Second), 10))
		h.Set("Server-Timing", "age;dur="+strconv.FormatInt(age.Milliseconds(), 10))
	}
	w.WriteHeader(p.status)
	w.Write(p.body)
}

func boolKey(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// captureWriter records a whole response so it can be cached and replayed.
type captureWriter struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (c *captureWriter) Header() http.Header { return c.header }

func (c *captureWriter) WriteHeader(code int) {
	if c.status == 0 {
		c.status = code
	}
}

func (c *captureWriter) Write(b []byte) (int, error) {
	if c.status == 0 {
		c.status = http.StatusOK
	}
	return c.body.Write(b)
}
