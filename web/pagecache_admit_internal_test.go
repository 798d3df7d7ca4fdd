package web

import (
	"strconv"
	"testing"
)

// TestAskCounts: a key's count is how often it was asked for, halved
// every window asks, and stops at 255 rather than wrapping round.
func TestAskCounts(t *testing.T) {
	a := newAskCounts(1000)
	for range 10 {
		a.add("/products/tea")
	}
	for i := range 989 {
		a.add("/search?q=" + strconv.Itoa(i))
	}
	if got := a.count("/products/tea"); got != 10 {
		t.Errorf("count after 10 asks = %d", got)
	}
	a.add("/search?q=last") // the 1000th ask halves the counts
	if got, other := a.count("/products/tea"), a.count("/search?q=1"); got != 5 || other != 0 {
		t.Errorf("counts after halving = %d and %d, want 5 and 0", got, other)
	}
	b := newAskCounts(1 << 20)
	for range 300 {
		b.add("/")
	}
	if got := b.count("/"); got != 255 {
		t.Errorf("count after 300 asks = %d, want 255", got)
	}
}
