package store

import "sync"

// ProductStockVersion changes whenever an order here changes what the
// product's page shows of its stock (how many are left) without changing
// what any other page shows; a product selling out changes CatalogVersion
// instead. Product pages are cached by both, so that during a sale each
// order redraws the pages of what it bought, not every page of the shop.
func (s *Store) ProductStockVersion(handle string) int64 { return s.stockMarks.get(handle) }

// stockMarks holds ProductStockVersion. Versions come from one counter,
// so a handle's version never repeats; entries are never dropped, since a
// dropped one would read 0 again and could match a page cached at 0
// before a change. A shop has one entry at most per product it sold.
type stockMarks struct {
	mu   sync.RWMutex
	next int64
	m    map[string]int64
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
