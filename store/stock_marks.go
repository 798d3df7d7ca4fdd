package store

import (
	"sync"
	"sync/atomic"
)

// ProductStockVersion changes whenever an order here changes what the
// product's page shows of its stock (how many are left) without changing
// what any other page shows; a product selling out changes CatalogVersion
// instead. Product pages are cached by both, so that during a sale each
// order redraws the pages of what it bought, not every page of the shop.
func (s *Store) ProductStockVersion(handle string) int64 { return s.stockMarks.get(handle) }

// StockVersion changes with every order placed here: each takes stock,
// whether or not a product page shows it. The cart page, which flags a
// line that wants more than is left, is cached by it and by
// CatalogVersion, which every other change of stock bumps.
func (s *Store) StockVersion() int64 { return s.stockMarks.orders.Load() }

// stockMarks holds ProductStockVersion and StockVersion. A handle's
// versions come from one counter, so they never repeat; entries are never
// dropped, since a dropped one would read 0 again and could match a page
// cached at 0 before a change. A shop has one entry at most per product
// it sold.
type stockMarks struct {
	mu   sync.RWMutex
	next int64
	m    map[string]int64
	// orders counts the orders placed, for StockVersion.
	orders atomic.Int64
}

func (m *stockMarks) get(handle string) int64 {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return m.m[handle]
}

func (m *stockMarks) bump(handle string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.m == nil {
		m.m = map[string]int64{}
	}
	m.next++
	m.m[handle] = m.next
}
