package store

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// CartCount is the number of items (the sum of the quantities) in token's
// open cart, for the header; 0 when there is none.
func (s *Store) CartCount(ctx context.Context, token string) (int64, error) {
	st, err := s.CartState(ctx, token)
	return st.Count, err
}

// CartState is what a page knows of an open cart without reading its
// lines. Every page a shopper with a cart opens shows the count, cached
// pages included (their cache key holds it); the cart page is cached by
// Serial.
type CartState struct {
	Count  int64 // the sum of the quantities
	Coupon bool  // a coupon is on a cart with lines
	// Serial changes with every change this store makes to the cart, and
	// no two carts ever share one (but 0, no cart).
	Serial uint64
}

// CartState is token's cart as kept in memory. This store's own changes
// to a cart forget it at once, a deleted variant's lines included
// (SaveProduct); another process's change shows once the store learns of
// it (OthersMark), within about a second, and keeps the serial if the
// count and the coupon are as they were. Reading each cart again once a
// second had passed cost a browsing shopper's every page a query.
func (s *Store) CartState(ctx context.Context, token string) (CartState, error) {
	if token == "" {
		return CartState{}, nil
	}
	mark := s.OthersMark(time.Now)
	now := time.Now()
	st, gen, ok := s.cartCounts.get(token, mark)
	if ok {
		return st, nil
	}
	var coupon string
	err := s.queryRow(ctx, `SELECT coalesce(sum(l.quantity), 0), coalesce(max(c.coupon), '') FROM carts c
		JOIN cart_lines l ON l.cart_id = c.id WHERE c.token = ? AND c.status = 'open'`, token).Scan(&st.Count, &coupon)
	if err != nil {
		return CartState{}, fmt.Errorf("cart count: %w", err)
	}
	st.Coupon = coupon != ""
	return s.cartCounts.put(token, st, gen, now), nil
}

// maxCartCounts bounds the memory: past it the counts are dropped and
// read again.
const maxCartCounts = 50_000

// cartCounts is CartState's memory. gen counts forgets, so that a state
// read before a change committed is not kept after the change forgot it.
// serial is the last serial given out.
type cartCounts struct {
	mu     sync.Mutex
	gen    uint64
	serial uint64
	counts map[string]cartCount
}

type cartCount struct {
	CartState
	read time.Time
}

// get returns token's state if it was read at or after staleBefore.
func (c *cartCounts) get(token string, staleBefore time.Time) (st CartState, gen uint64, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.counts[token]
	if ok && !e.read.Before(staleBefore) {
		return e.CartState, c.gen, true
	}
	return CartState{}, c.gen, false
}

// put keeps st, read at now, and returns it with its serial: the kept
// one's when the cart was not forgotten since and reads the same, else a
// new one. A state read before a forget (of any cart: gen counts them
// all) is not kept and gets a serial nothing else has, since the change
// may have committed after the read.
func (c *cartCounts) put(token string, st CartState, gen uint64, now time.Time) CartState {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, kept := c.counts[token]
	if gen == c.gen && kept && e.Count == st.Count && e.Coupon == st.Coupon {
		st.Serial = e.Serial
	} else {
		c.serial++
		st.Serial = c.serial
	}
	if gen != c.gen {
		return st
	}
	if c.counts == nil || len(c.counts) >= maxCartCounts {
		c.counts = map[string]cartCount{}
	}
	c.counts[token] = cartCount{CartState: st, read: now}
	return st
}

// forget drops the states of tokens' carts, every cart's with none.
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
