package store

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// CartCount is the number of items (the sum of the quantities) in token's
// open cart, for the header; 0 when there is none.
//
// Every page a shopper with a cart opens shows it, cached pages included
// (their cache key holds it), so counts are kept in memory for
// cartCountFresh. This store's own changes to a cart forget its count at
// once; a change it does not make itself (another process on the file, a
// deleted product's lines) shows within cartCountFresh.
func (s *Store) CartCount(ctx context.Context, token string) (int64, error) {
	if token == "" {
		return 0, nil
	}
	now := time.Now()
	n, gen, ok := s.cartCounts.get(token, now)
	if ok {
		return n, nil
	}
	err := s.queryRow(ctx, `SELECT coalesce(sum(l.quantity), 0) FROM carts c JOIN cart_lines l ON l.cart_id = c.id
		WHERE c.token = ? AND c.status = 'open'`, token).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("cart count: %w", err)
	}
	s.cartCounts.put(token, n, gen, now)
	return n, nil
}

const (
	cartCountFresh = time.Second
	// maxCartCounts bounds the memory: past it the counts are dropped and
	// read again.
	maxCartCounts = 50_000
)

// cartCounts is CartCount's memory. gen counts forgets, so that a count
// read before a change committed is not kept after the change forgot it.
type cartCounts struct {
	mu     sync.Mutex
	gen    uint64
	counts map[string]cartCount
}

type cartCount struct {
	n    int64
	read time.Time
}

func (c *cartCounts) get(token string, now time.Time) (n int64, gen uint64, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.counts[token]
	if ok && now.Sub(e.read) < cartCountFresh {
		return e.n, c.gen, true
	}
	return 0, c.gen, false
}

func (c *cartCounts) put(token string, n int64, gen uint64, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen {
		return
	}
	if c.counts == nil || len(c.counts) >= maxCartCounts {
		c.counts = map[string]cartCount{}
	}
	c.counts[token] = cartCount{n: n, read: now}
}

// forget drops the counts of tokens' carts, every cart's with none.
func (c *cartCounts) forget(tokens ...string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	if len(tokens) == 0 {
		clear(c.counts)
	}
	for _, t := range tokens {
		delete(c.counts, t)
	}
}
